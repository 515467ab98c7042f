/**
 * Stage: dedup. Finds which records are one organization, across every source, with people's
 * decisions honoured (merge = must-link, not-duplicate = cannot-link). The job only needs
 * clusters and the pairs worth a person's look, so the engine sits behind `Deduper`.
 *
 * `engineDeduper` is the shared Fellegi–Sunter engine (shared/dedup), the default. `keyDeduper`
 * is a small exact-key matcher (same phone, web domain, or name with ZIP code or city) for tests
 * that need clusters they can predict by eye.
 */
import { decisionPairKey, decisionsInForce, dedupe, explainPair, type DedupSettings } from '../../../../shared/dedup';
import { phoneKey, postal5, cityKey, registrableDomain } from '../../../../shared/dedup/normalize/contact';
import { normalizeName } from '../../../../shared/dedup/normalize/name';
import type { Decision, Record } from '../../../../shared/schema';

export interface DedupPair {
  readonly a: string;
  readonly b: string;
  readonly probability: number;
  readonly reasons: readonly string[];
}

export interface DedupOutcome {
  /** Every record id exactly once. */
  readonly clusters: string[][];
  /** Probable duplicates that no decision covers, for the Review tab. */
  readonly review: DedupPair[];
}

export type Deduper = (records: readonly Record[], decisions: readonly Decision[]) => DedupOutcome | Promise<DedupOutcome>;

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

class UnionFind {
  readonly #parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    while (this.#parent.get(root) !== undefined && this.#parent.get(root) !== root) root = this.#parent.get(root) as string;
    let node = id;
    while (node !== root) {
      const next = this.#parent.get(node) as string;
      this.#parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

export const keyDeduper: Deduper = (records, decisions) => {
  const latest = decisionsInForce(decisions);
  const cannot = new Set([...latest.values()].filter((d) => d.outcome === 'not-duplicate').map((d) => pairKey(d.a, d.b)));

  const byKey = new Map<string, { id: string; reason: string }[]>();
  const add = (key: string | undefined, id: string, reason: string): void => {
    if (!key) return;
    const list = byKey.get(key) ?? [];
    list.push({ id, reason });
    byKey.set(key, list);
  };
  const nameOf = new Map<string, string>();
  for (const record of records) {
    const name = normalizeName(record.values.name).key;
    nameOf.set(record.id, name);
    const phone = phoneKey(record.values.phone);
    add(phone?.full ? `phone:${phone.full}` : undefined, record.id, 'same phone');
    add(registrableDomain(record.values.website) && `web:${registrableDomain(record.values.website)}`, record.id, 'same website');
    if (name) {
      add(postal5(record.values.postal_code) && `np:${name}|${postal5(record.values.postal_code)}`, record.id, 'same name and ZIP code');
      add(cityKey(record.values.city) && `nc:${name}|${cityKey(record.values.city)}`, record.id, 'same name and city');
      add(`n:${name}`, record.id, 'same name');
    }
  }

  const links = new UnionFind();
  const reasons = new Map<string, Set<string>>();
  for (const [key, group] of byKey) {
    if (group.length < 2 || group.length > 50) continue;
    for (let i = 1; i < group.length; i += 1) {
      const first = group[0] as { id: string };
      const other = group[i] as { id: string; reason: string };
      const pair = pairKey(first.id, other.id);
      if (first.id === other.id || cannot.has(pair)) continue;
      const set = reasons.get(pair) ?? new Set<string>();
      set.add(other.reason);
      reasons.set(pair, set);
      if (!key.startsWith('n:')) links.union(first.id, other.id);
    }
  }
  for (const decision of latest.values()) if (decision.outcome === 'merge') links.union(decision.a, decision.b);

  const clusters = new Map<string, string[]>();
  for (const record of records) {
    const root = links.find(record.id);
    clusters.set(root, [...(clusters.get(root) ?? []), record.id]);
  }
  const review: DedupPair[] = [];
  for (const [pair, why] of reasons) {
    const [a, b] = pair.split('|') as [string, string];
    if (latest.has(decisionPairKey(a, b)) || links.find(a) === links.find(b)) continue;
    review.push({ a, b, probability: 0.6, reasons: [...why] });
  }
  return { clusters: [...clusters.values()], review };
};

/**
 * The shared engine. Undecided pairs it rates between `reviewAbove` and `sureAbove` go to
 * review with the engine's own plain-language reasons, whether it joined them or not: joined
 * ones stay merged until a person says otherwise.
 */
export function engineDeduper(settings: Partial<DedupSettings> = {}, reviewAbove = 0.1, sureAbove = 0.98): Deduper {
  return (records, decisions) => {
    const result = dedupe(records, { decisions, settings });
    const clusters = result.clusters.map((cluster) => [...cluster.recordIds]);
    const review = result.pairs
      .filter((pair) => !pair.decision && pair.matchProbability >= reviewAbove && pair.matchProbability < sureAbove)
      .map((pair) => ({ a: pair.a, b: pair.b, probability: pair.matchProbability,
        reasons: [...explainPair(pair, result.model).reasons, ...(pair.sameCluster ? ['merged until someone decides'] : [])] }));
    return { clusters, review };
  };
}
