/**
 * When each row of a source last changed, for survivorship ("among equally trusted sources, the
 * most recently changed record wins"). A sheet has one modification time for the whole file, so
 * taking it for every row made one edited cell rank all of that sheet's rows as the newest and
 * flip the merged values of hundreds of listings nobody touched. Instead a row keeps the time it
 * had while its cells stay the same; only a new or edited row takes the time of this read:
 *
 * - the source's own modification time when its reader gives one (Drive's `modifiedTime`: the
 *   edit happened at or before it);
 * - else, when the source was read before, the time of this read (the edit happened since then);
 * - else "" (a first read cannot date its rows), which ranks below any known time.
 *
 * Rows are matched by their cells, not their position, so inserting or sorting rows changes nothing.
 */
import type { SourceSnapshot } from './types';

/** Times parallel to `snapshot.rows`; a snapshot stored before times were kept dates every row at its read. */
export function snapshotTimes(snapshot: SourceSnapshot): readonly string[] {
  if (snapshot.changedAt && snapshot.changedAt.length === snapshot.rows.length) return snapshot.changedAt;
  const time = snapshot.extra?.modifiedTime ?? '';
  return snapshot.rows.map(() => time);
}

export function rowChangeTimes(rows: readonly (readonly string[])[], previous: SourceSnapshot | undefined,
  read: { readonly modifiedTime?: string; readonly at: string }): string[] {
  const known = new Map<string, string>();
  if (previous) {
    const times = snapshotTimes(previous);
    previous.rows.forEach((row, index) => {
      const key = JSON.stringify(row);
      if (!known.has(key)) known.set(key, times[index] ?? '');
    });
  }
  const fresh = read.modifiedTime || (previous ? read.at : '');
  return rows.map((row) => known.get(JSON.stringify(row)) ?? fresh);
}
