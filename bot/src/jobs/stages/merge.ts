/**
 * Stage: merge clusters into master entities (shared/merge does survivorship and stable ids).
 * Values come from sources with a signed agreement whenever the entity has any, so nothing from
 * an unsigned source is published; an entity only unsigned sources know is kept for review but
 * not published. Whether a row is published is decided from the registry on every run, carried rows
 * included. Earlier master rows whose every member is unavailable this run (source down
 * without a fallback, or rows now held back by an error) are carried over: they join dedup as
 * records `master:<dcc_id>`, so a new row elsewhere for the same organization merges into them
 * instead of becoming a second entity, and alone they come out as they were.
 */
import { mergeClusters, survivors, type MasterEntity as MergedOrganization, type SurvivorshipOptions } from '../../../../shared/merge';
import type { FieldValues, Record } from '../../../../shared/schema';
import type { MasterRow } from '../../workbook/types';
import { DccError } from '../../errors';

/**
 * The master organization as the job carries it: shared/merge's `MasterEntity`, with values
 * chosen from signed sources (so no per-field provenance), and its publishing state. Written to
 * the Master tab as a `MasterRow`.
 */
export interface MasterEntity extends Omit<MergedOrganization, 'values' | 'provenance'> {
  values: FieldValues;
  readonly publishable: boolean;
  readonly staleSources: string[];
}

export interface CarryOverInput {
  readonly previous: readonly MasterRow[];
  /** Ids of the records read this run. */
  readonly live: ReadonlySet<string>;
  /** Sources with nothing to read this run (failed without snapshot, or unusable headers). */
  readonly unavailable: ReadonlySet<string>;
  /** Record ids held back by an error this run. */
  readonly heldBack: ReadonlySet<string>;
}

export interface CarryOver {
  /** Earlier rows still backed by a record read this run. */
  readonly previousLive: MasterRow[];
  /** Earlier rows kept because every member is unavailable, keyed by their record id `master:<dcc_id>`. */
  readonly carried: Map<string, MasterRow>;
  /** Earlier rows as records, for dedup. */
  readonly records: Record[];
  /** Earlier rows none of whose members exist any more. */
  readonly removed: MasterRow[];
}

const sourceOf = (recordId: string): string => recordId.slice(0, recordId.indexOf(':'));
export const MASTER_SOURCE = 'master';

export function carryOver(input: CarryOverInput): CarryOver {
  const previousLive: MasterRow[] = [];
  const carried = new Map<string, MasterRow>();
  const records: Record[] = [];
  const removed: MasterRow[] = [];
  for (const row of input.previous) {
    if (row.members.some((member) => input.live.has(member))) {
      previousLive.push(row);
      continue;
    }
    const unavailable = row.members.filter((member) => input.heldBack.has(member) || input.unavailable.has(sourceOf(member)));
    if (unavailable.length === 0) {
      removed.push(row);
      continue;
    }
    const staleSources = unavailable.map(sourceOf).filter((key) => input.unavailable.has(key));
    const kept = { ...row, stale_sources: [...new Set([...(row.stale_sources ?? []), ...staleSources])] };
    const id = `${MASTER_SOURCE}:${row.dcc_id}`;
    carried.set(id, kept);
    records.push({ id, source: MASTER_SOURCE, row: 0, values: { ...row.values }, extra: {} });
  }
  return { previousLive, carried, records, removed };
}

export interface MergeStageInput {
  readonly clusters: readonly (readonly string[])[];
  /** Every record dedup saw, carried master rows included. */
  readonly records: ReadonlyMap<string, Record>;
  readonly carry: CarryOver;
  /** Source keys with a signed agreement. */
  readonly signed: ReadonlySet<string>;
  /** Sources whose rows this run are an earlier snapshot. */
  readonly stale: ReadonlySet<string>;
  readonly sourceOrder: readonly string[];
  readonly changedAt?: SurvivorshipOptions['changedAt'];
}

export interface MergeStageResult {
  readonly entities: MasterEntity[];
  /** Earlier rows kept because their sources could not be read, whether or not they merged with new rows. */
  readonly carried: number;
  readonly removed: MasterRow[];
}

export function mergeStage(input: MergeStageInput): MergeStageResult {
  const { carried } = input.carry;
  // Decided from the registry as it is now, never from the flag a carried row was written with: a
  // revoked agreement unpublishes even rows whose source can no longer be read. A carried row's values
  // may come from any of its sources, so every one of them must still be signed.
  const publishable = (record: Record): boolean => {
    if (record.source !== MASTER_SOURCE) return input.signed.has(record.source);
    const row = carried.get(record.id);
    return row !== undefined && row.members.length > 0 && row.members.every((member) => input.signed.has(sourceOf(member)));
  };
  const trust: { [source: string]: number } = { [MASTER_SOURCE]: 0.5 };
  for (const key of input.signed) trust[key] = 1;
  const options = { trust, sourceOrder: input.sourceOrder, ...(input.changedAt ? { changedAt: input.changedAt } : {}) };
  const clusters = input.clusters.map((ids) => ids.map((id) => {
    const record = input.records.get(id);
    if (!record) throw new DccError(`dedup returned an unknown record id: ${id}`, 'dcc_internal');
    return record;
  }));
  const merged = mergeClusters(clusters, [...input.carry.previousLive, ...carried.values()], options);
  const order = new Map(input.sourceOrder.map((key, index) => [key, index]));
  const entities = merged.map((entity): MasterEntity => {
    const trusted = entity.records.filter(publishable);
    const values = trusted.length > 0 && trusted.length < entity.records.length ? survivors(trusted, options).values : entity.values;
    const kept = entity.records.filter((record) => record.source === MASTER_SOURCE).map((record) => carried.get(record.id))
      .filter((row): row is MasterRow => row !== undefined);
    const members = [...new Set([...entity.members.filter((id) => sourceOf(id) !== MASTER_SOURCE), ...kept.flatMap((row) => row.members)])].sort();
    const sources = [...new Set([...entity.sources.filter((key) => key !== MASTER_SOURCE), ...kept.flatMap((row) => row.sources)])]
      .sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0));
    const staleSources = [...new Set([...entity.sources.filter((key) => input.stale.has(key)), ...kept.flatMap((row) => row.stale_sources ?? [])])];
    return {
      dccId: entity.dccId, retiredIds: entity.retiredIds, isNew: entity.isNew, mergedThisRun: entity.mergedThisRun,
      values, members, sources, records: entity.records, publishable: trusted.length > 0, staleSources,
    };
  });
  return { entities, carried: carried.size, removed: input.carry.removed };
}
