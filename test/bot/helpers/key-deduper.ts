/**
 * A small exact-key matcher (same phone, web domain, or name with ZIP code or city) standing in for
 * the engine in job tests that need clusters they can predict by eye. Decisions are honoured as
 * the engine honours them: the one in force per pair wins.
 */
import {
  cityKey, decisionsInForce, normalizeName, phoneKey, postal5, registrableDomain,
} from '../../../shared/dedup';
import { pairKey } from '../../../shared/schema';
import type { DedupPair, Deduper } from '../../../bot/src/jobs/stages/dedup';

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
    if (latest.has(pairKey(a, b)) || links.find(a) === links.find(b)) continue;
    review.push({ a, b, probability: 0.6, reasons: [...why] });
  }
  return { clusters: [...clusters.values()], review };
};

