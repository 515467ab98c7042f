/**
 * Similarities of id pairs already measured (word against word, street against street): the
 * same pairs recur across thousands of candidate pairs ("bakery" against "brewery"). An
 * open-addressing table in typed arrays rather than a Map: a Map keyed by numbers above 2^31
 * allocates a heap number per entry, and at a million records that garbage slowed the whole
 * compare stage. The table grows by doubling up to `maxEntries`, then is emptied, which bounds
 * memory; a forgotten pair is simply measured again.
 */

/** Ids are below 2^26 (67 million distinct values per column), so a pair code is exact in a double. */
const ID_SPACE = 2 ** 26;

export class PairMemo {
  private keys = new Float64Array(1 << 12);
  private values = new Float64Array(1 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;
  private readonly maxEntries: number;

  constructor(maxEntries = 1 << 21) {
    this.maxEntries = maxEntries;
  }

  /** The remembered value of the pair (in either order), or -1. Ids must be positive. */
  get(x: number, y: number): number {
    const key = x < y ? x * ID_SPACE + y : y * ID_SPACE + x;
    const keys = this.keys;
    for (let slot = slotOf(x, y) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = keys[slot] as number;
      if (stored === key) return this.values[slot] as number;
      if (stored === 0) return -1;
    }
  }

  set(x: number, y: number, value: number): void {
    if (this.count * 2 >= this.keys.length) {
      if (this.count >= this.maxEntries) this.reset(this.keys.length);
      else this.reset(this.keys.length * 2, true);
    }
    this.insert(x < y ? x * ID_SPACE + y : y * ID_SPACE + x, slotOf(x, y), value);
  }

  private insert(key: number, hash: number, value: number): void {
    const keys = this.keys;
    let slot = hash & this.mask;
    while (keys[slot] !== 0 && keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (keys[slot] === 0) this.count++;
    keys[slot] = key;
    this.values[slot] = value;
  }

  private reset(capacity: number, keep = false): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    if (!keep) return;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot] as number;
      if (key === 0) continue;
      const x = Math.floor(key / ID_SPACE);
      const y = key - x * ID_SPACE;
      this.insert(key, slotOf(x, y), oldValues[slot] as number);
    }
  }
}

/** Symmetric in x and y, so the pair hashes the same in either order. */
function slotOf(x: number, y: number): number {
  const low = x < y ? x : y;
  const high = x < y ? y : x;
  const h = Math.imul(low, 0x9e3779b1) ^ Math.imul(high + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}
