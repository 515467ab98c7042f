import { LEVELS, levelIndex, levelThreshold, type ComparisonKind } from '../../../shared/dedup/compare/comparison-library';

describe('comparison levels', () => {
  const kinds = Object.keys(LEVELS) as ComparisonKind[];

  it('names each level once per comparison, and levelIndex gives its gamma', () => {
    for (const kind of kinds) {
      const index: { readonly [name: string]: number } = levelIndex(kind);
      LEVELS[kind].forEach((spec, gamma) => expect(index[spec.name]).toBe(gamma));
      expect(Object.keys(index)).toHaveLength(LEVELS[kind].length);
    }
  });

  it('writes each threshold into its label', () => {
    expect(levelThreshold('name', 'someWords')).toBe(0.35);
    expect(LEVELS.name[levelIndex('name').veryClose]?.label).toBe('very similar (weighted words ≥ 0.85 or Jaro-Winkler ≥ 0.96)');
    expect(LEVELS.location[levelIndex('location').sameSpot]?.label).toBe('within 100 m on the map, no street to compare');
  });

  it('refuses a threshold a level does not have', () => {
    expect(() => levelThreshold('name', 'exact')).toThrow('no threshold');
  });
});
