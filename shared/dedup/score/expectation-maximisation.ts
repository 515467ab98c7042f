/**
 * Stage 4, score: m and u estimated by expectation-maximisation over the candidate pairs, as
 * Splink's `expectation_maximisation` does, with no labelled pairs needed. Pairs that share a
 * comparison vector are counted once as a pattern, so an iteration costs the number of distinct
 * patterns, not of pairs. Pairs a person has decided keep their label in every E-step: each
 * decision teaches the model what a match looks like.
 */
import type { ComparisonSpec } from '../compare/comparison-library';
import { normalizeNonNull, startingM, startingU } from './starting-values';
import type { Parameters } from './model';

const PRIOR_PAIRS = 4;

export interface EmOptions {
  readonly maxIterations: number;
  /** Stop when no probability moves more than this between iterations (Splink's `em_convergence`). */
  readonly emConvergence: number;
  /** m rows held fixed by comparison index (Splink fixes u the same way); others are estimated. */
  readonly fixedM?: ReadonlyMap<number, Float64Array>;
}

/** Distinct comparison vectors with how many pairs show each, split by decision. */
export interface PatternCounts {
  readonly vectors: Uint8Array;
  /** Undecided pairs, decided matches and decided non-matches per pattern. */
  readonly open: Float64Array;
  readonly matches: Float64Array;
  readonly nonMatches: Float64Array;
  readonly size: number;
}

/** `labels[i]` is 1 for a decided match, -1 for a decided non-match, 0 otherwise. */
export function patternCounts(gammas: Uint8Array, width: number, labels?: Int8Array): PatternCounts {
  const index = new Map<number, number>();
  const vectors: number[] = [];
  const open: number[] = [];
  const matches: number[] = [];
  const nonMatches: number[] = [];
  const pairs = width === 0 ? 0 : gammas.length / width;
  for (let i = 0; i < pairs; i++) {
    // Levels fit in 4 bits and there are at most 13 comparisons, so the key is exact in a double.
    let key = 0;
    for (let c = 0; c < width; c++) key = key * 16 + (gammas[i * width + c] as number);
    let p = index.get(key);
    if (p === undefined) {
      p = open.length;
      index.set(key, p);
      for (let c = 0; c < width; c++) vectors.push(gammas[i * width + c] as number);
      open.push(0);
      matches.push(0);
      nonMatches.push(0);
    }
    const label = labels?.[i] ?? 0;
    if (label > 0) matches[p] = (matches[p] as number) + 1;
    else if (label < 0) nonMatches[p] = (nonMatches[p] as number) + 1;
    else open[p] = (open[p] as number) + 1;
  }
  return { vectors: Uint8Array.from(vectors), open: Float64Array.from(open), matches: Float64Array.from(matches),
    nonMatches: Float64Array.from(nonMatches), size: open.length };
}

/** P(match | pattern) under the current parameters: the E-step. */
export function expectationStep(patterns: PatternCounts, width: number, parameters: Parameters): Float64Array {
  const responsibility = new Float64Array(patterns.size);
  for (let p = 0; p < patterns.size; p++) {
    let odds = parameters.lambda / (1 - parameters.lambda);
    for (let c = 0; c < width; c++) {
      const gamma = patterns.vectors[p * width + c] as number;
      if (gamma === 0) continue;
      odds *= ((parameters.m[c] as Float64Array)[gamma] as number) / ((parameters.u[c] as Float64Array)[gamma] as number);
    }
    responsibility[p] = Number.isFinite(odds) ? odds / (1 + odds) : 1;
  }
  return responsibility;
}

/** New m, u and lambda from expected match counts: the M-step. */
export function maximisationStep(patterns: PatternCounts, width: number, specs: readonly ComparisonSpec[],
  responsibility: Float64Array): Parameters {
  // A few pseudo-pairs drawn from the starting values keep every probability above zero, so no
  // level can veto a pair, and keep a sensible model when there are hardly any pairs to learn from.
  const mCounts = startingM(specs).map((row) => row.map((p) => p * PRIOR_PAIRS));
  const uCounts = startingU(specs).map((row) => row.map((p) => p * PRIOR_PAIRS));
  let matchTotal = 0;
  let total = 0;
  for (let p = 0; p < patterns.size; p++) {
    const open = patterns.open[p] as number;
    const asMatch = open * (responsibility[p] as number) + (patterns.matches[p] as number);
    const asNonMatch = open * (1 - (responsibility[p] as number)) + (patterns.nonMatches[p] as number);
    matchTotal += asMatch;
    total += asMatch + asNonMatch;
    for (let c = 0; c < width; c++) {
      const gamma = patterns.vectors[p * width + c] as number;
      const m = mCounts[c] as Float64Array;
      const u = uCounts[c] as Float64Array;
      m[gamma] = (m[gamma] as number) + asMatch;
      u[gamma] = (u[gamma] as number) + asNonMatch;
    }
  }
  // A tenth of a pseudo-match in one pseudo-pair: with no pairs at all, the prior stays low.
  const lambda = Math.min(Math.max((matchTotal + 0.1) / (total + 1), 1e-6), 1 - 1e-6);
  return { m: mCounts.map(normalizeNonNull), u: uCounts.map(normalizeNonNull), lambda };
}

export function expectationMaximisation(patterns: PatternCounts, specs: readonly ComparisonSpec[], start: Parameters,
  options: EmOptions): { parameters: Parameters; iterations: number; converged: boolean } {
  const width = specs.length;
  let parameters = start;
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const next = maximisationStep(patterns, width, specs, expectationStep(patterns, width, parameters));
    for (const [c, row] of options.fixedM ?? []) next.m[c] = row;
    const change = largestChange(parameters, next);
    parameters = next;
    if (change < options.emConvergence) return { parameters, iterations: iteration, converged: true };
  }
  return { parameters, iterations: options.maxIterations, converged: false };
}

function largestChange(before: Parameters, after: Parameters): number {
  let change = Math.abs(before.lambda - after.lambda);
  for (let c = 0; c < after.m.length; c++) {
    const m0 = before.m[c] as Float64Array;
    const m1 = after.m[c] as Float64Array;
    const u0 = before.u[c] as Float64Array;
    const u1 = after.u[c] as Float64Array;
    for (let g = 1; g < m1.length; g++) {
      change = Math.max(change, Math.abs((m0[g] as number) - (m1[g] as number)),
        Math.abs((u0[g] as number) - (u1[g] as number)));
    }
  }
  return change;
}

/**
 * The same patterns with some comparisons blanked to their null level, restricted to patterns
 * where `keep` holds: a training session in Splink's sense (see training-sessions.ts).
 */
export function sessionPatterns(patterns: PatternCounts, width: number, keep: (vector: Uint8Array) => boolean,
  blank: readonly number[]): PatternCounts {
  const vectors: number[] = [];
  const open: number[] = [];
  const matches: number[] = [];
  const nonMatches: number[] = [];
  for (let p = 0; p < patterns.size; p++) {
    const vector = patterns.vectors.subarray(p * width, (p + 1) * width);
    if (!keep(vector)) continue;
    for (let c = 0; c < width; c++) vectors.push(blank.includes(c) ? 0 : vector[c] as number);
    open.push(patterns.open[p] as number);
    matches.push(patterns.matches[p] as number);
    nonMatches.push(patterns.nonMatches[p] as number);
  }
  return { vectors: Uint8Array.from(vectors), open: Float64Array.from(open), matches: Float64Array.from(matches),
    nonMatches: Float64Array.from(nonMatches), size: open.length };
}
