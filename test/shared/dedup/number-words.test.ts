/**
 * Numbers in names: "Teamsters Local 123" and "Teamsters Local 132" are two organizations, not a
 * typo of one another, though letter by letter the names are nearly the same.
 */
import { dedupe, type DedupeResult } from '../../../shared/dedup';
import { levelIndex } from '../../../shared/dedup/compare/comparison-library';
import { record, withBackground } from './helpers';

const NAME = levelIndex('name');

function nameLevel(result: DedupeResult, a: string, b: string): number | undefined {
  const at = result.model.comparisons.findIndex((comparison) => comparison.kind === 'name');
  return result.pairs.find((pair) => pair.a === a && pair.b === b)?.gamma[at];
}

describe('numbers in names', () => {
  const result = dedupe(withBackground([
    record('t:1', { name: 'Teamsters Local 123', street: '10 Main St', city: 'Chicago', state: 'IL', postal_code: '60601' }),
    record('t:2', { name: 'Teamsters Local 132', street: '10 Main St', city: 'Chicago', state: 'IL', postal_code: '60601' }),
    record('t:3', { name: 'Teamsters Local 123', street: '10 Main Street', city: 'Chicago', state: 'IL', postal_code: '60601' }),
    record('t:4', { name: 'Riverside Bakery 4th Street', street: '55 Fourth St', city: 'Oakland', state: 'CA' }),
    record('t:5', { name: 'Riverside Bakery 4th Street', street: '55 Fourth St', city: 'Oakland', state: 'CA', phone: '510 555 0100' }),
  ]));

  it('does not rate names one number apart as very similar', () => {
    const level = nameLevel(result, 't:1', 't:2');
    expect(level).toBeDefined();
    expect(level).not.toBe(NAME.veryClose);
    expect(level).not.toBe(NAME.exact);
  });

  it('still matches the same number exactly', () => {
    expect(nameLevel(result, 't:1', 't:3')).toBe(NAME.exact);
    expect(result.clusterOf.get('t:1')).toBe(result.clusterOf.get('t:3'));
    expect(result.clusterOf.get('t:4')).toBe(result.clusterOf.get('t:5'));
  });
});
