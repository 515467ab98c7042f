/**
 * Stage: follow merges made inside a source. When a source reports that one of its records was
 * merged into another (CiviCRM's dedupe merge trashes the loser and keeps the survivor), the
 * master follows before dedup runs: the loser's master row folds into the survivor's, so the
 * records that were matched to the loser (from other sources) now sit with the survivor, and the
 * loser row's dcc_id joins the survivor row's retired_ids, so links to it still resolve. Must-link
 * pairs keep those records with the survivor through dedup, the way a person's merge decision does.
 */
import type { Decision } from '../../../../shared/schema';
import type { MasterRow } from '../../workbook/types';
import type { SourceOutcome } from './read';

export interface Repointed {
  /** The earlier master as if the merges had been there all along. */
  readonly previous: MasterRow[];
  /** Survivor record ↔ each record that shared the loser's row: must-links for dedup. */
  readonly links: Decision[];
}

/** Record ids merged away this run → the survivor's record id, from every source that reported merges. */
export function mergedRecords(outcomes: readonly SourceOutcome[]): Map<string, string> {
  const merges = new Map<string, string>();
  for (const outcome of outcomes) {
    for (const [loser, survivor] of Object.entries(outcome.merged ?? {})) {
      merges.set(`${outcome.entry.key}:${loser}`, `${outcome.entry.key}:${survivor}`);
    }
  }
  return merges;
}

export function repointMerges(previous: readonly MasterRow[], merges: ReadonlyMap<string, string>, at: string): Repointed {
  const rows = [...previous];
  const links: Decision[] = [];
  const rowOf = (member: string): number => rows.findIndex((row) => row.members.includes(member));
  for (const [loser, survivor] of merges) {
    const from = rowOf(loser);
    if (from < 0) continue;
    const loserRow = rows[from] as MasterRow;
    const others = loserRow.members.filter((member) => member !== loser && member !== survivor);
    for (const member of others) links.push({ a: survivor, b: member, outcome: 'merge', by: 'source merge', at });
    const to = rowOf(survivor);
    if (to === from) {
      rows[from] = { ...loserRow, members: loserRow.members.filter((member) => member !== loser) };
    } else if (to < 0) {
      // The survivor had no row yet: the loser's row carries on under the survivor.
      rows[from] = { ...loserRow, members: [...others, survivor].sort() };
    } else {
      const survivorRow = rows[to] as MasterRow;
      rows[to] = {
        ...survivorRow,
        members: [...new Set([...survivorRow.members, ...others])].sort(),
        sources: [...new Set([...survivorRow.sources, ...loserRow.sources])],
        retired_ids: [...new Set([...(survivorRow.retired_ids ?? []), loserRow.dcc_id, ...(loserRow.retired_ids ?? [])])],
      };
      rows.splice(from, 1);
    }
  }
  return { previous: rows, links };
}
