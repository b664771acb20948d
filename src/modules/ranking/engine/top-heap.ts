/**
 * Bounded min-heap of the best `limit` (score, slot) pairs. Order: higher score first, then the smaller
 * expert id (so ties do not depend on slot order). The root is the worst kept entry.
 */
export class TopHeap {
  private readonly scores: Int32Array;
  private readonly slots: Int32Array;
  private n = 0;

  constructor(
    private readonly limit: number,
    /** Orders two slots by their expert ids (the store's SideIndex ids). */
    private readonly ids: { compare(a: number, b: number): number },
  ) {
    this.scores = new Int32Array(Math.max(1, limit));
    this.slots = new Int32Array(Math.max(1, limit));
  }

  /** Cheap pre-check: can this score possibly enter? (ties are resolved in offer) */
  accepts(score: number): boolean {
    return this.n < this.limit || score >= this.scores[0];
  }

  /** a is worse than b */
  private worse(sa: number, ia: number, sb: number, ib: number): boolean {
    if (sa !== sb) return sa < sb;
    return this.ids.compare(ia, ib) > 0;
  }

  offer(score: number, slot: number): void {
    if (this.limit <= 0) return;
    if (this.n < this.limit) {
      let k = this.n++;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!this.worse(score, slot, this.scores[parent], this.slots[parent])) break;
        this.scores[k] = this.scores[parent];
        this.slots[k] = this.slots[parent];
        k = parent;
      }
      this.scores[k] = score;
      this.slots[k] = slot;
      return;
    }
    if (!this.worse(this.scores[0], this.slots[0], score, slot)) return;
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= this.n) break;
      const r = l + 1;
      const c =
        r < this.n && this.worse(this.scores[r], this.slots[r], this.scores[l], this.slots[l]) ? r : l;
      if (!this.worse(this.scores[c], this.slots[c], score, slot)) break;
      this.scores[k] = this.scores[c];
      this.slots[k] = this.slots[c];
      k = c;
    }
    this.scores[k] = score;
    this.slots[k] = slot;
  }

  /** Best first. */
  sorted(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let k = 0; k < this.n; k++) out.push([this.slots[k], this.scores[k]]);
    out.sort((a, b) =>
      this.worse(a[1], a[0], b[1], b[0]) ? 1 : this.worse(b[1], b[0], a[1], a[0]) ? -1 : 0,
    );
    return out;
  }
}
