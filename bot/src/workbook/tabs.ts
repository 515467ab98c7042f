/**
 * Each workbook tab as rows of strings (header first), shared by both backends so a local
 * folder and a Google spreadsheet hold exactly the same columns. Reading is by header name, so
 * a person may reorder or add columns in the spreadsheet without breaking the job.
 */
import { decisionsInForce } from '../../../shared/dedup';
import { pairKey, PUBLIC_FIELDS, type Decision, type FieldValues } from '../../../shared/schema';
import type { MasterRow, ReviewItem, ReviewSide, ReviewStatus, RunRow } from './types';

export type TabName = 'master' | 'review' | 'decisions' | 'runs' | 'sources';
/** Title of each tab in a Google spreadsheet. */
export const TAB_TITLES: { readonly [T in TabName]: string } = {
  master: 'Master', review: 'Review', decisions: 'Decisions', runs: 'Runs', sources: 'Sources',
};

const LIST = ';';
const split = (cell: string | undefined): string[] =>
  (cell ?? '').split(LIST).map((part) => part.trim()).filter((part) => part !== '');

/** Turns rows (header first) into one lookup per data row. */
function byHeader(rows: readonly (readonly string[])[]): Array<(column: string) => string> {
  const [header, ...data] = rows;
  if (!header) return [];
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  return data
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (row[i] ?? '');
    });
}

// Master ----------------------------------------------------------------------------------------

/**
 * The tab's `members` column lists the source rows of the entity, so the schema field of the same
 * key (a head count) goes by `member_count` here; the published files use the field key.
 */
export const MASTER_FIELD_COLUMN = (key: string): string => (key === 'members' ? 'member_count' : key);

export const MASTER_COLUMNS: readonly string[] = [
  'dcc_id', ...PUBLIC_FIELDS.map((def) => MASTER_FIELD_COLUMN(def.key)), 'sources', 'members', 'updated', 'retired_ids', 'stale_sources',
  'publishable',
];

/**
 * Google Sheets refuses a cell over 50,000 characters, and an entity merged from thousands of rows
 * lists more members than that. A long list therefore continues in extra columns at the end
 * (`members_2`, `members_3`, …), each cut at a separator, so every member link is kept and the
 * tab is still written in one piece.
 */
export const LIST_CELL_CHARS = 49_000;
const LONG_LISTS = ['members', 'retired_ids'] as const;
const continuation = (column: string, part: number): string => `${column}_${part}`;

/** A list as cells of at most LIST_CELL_CHARS characters, cut between items. */
export function listCells(items: readonly string[], limit = LIST_CELL_CHARS): string[] {
  const cells: string[] = [];
  let current = '';
  for (const item of items) {
    const piece = item.length > limit ? item.slice(0, limit) : item;
    if (current !== '' && current.length + LIST.length + piece.length > limit) {
      cells.push(current);
      current = '';
    }
    current = current === '' ? piece : `${current}${LIST}${piece}`;
  }
  if (current !== '' || cells.length === 0) cells.push(current);
  return cells;
}

export function masterToRows(master: readonly MasterRow[]): string[][] {
  const lists = master.map((row) => ({ members: listCells(row.members), retired_ids: listCells(row.retired_ids ?? []) }));
  const extra = LONG_LISTS.flatMap((column) => {
    const parts = lists.reduce((most, list) => Math.max(most, list[column].length), 1);
    return Array.from({ length: parts - 1 }, (_, i) => ({ column, part: i + 2 }));
  });
  return [
    [...MASTER_COLUMNS, ...extra.map(({ column, part }) => continuation(column, part))],
    ...master.map((row, i) => {
      const list = lists[i] ?? { members: [''], retired_ids: [''] };
      return [
        row.dcc_id,
        ...PUBLIC_FIELDS.map((def) => row.values[def.key] ?? ''),
        row.sources.join(LIST),
        list.members[0] ?? '',
        row.updated,
        list.retired_ids[0] ?? '',
        (row.stale_sources ?? []).join(LIST),
        row.publishable === false ? 'no' : 'yes',
        ...extra.map(({ column, part }) => list[column][part - 1] ?? ''),
      ];
    }),
  ];
}

/** A list column with its continuation columns, read until the first empty one. */
function longList(cell: (column: string) => string, column: string): string[] {
  const items = split(cell(column));
  for (let part = 2; ; part += 1) {
    const more = cell(continuation(column, part));
    if (more === '') return items;
    items.push(...split(more));
  }
}

export function rowsToMaster(rows: readonly (readonly string[])[]): MasterRow[] {
  return byHeader(rows)
    .filter((cell) => cell('dcc_id') !== '')
    .map((cell) => {
      const values: FieldValues = {};
      for (const def of PUBLIC_FIELDS) {
        const value = cell(MASTER_FIELD_COLUMN(def.key));
        if (value !== '') values[def.key] = value;
      }
      return {
        dcc_id: cell('dcc_id'),
        values,
        sources: split(cell('sources')),
        members: longList(cell, 'members'),
        updated: cell('updated'),
        retired_ids: longList(cell, 'retired_ids'),
        stale_sources: split(cell('stale_sources')),
        publishable: cell('publishable') !== 'no',
      };
    });
}

// Review ----------------------------------------------------------------------------------------

const SIDE_FIELDS = ['id', 'source', 'name', 'address', 'phone', 'website', 'link', 'dcc_id'] as const;

export const REVIEW_COLUMNS: readonly string[] = [
  'pair_id', 'status', 'probability', 'reasons',
  ...SIDE_FIELDS.map((field) => `a_${field}`), ...SIDE_FIELDS.map((field) => `b_${field}`),
  'created', 'decided_by', 'decided_at',
];

const sideCells = (side: ReviewSide): string[] => SIDE_FIELDS.map((field) => side[field] ?? '');

export function reviewToRows(items: readonly ReviewItem[]): string[][] {
  return [
    [...REVIEW_COLUMNS],
    ...items.map((item) => [
      item.pair_id, item.status, item.probability.toFixed(3), item.reasons.join(LIST),
      ...sideCells(item.a), ...sideCells(item.b),
      item.created, item.decided_by ?? '', item.decided_at ?? '',
    ]),
  ];
}

const STATUSES: readonly ReviewStatus[] = ['open', 'merged', 'not-duplicate'];

export function rowsToReview(rows: readonly (readonly string[])[]): ReviewItem[] {
  return byHeader(rows)
    .filter((cell) => cell('pair_id') !== '')
    .map((cell) => {
      const side = (prefix: 'a' | 'b'): ReviewSide => {
        const dccId = cell(`${prefix}_dcc_id`);
        return {
          id: cell(`${prefix}_id`), source: cell(`${prefix}_source`), name: cell(`${prefix}_name`),
          address: cell(`${prefix}_address`), phone: cell(`${prefix}_phone`), website: cell(`${prefix}_website`),
          link: cell(`${prefix}_link`), ...(dccId ? { dcc_id: dccId } : {}),
        };
      };
      const status = cell('status') as ReviewStatus;
      const probability = Number(cell('probability'));
      return {
        pair_id: cell('pair_id'),
        a: side('a'),
        b: side('b'),
        probability: Number.isFinite(probability) ? probability : 0,
        reasons: split(cell('reasons')),
        status: STATUSES.includes(status) ? status : 'open',
        created: cell('created'),
        ...(cell('decided_by') ? { decided_by: cell('decided_by') } : {}),
        ...(cell('decided_at') ? { decided_at: cell('decided_at') } : {}),
      };
    });
}

// Decisions -------------------------------------------------------------------------------------

export const DECISION_COLUMNS: readonly string[] = ['a', 'b', 'outcome', 'by', 'at', 'note'];

export const decisionToRow = (decision: Decision): string[] =>
  [decision.a, decision.b, decision.outcome, decision.by, decision.at, decision.note ?? ''];

export function decisionsToRows(decisions: readonly Decision[]): string[][] {
  return [[...DECISION_COLUMNS], ...decisions.map(decisionToRow)];
}

export function rowsToDecisions(rows: readonly (readonly string[])[]): Decision[] {
  return byHeader(rows)
    .filter((cell) => cell('a') !== '' && cell('b') !== '')
    .filter((cell) => cell('outcome') === 'merge' || cell('outcome') === 'not-duplicate')
    .map((cell) => ({
      a: cell('a'),
      b: cell('b'),
      outcome: cell('outcome') as Decision['outcome'],
      by: cell('by'),
      at: cell('at'),
      ...(cell('note') ? { note: cell('note') } : {}),
    }));
}

// Runs ------------------------------------------------------------------------------------------

export const RUN_COLUMNS: readonly string[] = [
  'run_id', 'started_at', 'finished_at', 'status', 'sources', 'records_read', 'held_back', 'merged', 'new',
  'master_rows', 'review_open', 'stale_sources', 'errors',
];

const NUMBER_COLUMNS = ['sources', 'records_read', 'held_back', 'merged', 'new', 'master_rows', 'review_open'] as const;

/** Errors beyond what fits in one cell are counted, not written: the run's own log keeps them all. */
function errorsCell(errors: readonly string[], limit = LIST_CELL_CHARS): string {
  let cell = '';
  for (let i = 0; i < errors.length; i += 1) {
    const next = cell === '' ? (errors[i] ?? '') : `${cell} | ${errors[i] ?? ''}`;
    if (next.length > limit - 40) return `${cell.slice(0, limit - 40)} | … and ${errors.length - i} more`;
    cell = next;
  }
  return cell;
}

export const runToRow = (run: RunRow): string[] => [
  run.run_id, run.started_at, run.finished_at, run.status,
  ...NUMBER_COLUMNS.map((column) => String(run[column])),
  listCells(run.stale_sources)[0] ?? '', errorsCell(run.errors),
];

export function runsToRows(runs: readonly RunRow[]): string[][] {
  return [[...RUN_COLUMNS], ...runs.map(runToRow)];
}

export function rowsToRuns(rows: readonly (readonly string[])[]): RunRow[] {
  return byHeader(rows)
    .filter((cell) => cell('run_id') !== '')
    .map((cell) => {
      const count = (column: string): number => Number(cell(column)) || 0;
      return {
        run_id: cell('run_id'),
        started_at: cell('started_at'),
        finished_at: cell('finished_at'),
        status: cell('status') as RunRow['status'],
        sources: count('sources'),
        records_read: count('records_read'),
        held_back: count('held_back'),
        merged: count('merged'),
        new: count('new'),
        master_rows: count('master_rows'),
        review_open: count('review_open'),
        stale_sources: split(cell('stale_sources')),
        errors: cell('errors').split(' | ').filter((line) => line !== ''),
      };
    });
}

/** Same pair in either order, same outcome: the decision is already recorded. */
export function sameDecision(a: Decision, b: Decision): boolean {
  const samePair = (a.a === b.a && a.b === b.b) || (a.a === b.b && a.b === b.a);
  return samePair && a.outcome === b.outcome;
}

/** The decision in force for each pair (shared/dedup/decisions/in-force.ts: latest `at`, whatever the order recorded). */
export function latestDecisions(decisions: readonly Decision[]): Decision[] {
  return [...decisionsInForce(decisions).values()];
}

/**
 * Review items as the decisions in force say: a decision recorded after the run wrote the Review
 * tab shows there without anyone rewriting the tab (which could race with a run writing it).
 */
export function withDecisions(items: readonly ReviewItem[], decisions: readonly Decision[]): ReviewItem[] {
  const inForce = decisionsInForce(decisions);
  if (inForce.size === 0) return [...items];
  return items.map((item) => {
    const decision = inForce.get(pairKey(item.a.id, item.b.id));
    if (!decision) return item;
    return { ...item, status: decision.outcome === 'merge' ? 'merged' : 'not-duplicate', decided_by: decision.by, decided_at: decision.at };
  });
}
