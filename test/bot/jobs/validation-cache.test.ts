/**
 * A source validated last run with the same rows, settings and year gets its last result back;
 * anything that could change the result validates again, and a damaged cache only costs time.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceOutcome } from '../../../bot/src/jobs/stages/read';
import { validateRowsOf } from '../../../bot/src/jobs/stages/validate';
import { rowsDigest, ValidationCache } from '../../../bot/src/jobs/validation-cache';
import { entry } from '../helpers/entries';
import { useTempDir } from '../../helpers/temp-dir';

const header = ['Name', 'Street address', 'City', 'State', 'Postal code'];
const uptown = ['Uptown Tool Library', '4400 N Broadway', 'Chicago', 'IL', '60640'];
const other = ['Bad Year Co-op', '1 Main St', 'Chicago', 'IL', '60601'];
const rows = [header, uptown, other];
const outcome = (overrides: Partial<SourceOutcome> = {}): SourceOutcome => ({
  entry: entry({ key: 'a', kind: 'csv', location: 'a.csv' }), state: 'read', rows, changedAt: rows.map(() => ''), requests: 0, ...overrides,
});
const now = new Date('2026-06-01T12:00:00Z');

const temp = useTempDir('dcc-validated-');

const cacheFile = (): string => join(temp.path, 'cache', 'validated', 'a.json');

/** Replaces the cached result (keeping its digest line), so a hit is told apart from a fresh validation. */
function markCachedResult(): void {
  const text = readFileSync(cacheFile(), 'utf8');
  const digest = text.slice(0, text.indexOf('\n'));
  writeFileSync(cacheFile(), `${digest}\n${JSON.stringify({ records: [], heldBack: [], findings: [], dropped: {}, fatal: 'from cache' })}`);
}

function primed(): void {
  const cache = new ValidationCache(temp.path);
  cache.validate(outcome(), now);
  cache.save(new Set(['a']));
  markCachedResult();
}

describe('validation cache', () => {
  it('gives the same result as validating, and stores it only when saved', () => {
    const cache = new ValidationCache(temp.path);
    expect(cache.validate(outcome(), now)).toEqual(validateRowsOf(outcome(), rows, now));
    expect(() => readFileSync(cacheFile())).toThrow();
    cache.save(new Set(['a']));
    const reread = new ValidationCache(temp.path).validate(outcome(), now);
    expect(JSON.parse(JSON.stringify(reread))).toEqual(JSON.parse(JSON.stringify(validateRowsOf(outcome(), rows, now))));
  });

  it('returns the stored result when rows, settings and year are the same', () => {
    primed();
    expect(new ValidationCache(temp.path).validate(outcome({ rows: rows.map((row) => [...row]) }), now).fatal).toBe('from cache');
  });

  type Change = { rows?: string[][]; entry?: SourceOutcome['entry']; now?: Date };
  it.each<[string, Change]>([
    ['a cell changed', { rows: [header, ['Uptown Tool Library', '4401 N Broadway', 'Chicago', 'IL', '60640'], other] }],
    ['a row was added', { rows: [...rows, ['New Co-op', '2 Main St', 'Chicago', 'IL', '60601']] }],
    ['the country changed', { entry: entry({ key: 'a', kind: 'csv', location: 'a.csv', country: 'CA' }) }],
    ['the column map changed', { entry: entry({ key: 'a', kind: 'csv', location: 'a.csv', columnMap: { City: 'locality' } }) }],
    ['the year changed', { now: new Date('2027-06-01T12:00:00Z') }],
  ])('validates again when %s', (_, change) => {
    primed();
    const changed = outcome({ ...(change.entry ? { entry: change.entry } : {}), rows: change.rows ?? rows });
    const result = new ValidationCache(temp.path).validate(changed, change.now ?? now);
    expect(result.fatal).not.toBe('from cache');
    expect(result).toEqual(validateRowsOf(changed, changed.rows, change.now ?? now));
  });

  it('validates again, without failing, when the stored file is damaged', () => {
    primed();
    const text = readFileSync(cacheFile(), 'utf8');
    writeFileSync(cacheFile(), `${text.slice(0, text.indexOf('\n'))}\n{"records": [`);
    expect(new ValidationCache(temp.path).validate(outcome(), now)).toEqual(validateRowsOf(outcome(), rows, now));
  });

  it('names each file by its key, escaped for the file system', () => {
    const cache = new ValidationCache(temp.path);
    const slash = outcome({ entry: entry({ key: 'a/b', kind: 'csv', location: 'a.csv' }) });
    cache.validate(slash, now);
    cache.save(new Set(['a/b']));
    expect(readdirSync(join(temp.path, 'cache', 'validated'))).toEqual(['a%2Fb.json']);
  });

  it('removes the results of sources no longer read', () => {
    const cache = new ValidationCache(temp.path);
    cache.validate(outcome(), now);
    cache.validate(outcome({ entry: entry({ key: 'b', kind: 'csv', location: 'b.csv' }) }), now);
    cache.save(new Set(['a', 'b']));
    new ValidationCache(temp.path).save(new Set(['b']));
    expect(readdirSync(join(temp.path, 'cache', 'validated'))).toEqual(['b.json']);
  });

  it('digests rows by content, not identity, and tells row boundaries apart', () => {
    expect(rowsDigest([['a', 'b']])).toBe(rowsDigest([['a', 'b']]));
    expect(rowsDigest([['a', 'b']])).not.toBe(rowsDigest([['a'], ['b']]));
    expect(rowsDigest([['a,b']])).not.toBe(rowsDigest([['a', 'b']]));
  });
});
