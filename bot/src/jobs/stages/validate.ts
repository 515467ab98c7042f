/**
 * Stage: map headers, validate and normalize one source's rows (shared/validate does all three).
 * Rows with an error are held back and reported; a sheet whose headers cannot be used at all (no
 * name column), or that has no rows any more, counts as failed, so it never wipes that source's
 * rows from the master.
 *
 * Validation is a pure function of a source's rows, its registry settings and the year, so a
 * source whose rows did not change is not validated again: its last result comes from
 * ValidationCache (../validation-cache.ts).
 */
import type { Finding, Record } from '../../../../shared/schema';
import { validateRows } from '../../../../shared/validate';
import type { SnapshotStore } from '../../sources/snapshot-store';
import { snapshotTimes } from '../../sources/row-change-times';
import type { ValidationCache } from '../validation-cache';
import { droppedMatchValues, type DroppedMatchValues } from './match-values';
import type { SourceOutcome } from './read';

/** What validating one source's rows yields: everything but the outcome, so it can be cached. */
export interface Validation {
  /** Records fit for the master, values normalized. */
  readonly records: Record[];
  /** Rows held back by an error. */
  readonly heldBack: Record[];
  readonly findings: Finding[];
  /** Set when the whole sheet is unusable (e.g. no name column). */
  readonly fatal?: string;
  /** Match values validation dropped, for dedup (see match-values.ts). */
  readonly dropped: DroppedMatchValues;
}

export interface ValidatedSource extends Validation {
  readonly outcome: SourceOutcome;
}

/** Findings that make every row of a sheet unusable. */
const FATAL_CODES = new Set(['required_column_missing']);

/** Validates `rows` as `outcome`'s source. */
export function validateRowsOf(outcome: SourceOutcome, rows: readonly (readonly string[])[], now: Date): Validation {
  if (rows.length === 0) {
    return { records: [], heldBack: [], findings: [], dropped: {},
      ...(outcome.state === 'failed' ? {} : { fatal: 'the source is empty (no header row)' }) };
  }
  const { entry } = outcome;
  const result = validateRows(rows, {
    source: entry.key,
    ...(entry.country ? { country: entry.country } : {}),
    ...(entry.columnMap ? { overrides: entry.columnMap } : {}),
    now,
  });
  const fatal = result.findings.find((finding) => finding.row === 0 && FATAL_CODES.has(finding.code));
  if (fatal) return { records: [], heldBack: [], findings: result.findings, fatal: fatal.message, dropped: {} };
  // A sheet emptied by accident looks just like one emptied on purpose; keeping the earlier rows
  // (the caller falls back on them) is the mistake that loses nothing.
  if (result.records.length === 0) {
    return { records: [], heldBack: [], findings: result.findings, fatal: 'the source has a header but no rows', dropped: {} };
  }
  const records = result.records.filter((record) => !result.blocked.has(record.id));
  const heldBack = result.records.filter((record) => result.blocked.has(record.id));
  return { records, heldBack, findings: result.findings, dropped: droppedMatchValues(entry, rows, records) };
}

export function validateSource(outcome: SourceOutcome, now: Date, cache?: ValidationCache): ValidatedSource {
  const validation = cache ? cache.validate(outcome, now) : validateRowsOf(outcome, outcome.rows, now);
  return { outcome, ...validation };
}

/**
 * Every source validated. A source whose headers cannot be used this time falls back on its last
 * good rows (its snapshot), and the broken rows are never stored as its snapshot.
 */
export function validateSources(outcomes: readonly SourceOutcome[], context: {
  readonly now: Date; readonly snapshots: SnapshotStore; readonly cache?: ValidationCache;
}): ValidatedSource[] {
  return outcomes.map((outcome) => {
    const checked = validateSource(outcome, context.now, context.cache);
    if (!checked.fatal || outcome.state === 'stale' || outcome.state === 'failed') return checked;
    const previous = context.snapshots.get(outcome.entry.key);
    const fallback = previous && validateSource({ ...outcome, state: 'stale', rows: previous.rows, changedAt: snapshotTimes(previous),
      snapshot: undefined, error: checked.fatal }, context.now, context.cache);
    if (fallback && !fallback.fatal) return { ...fallback, findings: checked.findings, fatal: undefined };
    return { ...checked, outcome: { ...outcome, snapshot: undefined } };
  });
}
