/**
 * The workbook as a folder of CSV files, one per tab: the embedded default and what `--out DIR`
 * uses (`DIR/workbook/{master,review,decisions,runs,sources}.csv`). Every rewrite goes through a
 * temp file and a rename, so a reader or a killed run never sees half a tab.
 *
 * Only a run rewrites tabs (under the run lock). A decision (the Slack app, any time) is only ever
 * appended to decisions.csv; the Review tab shows it when read, so a click during a run cannot
 * overwrite what the run writes.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv, toCsv } from '../../../shared/read/csv';
import { compareDecisions } from '../../../shared/dedup';
import { pairKey, type Decision } from '../../../shared/schema';
import { writeFileAtomic } from '../io/atomic-write';
import {
  decisionToRow, decisionsToRows, latestDecisions, masterToRows, reviewToRows, rowsToDecisions, rowsToMaster,
  rowsToReview, rowsToRuns, runToRow, runsToRows, withDecisions, type TabName,
} from './tabs';
import type { DigestedTab, MasterRow, ReviewItem, RunRow, Workbook } from './types';

/**
 * Coordinators open these files in spreadsheet programs, so cells are written formula-safe (a
 * leading apostrophe before `=`, `+`, `-`, `@`); reading takes that apostrophe off again.
 */
const unneutralize = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

export class LocalWorkbook implements Workbook {
  readonly location: string;

  constructor(readonly dir: string) {
    this.location = dir;
  }

  path(tab: TabName): string {
    return join(this.dir, `${tab}.csv`);
  }

  #read(tab: TabName): string[][] {
    const path = this.path(tab);
    if (!existsSync(path)) return [];
    // A tab edited by hand may have blank lines; they are not rows.
    return parseCsv(readFileSync(path, 'utf8'))
      .filter((row) => row.some((cell) => cell.trim() !== ''))
      .map((row) => row.map(unneutralize));
  }

  #write(tab: TabName, rows: readonly (readonly string[])[]): void {
    writeFileAtomic(this.path(tab), toCsv(rows, { formulaSafe: true }));
  }

  /** Appends rows under an existing header, or writes the header first; appends never tear earlier rows. */
  #append(tab: TabName, header: readonly string[], row: readonly string[]): void {
    const path = this.path(tab);
    if (!existsSync(path) || statSync(path).size === 0) this.#write(tab, [header]);
    // A file saved by hand may lack its last line break; the new row must not join that line.
    const text = readFileSync(path, 'utf8');
    const separator = text.endsWith('\n') ? '' : '\r\n';
    appendFileSync(path, separator + toCsv([row], { formulaSafe: true }));
  }

  async readMaster(): Promise<MasterRow[]> {
    return rowsToMaster(this.#read('master'));
  }

  async writeMaster(rows: readonly MasterRow[]): Promise<void> {
    this.#write('master', masterToRows(rows));
  }

  async readReview(): Promise<ReviewItem[]> {
    return withDecisions(rowsToReview(this.#read('review')), await this.readDecisions());
  }

  async writeReview(items: readonly ReviewItem[]): Promise<void> {
    this.#write('review', reviewToRows(items));
  }

  async readDecisions(): Promise<Decision[]> {
    return rowsToDecisions(this.#read('decisions'));
  }

  async appendDecision(decision: Decision): Promise<boolean> {
    const pair = pairKey(decision.a, decision.b);
    const current = latestDecisions(await this.readDecisions())
      .find((known) => pairKey(known.a, known.b) === pair);
    // Nothing to record when it changes nothing, or when a newer decision is already in force.
    if (current && (current.outcome === decision.outcome || compareDecisions(decision, current) < 0)) return false;
    this.#append('decisions', decisionsToRows([])[0] ?? [], decisionToRow(decision));
    return true;
  }

  async readRuns(): Promise<RunRow[]> {
    return rowsToRuns(this.#read('runs'));
  }

  async appendRun(run: RunRow): Promise<void> {
    this.#append('runs', runsToRows([])[0] ?? [], runToRow(run));
  }

  async readSources(): Promise<string[][]> {
    return this.#read('sources');
  }

  async writeSources(rows: readonly (readonly string[])[]): Promise<void> {
    this.#write('sources', rows);
  }

  /** Hashing a tab's file costs a fraction of parsing it (a 12 MB master: tens of ms against most of a second). */
  async storedDigest(tab: DigestedTab): Promise<string> {
    const path = this.path(tab);
    return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'none';
  }
}
