/**
 * The shapes that dominate errors on real listings from several directories (see
 * test/fixtures/dedup/hard.csv and its answer key in truth.csv): names in a short or long form
 * with a neighbourhood given for the city, and look-alikes that are two organizations (branches
 * in two cities, two organizations at one address).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupe, type DedupeResult } from '../../../shared/dedup';
import { normalizeName } from '../../../shared/dedup/features/name';
import { parseCsv } from '../../../shared/read/csv';
import { rowsToRecords } from '../../../shared/read/records';
import type { Record } from '../../../shared/schema/record';
import { record, withBackground } from './helpers';

const fixtures = join(__dirname, '../../fixtures/dedup');
const hard = (): Record[] => rowsToRecords(parseCsv(readFileSync(join(fixtures, 'hard.csv'), 'utf8')),
  { source: 'hard', headerRowIndex: 0 }).records;


/** Row numbers of the fixture (header = 1), grouped as the answer key groups them. */
function expectedGroups(file: string): number[][] {
  const groups = new Map<string, number[]>();
  for (const [name, row, entity] of parseCsv(readFileSync(join(fixtures, 'truth.csv'), 'utf8')).slice(1)) {
    if (name === file) groups.set(entity as string, [...(groups.get(entity as string) ?? []), Number(row)]);
  }
  return [...groups.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
}

const fixtureGroups = (result: DedupeResult, source: string): number[][] => result.clusters
  .filter((cluster) => cluster.recordIds.some((id) => id.startsWith(`${source}:`)))
  .map((cluster) => cluster.recordIds.map((id) => Number(id.split(':')[1])).sort((a, b) => a - b))
  .sort((a, b) => (a[0] as number) - (b[0] as number));

const probabilityOf = (result: DedupeResult, a: number, b: number): number =>
  result.pairs.find((pair) => pair.a === `hard:${a}` && pair.b === `hard:${b}`)?.matchProbability ?? 0;

describe('harder duplicates', () => {
  const result = dedupe(withBackground(hard()));

  it('clusters the hard fixture exactly as its answer key', () => {
    expect(fixtureGroups(result, 'hard')).toEqual(expectedGroups('hard.csv'));
  });

  it('lets the street address outweigh a short form of the name and a neighbourhood named for the city', () => {
    // "Harmony's Delicatessen", Chicago / "Harmony's Deli", Lincoln Park
    expect(result.clusterOf.get('hard:2')).toBe(result.clusterOf.get('hard:3'));
    // "The Granary Kitchen", Portland 97211 / "Granary Kitchen (Portland)", Alberta Arts District, no ZIP
    expect(result.clusterOf.get('hard:4')).toBe(result.clusterOf.get('hard:5'));
    // "Café Marigold" / "Marigold Cafe", the square named instead of the city
    expect(result.clusterOf.get('hard:8')).toBe(result.clusterOf.get('hard:9'));
  });

  it('does not let a name, phone and website outweigh two street addresses in two cities, but asks a person', () => {
    // Sumac Grocery Co-op, Madison and Milwaukee, one central phone and one website
    expect(result.clusterOf.get('hard:10')).not.toBe(result.clusterOf.get('hard:11'));
    expect(probabilityOf(result, 10, 11)).toBeLessThan(0.5);
    expect(probabilityOf(result, 10, 11)).toBeGreaterThan(0.1);
    // Osprey Books, Burlington and Portland, one website
    expect(result.clusterOf.get('hard:17')).not.toBe(result.clusterOf.get('hard:18'));
  });

  it('keeps apart different organizations at one address with one phone', () => {
    // a hotel's café and its dining room
    expect(result.clusterOf.get('hard:13')).not.toBe(result.clusterOf.get('hard:14'));
    // two offices in one building
    expect(result.clusterOf.get('hard:15')).not.toBe(result.clusterOf.get('hard:16'));
  });

  it('reads a trailing bracket as a qualifier of the name, not part of it', () => {
    expect(normalizeName('Granary Kitchen (Portland)').key).toBe(normalizeName('Granary Kitchen').key);
    expect(normalizeName('Riverside Food Co-op (RFC)').key).toBe('riverside food');
    expect(normalizeName('(Untitled)').key).toBe('untitled');
  });

  it('matches names written with and without a space between words', () => {
    const pair = dedupe(withBackground([
      record('x:1', { name: 'Upper Silverlake Farm Association', street: '1533 W Malcolm X Street', city: 'Burlington', postal_code: '05499' }),
      record('x:2', { name: 'UpperSilverlake Farm Association', street: '1533 W Malcolm X', city: 'Burlington', website: 'upper-silverlake-farm.coop' }),
    ]));
    expect(pair.clusterOf.get('x:1')).toBe(pair.clusterOf.get('x:2'));
  });
});
