/**
 * Merge: clusters of records → master entities. Front door of shared/merge.
 *
 *   mergeClusters(clusters, previous, options)  one entity per cluster, with a stable dcc_id
 *   survivors(records, options)                 per-field survivorship + provenance
 *   assignStableIds(clusters, previous)          id inheritance across runs
 */
import type { FieldValues, Record } from '../schema';
import { assignStableIds, type PreviousRow } from './stable-ids';
import { survivors, type Provenance, type SurvivorshipOptions } from './survivorship';

export { assignStableIds, formatId, idNumber, type IdAssignment, type PreviousRow } from './stable-ids';
export { rankRecords, survivors, type FieldProvenance, type Provenance, type Survivors, type SurvivorshipOptions } from './survivorship';

export interface MasterEntity {
  readonly dccId: string;
  readonly retiredIds: string[];
  readonly isNew: boolean;
  /** Earlier master rows folded into this one this run. */
  readonly mergedThisRun: number;
  readonly values: FieldValues;
  readonly provenance: Provenance;
  /** Record ids, sorted. */
  readonly members: string[];
  /** Source keys, in the order of `sourceOrder` when given, else sorted. */
  readonly sources: string[];
  readonly records: Record[];
}

export interface MergeOptions extends SurvivorshipOptions {
  /** Registry order of source keys, for listing an entity's sources. */
  readonly sourceOrder?: readonly string[];
}

export function mergeClusters(clusters: readonly (readonly Record[])[], previous: readonly PreviousRow[],
  options: MergeOptions = {}): MasterEntity[] {
  const sorted = clusters.map((records) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const ids = assignStableIds(sorted.map((records) => records.map((record) => record.id)), previous);
  const order = new Map((options.sourceOrder ?? []).map((key, index) => [key, index]));
  const rank = (key: string): number => order.get(key) ?? Number.MAX_SAFE_INTEGER;
  return sorted.map((records, index) => {
    const id = ids[index];
    if (!id) throw new Error('mergeClusters: id assignment out of step with clusters');
    const merged = survivors(records, options);
    const sources = [...new Set(records.map((record) => record.source))]
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    return {
      dccId: id.dccId,
      retiredIds: id.retiredIds,
      isNew: id.isNew,
      mergedThisRun: id.mergedThisRun,
      values: merged.values,
      provenance: merged.provenance,
      members: records.map((record) => record.id),
      sources,
      records,
    };
  });
}
