import { distance } from 'fastest-levenshtein';
import { jaroWinkler, jaroWinklerAtLeast, withinOneEdit } from '../../../shared/dedup/compare/string-similarity';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['pine', 'pnie', 0.925],
  ])('scores %s / %s as the textbook %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 2);
  });

  it('is 1 for equal strings, 0 for nothing in common or empty input', () => {
    expect(jaroWinkler('harmony', 'harmony')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });

  it('is symmetric and handles strings longer than its scratch buffers', () => {
    const long = 'cooperative '.repeat(20);
    expect(jaroWinkler(long, `${long}x`)).toBeGreaterThan(0.99);
    expect(jaroWinkler('juniper', 'junpier')).toBeCloseTo(jaroWinkler('junpier', 'juniper'), 10);
  });

  it('skips measuring only when the cut-off is out of reach', () => {
    expect(jaroWinklerAtLeast('ab', 'abcdefghij', 0.9)).toBe(0);
    expect(jaroWinklerAtLeast('martha', 'marhta', 0.9)).toBeCloseTo(0.961, 2);
  });
});

describe('withinOneEdit', () => {
  it('agrees with Levenshtein distance ≤ 1, plus adjacent swaps', () => {
    const cases: [string, string][] = [['212', '212'], ['212', '2120'], ['212', '21'], ['212', '213'], ['212', '221'],
      ['212', '345'], ['1', ''], ['12', '21']];
    for (const [a, b] of cases) {
      const swap = a.length === b.length && a.length >= 2 && distance(a, b) === 2 && [...a].sort().join() === [...b].sort().join();
      expect(withinOneEdit(a, b)).toBe(distance(a, b) <= 1 || swap);
    }
  });
});
