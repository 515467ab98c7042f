import { VOCABULARIES, VOCABULARY_NAMES } from '../../../shared/schema/vocabularies';
import { closestTerms, findTerm, normalizeTerms, termKey } from '../../../shared/normalize/vocabulary';

describe('vocabulary terms', () => {
  it.each(['Co-op, Worker', 'worker coop', 'Worker-owned', 'WORKER COOPERATIVES', 'worker co-op'])('resolves %j to worker cooperative', (raw) => {
    expect(findTerm('org_type', raw)?.label).toBe('worker cooperative');
  });

  it('resolves every label and synonym of every vocabulary to its own term', () => {
    for (const name of VOCABULARY_NAMES) {
      for (const term of VOCABULARIES[name].terms) {
        expect(findTerm(name, term.label)).toBe(term);
      }
    }
  });

  it('gives no two terms of one vocabulary the same matching key', () => {
    for (const name of VOCABULARY_NAMES) {
      const seen = new Map<string, string>();
      for (const term of VOCABULARIES[name].terms) {
        for (const text of [term.label, ...term.synonyms]) {
          const key = termKey(text);
          const owner = seen.get(key);
          if (owner && owner !== term.key) throw new Error(`${name}: "${text}" matches ${owner} and ${term.key}`);
          seen.set(key, term.key);
        }
      }
    }
  });

  it('normalizes a multi-valued cell to labels, comma- or semicolon-separated', () => {
    expect(normalizeTerms('grocery; cafe', 'sector').value).toBe('retail & grocery; hospitality & food service');
    expect(normalizeTerms('housing, education', 'sector').value).toBe('housing; education');
  });

  it('keeps known terms and suggests the closest ones for an unknown term', () => {
    const result = normalizeTerms('worker cooperative; credit unoin', 'org_type');
    expect(result.value).toBe('worker cooperative');
    expect(result.problem?.message).toMatch(/"credit unoin" is not in the type of organization list; did you mean "credit union"/);
    expect(result.problem?.fix).toBe('worker cooperative; credit union');
    expect(closestTerms('org_type', 'credit unoin')[0]?.term.key).toBe('credit_union');
  });

  it('offers no fix when nothing is close', () => {
    expect(normalizeTerms('spaceships', 'sector').problem?.fix).toBeUndefined();
  });
});
