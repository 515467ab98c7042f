/**
 * Stable master ids. Each cluster of records inherits the id of the master row its members
 * belonged to last time. When a cluster joins several earlier rows it keeps the oldest id and
 * lists the others as retired, so links to any of them still resolve; when an earlier row splits,
 * the part sharing most members keeps the id and the rest get new ones. Ids are `dcc-` and a
 * zero-padded sequence number, so "oldest" is simply "smallest".
 */

export interface PreviousRow {
  readonly dcc_id: string;
  readonly members: readonly string[];
  readonly retired_ids?: readonly string[];
}

export interface IdAssignment {
  readonly dccId: string;
  /** Ids folded into this one, this run or earlier. */
  readonly retiredIds: string[];
  /** True when no earlier master row had any of the members. */
  readonly isNew: boolean;
  /** Earlier rows merged into this one during this run (besides the one whose id it keeps). */
  readonly mergedThisRun: number;
}

const PREFIX = 'dcc-';

export function idNumber(id: string): number {
  const match = /^dcc-(\d+)$/.exec(id);
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

const older = (a: string, b: string): number => idNumber(a) - idNumber(b) || (a < b ? -1 : a > b ? 1 : 0);

export function formatId(n: number): string {
  return `${PREFIX}${String(n).padStart(6, '0')}`;
}

/**
 * Assigns an id to each cluster (given as member record ids, in a stable order). A member may
 * also be `master:<dcc_id>`, a master row carried over as a record, which points at its own id.
 */
export function assignStableIds(clusters: readonly (readonly string[])[], previous: readonly PreviousRow[]): IdAssignment[] {
  const ownerOf = new Map<string, string>();
  const rowById = new Map<string, PreviousRow>();
  let highest = 0;
  for (const row of previous) {
    rowById.set(row.dcc_id, row);
    for (const member of row.members) ownerOf.set(member, row.dcc_id);
    ownerOf.set(`master:${row.dcc_id}`, row.dcc_id);
    for (const id of [row.dcc_id, ...(row.retired_ids ?? [])]) {
      const n = idNumber(id);
      if (Number.isFinite(n)) highest = Math.max(highest, n);
    }
  }

  // overlap[c].get(id) = how many members of cluster c belonged to earlier row `id`.
  const overlap = clusters.map((members) => {
    const counts = new Map<string, number>();
    for (const member of members) {
      const owner = ownerOf.get(member);
      if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    return counts;
  });
  // Which clusters hold members of each earlier row, so each id only looks at those.
  const holders = new Map<string, number[]>();
  overlap.forEach((counts, c) => {
    for (const id of counts.keys()) {
      const list = holders.get(id);
      if (list) list.push(c);
      else holders.set(id, [c]);
    }
  });
  const candidates = [...holders.keys()].sort(older);

  const assigned: (string | undefined)[] = clusters.map(() => undefined);
  const retired: string[][] = clusters.map(() => []);
  for (const id of candidates) {
    let best = -1;
    let bestFree = -1;
    for (const c of holders.get(id) ?? []) {
      const count = overlap[c]?.get(id) ?? 0;
      if (best === -1 || count > (overlap[best]?.get(id) ?? 0)) best = c;
      if (assigned[c] === undefined && (bestFree === -1 || count > (overlap[bestFree]?.get(id) ?? 0))) bestFree = c;
    }
    if (bestFree !== -1) assigned[bestFree] = id;
    else if (best !== -1) retired[best]?.push(id);
  }

  return clusters.map((_, c) => {
    const dccId = assigned[c] ?? formatId((highest += 1));
    const folded = retired[c] ?? [];
    const inherited = [dccId, ...folded].flatMap((id) => rowById.get(id)?.retired_ids ?? []);
    const retiredIds = [...new Set([...inherited, ...folded])].filter((id) => id !== dccId).sort(older);
    return { dccId, retiredIds, isNew: assigned[c] === undefined, mergedThisRun: folded.length };
  });
}
