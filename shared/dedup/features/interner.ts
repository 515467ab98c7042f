/**
 * Interns strings: equal strings get equal ids, numbered from 1 in order of first appearance;
 * 0 stands for a missing value. An open-addressing table over a JavaScript string hash rather
 * than a Map: on a million distinct keys a Map spent most of its time growing (measured twice
 * as slow), and building the feature table interns a dozen keys per record. Each slot holds the hash
 * beside the id, so a probe reads one cache line and strings are only compared on a hash match.
 */
export class Interner {
  readonly values: string[] = [''];
  private readonly hashes: number[] = [0];
  /** Pairs of (hash, id); id 0 marks an empty slot. */
  private slots = new Int32Array(2 << 10);

  /** The id of `value`, added when new; 0 for an empty or missing value. */
  id(value: string | undefined): number {
    if (!value) return 0;
    const hash = stringHash(value);
    const found = this.lookup(value, hash);
    if (found > 0) return found;
    const id = this.values.length;
    this.values.push(value);
    this.hashes.push(hash);
    if (id * 4 >= this.slots.length) this.grow();
    else this.place(hash, id);
    return id;
  }

  /** The id of `value` when already interned, else 0. */
  find(value: string): number {
    return value ? Math.max(0, this.lookup(value, stringHash(value))) : 0;
  }

  get size(): number {
    return this.values.length - 1;
  }

  private lookup(value: string, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const signed = hash | 0;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = slots[2 * slot + 1] as number;
      if (id === 0) return -1;
      if (slots[2 * slot] === signed && this.values[id] === value) return id;
    }
  }

  private place(hash: number, id: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash | 0;
    slots[2 * slot + 1] = id;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 1; id < this.values.length; id++) this.place(this.hashes[id] as number, id);
  }
}

/** FNV-1a with a final mix: cheap, and spreads the short, similar keys of one column well. */
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return (hash ^ (hash >>> 12)) >>> 0;
}
