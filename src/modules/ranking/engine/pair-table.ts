/**
 * Open-addressing hash of (need, expert) index pairs → a value, in typed arrays: de-duplicating a
 * batch's edges without a string or boxed key per edge (a Map keyed by strings cost most of the setup).
 */
export class PairTable {
  private readonly keyNeed: Int32Array;
  private readonly keyExpert: Int32Array;
  private readonly value: Int32Array;
  private readonly mask: number;

  constructor(maxEntries: number) {
    let size = 16;
    while (size < 2 * maxEntries) size *= 2;
    this.keyNeed = new Int32Array(size).fill(-1);
    this.keyExpert = new Int32Array(size);
    this.value = new Int32Array(size);
    this.mask = size - 1;
  }

  private slotOf(need: number, expert: number): number {
    let h = Math.imul(need ^ Math.imul(expert, 0x85ebca77), 0x9e3779b1);
    h ^= h >>> 15;
    let k = h & this.mask;
    while (this.keyNeed[k] !== -1 && (this.keyNeed[k] !== need || this.keyExpert[k] !== expert)) {
      k = (k + 1) & this.mask;
    }
    return k;
  }

  /** The pair's value, or −1. */
  get(need: number, expert: number): number {
    const k = this.slotOf(need, expert);
    return this.keyNeed[k] === -1 ? -1 : this.value[k];
  }

  /** The pair's value if present; otherwise stores `value` for it and returns −1. */
  getOrSet(need: number, expert: number, value: number): number {
    const k = this.slotOf(need, expert);
    if (this.keyNeed[k] !== -1) return this.value[k];
    this.keyNeed[k] = need;
    this.keyExpert[k] = expert;
    this.value[k] = value;
    return -1;
  }
}
