import type { ComparisonSpec } from '../../../shared/dedup/compare/comparison-library';
import { LEVELS } from '../../../shared/dedup/compare/comparison-library';
import { seededRandom } from '../../../shared/dedup/score/estimate-u';
import { expectationMaximisation, patternCounts } from '../../../shared/dedup/score/expectation-maximisation';
import { startingM } from '../../../shared/dedup/score/starting-values';

const specs: ComparisonSpec[] = [
  { output: 'phone', kind: 'phone' },
  { output: 'website', kind: 'website' },
  { output: 'email', kind: 'email' },
  { output: 'legal_form', kind: 'legal_form' },
];

// True m and u by comparison, over levels 1… (level 0, null, is never generated here).
const TRUE_M = [[0.8, 0.1, 0.1], [0.9, 0.1], [0.7, 0.3], [0.6, 0.4]];
const TRUE_U = [[0.01, 0.01, 0.98], [0.05, 0.95], [0.02, 0.98], [0.3, 0.7]];
const LAMBDA = 0.3;

function draw(random: () => number, probabilities: readonly number[]): number {
  let r = random();
  for (let level = 0; level < probabilities.length; level++) {
    r -= probabilities[level] as number;
    if (r < 0) return level + 1;
  }
  return probabilities.length;
}

function generatedPairs(count: number, seed: number): { gammas: Uint8Array; isMatch: boolean[] } {
  const random = seededRandom(seed);
  const gammas = new Uint8Array(count * specs.length);
  const isMatch: boolean[] = [];
  for (let i = 0; i < count; i++) {
    const match = random() < LAMBDA;
    isMatch.push(match);
    specs.forEach((_, c) => {
      gammas[i * specs.length + c] = draw(random, (match ? TRUE_M : TRUE_U)[c] as number[]);
    });
  }
  return { gammas, isMatch };
}

const flatU = (): Float64Array[] => specs.map((spec) => {
  const levels = LEVELS[spec.kind].length;
  return Float64Array.from({ length: levels }, (_, g) => (g === 0 ? 1 : 1 / (levels - 1)));
});

describe('expectationMaximisation', () => {
  it('recovers known m and u probabilities and the match rate from generated pairs, without labels', () => {
    const { gammas } = generatedPairs(40000, 7);
    const { parameters, converged } = expectationMaximisation(patternCounts(gammas, specs.length), specs,
      { m: startingM(specs), u: flatU(), lambda: 0.1 }, { maxIterations: 200, emConvergence: 1e-7 });
    expect(converged).toBe(true);
    expect(parameters.lambda).toBeCloseTo(LAMBDA, 1);
    specs.forEach((_, c) => {
      (TRUE_M[c] as number[]).forEach((m, level) => expect(parameters.m[c]?.[level + 1]).toBeCloseTo(m, 1));
      (TRUE_U[c] as number[]).forEach((u, level) => expect(parameters.u[c]?.[level + 1]).toBeCloseTo(u, 1));
    });
  });

  it('gives the same estimates for the same pairs, run after run', () => {
    const { gammas } = generatedPairs(5000, 3);
    const run = (): string => JSON.stringify(expectationMaximisation(patternCounts(gammas, specs.length), specs,
      { m: startingM(specs), u: flatU(), lambda: 0.1 }, { maxIterations: 50, emConvergence: 1e-6 }).parameters.m.map((row) => Array.from(row)));
    expect(run()).toBe(run());
  });

  it('learns from decided pairs: labels alone pin m to what decided matches show', () => {
    const { gammas, isMatch } = generatedPairs(20000, 11);
    const labels = Int8Array.from(isMatch, (match) => (match ? 1 : -1));
    const { parameters } = expectationMaximisation(patternCounts(gammas, specs.length, labels), specs,
      { m: startingM(specs), u: flatU(), lambda: 0.1 }, { maxIterations: 5, emConvergence: 1e-9 });
    expect(parameters.m[0]?.[1]).toBeCloseTo(0.8, 1);
    expect(parameters.u[1]?.[2]).toBeCloseTo(0.95, 1);
  });

  it('stays finite with no pairs at all', () => {
    const { parameters } = expectationMaximisation(patternCounts(new Uint8Array(0), specs.length), specs,
      { m: startingM(specs), u: flatU(), lambda: 0.1 }, { maxIterations: 10, emConvergence: 1e-6 });
    for (const row of [...parameters.m, ...parameters.u]) for (const value of row) expect(Number.isFinite(value)).toBe(true);
  });
});
