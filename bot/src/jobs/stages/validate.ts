/**
 * Stage: map headers, validate and normalize one source's rows (shared/validate does all three).
 * Rows with an error are held back and reported; a sheet whose headers cannot be used at all (no
 * name column), or that has no rows any more, counts as failed, so it never wipes that source's
 * rows from the master.
 */
import type { Finding, Record } from '../../../../shared/schema';
import { validateRows } from '../../../../shared/validate';
import type { SourceOutcome } from './read';

export interface ValidatedSource {
  readonly outcome: SourceOutcome;
  /** Records fit for the master, values normalized. */
  readonly records: Record[];
  /** Rows held back by an error. */
  readonly heldBack: Record[];
  readonly findings: Finding[];
  /** Set when the whole sheet is unusable (e.g. no name column). */
  readonly fatal?: string;
}

/** Findings that make every row of a sheet unusable. */
const FATAL_CODES = new Set(['required_column_missing']);

export function validateSource(outcome: SourceOutcome, now: Date): ValidatedSource {
  if (outcome.rows.length === 0) {
    return { outcome, records: [], heldBack: [], findings: [],
      ...(outcome.state === 'failed' ? {} : { fatal: 'the source is empty (no header row)' }) };
  }
  const { entry } = outcome;
  const result = validateRows(outcome.rows, {
    source: entry.key,
    ...(entry.country ? { country: entry.country } : {}),
    ...(entry.columnMap ? { overrides: entry.columnMap } : {}),
    now,
  });
  const fatal = result.findings.find((finding) => finding.row === 0 && FATAL_CODES.has(finding.code));
  if (fatal) return { outcome, records: [], heldBack: [], findings: result.findings, fatal: fatal.message };
  // A sheet emptied by accident looks just like one emptied on purpose; keeping the earlier rows
  // (the caller falls back on them) is the mistake that loses nothing.
  if (result.records.length === 0) {
    return { outcome, records: [], heldBack: [], findings: result.findings, fatal: 'the source has a header but no rows' };
  }
  const records = result.records.filter((record) => !result.blocked.has(record.id));
  const heldBack = result.records.filter((record) => result.blocked.has(record.id));
  return { outcome, records, heldBack, findings: result.findings };
}
