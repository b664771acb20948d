import type { EngineDateWindow } from './engine.types';

/**
 * An expert's availability as sorted, disjoint spans of available days: the union of the windows minus
 * the blocked periods, computed once per upsert. "Some available day in [from, to]" (the availability
 * filter) then becomes "some span overlaps [from, to]", with no per-day work on the ranking path. Spans
 * keep the data exact whatever the horizon (a bitset of days would need one).
 */
export function availableSpans(
  windows: readonly EngineDateWindow[],
  blocked: readonly EngineDateWindow[],
): number[] {
  const sorted = validSorted(windows);
  const cuts = validSorted(blocked);
  const out: number[] = [];
  let j = 0;
  let k = 0;
  while (k < sorted.length) {
    // merge overlapping or touching windows: the same days, fewer spans
    const from = sorted[k].from;
    let to = sorted[k].to;
    for (k++; k < sorted.length && sorted[k].from <= to + 1; k++) to = Math.max(to, sorted[k].to);
    while (j < cuts.length && cuts[j].to < from) j++;
    let a = from;
    for (let c = j; c < cuts.length && cuts[c].from <= to; c++) {
      if (cuts[c].from > a) out.push(a, cuts[c].from - 1);
      a = Math.max(a, cuts[c].to + 1);
    }
    if (a <= to) out.push(a, to);
  }
  return out;
}

/** The non-empty periods by start; the list itself when it is already so (most experts: one window, nothing blocked). */
function validSorted(periods: readonly EngineDateWindow[]): readonly EngineDateWindow[] {
  let ok = true;
  for (let k = 0; ok && k < periods.length; k++) {
    ok = periods[k].from <= periods[k].to && (k === 0 || periods[k - 1].from <= periods[k].from);
  }
  return ok ? periods : periods.filter((w) => w.from <= w.to).sort((a, b) => a.from - b.from);
}

/** True when some span of the flat pairs list overlaps [from, to]. */
export function spansOverlap(spans: ArrayLike<number>, at: number, end: number, from: number, to: number) {
  for (let k = at; k < end; k += 2) if (spans[k] <= to && spans[k + 1] >= from) return true;
  return false;
}

/**
 * Span lists of the experts that have more than one span, in one flat Int32Array so the ranking scan
 * reads them without a pointer per expert. Block at `at[slot]`: count, then count (from, to) pairs;
 * −1 = no list. A longer list is appended; the old block is garbage until the pool is next copied.
 */
export class SpanPool {
  data = new Int32Array(256);
  at = new Int32Array(0);
  private used = 0;
  private garbage = 0;

  /** Lists shorter than `minPairs` pairs are not kept (the ranking's spans: the hull says it all for one). */
  constructor(private readonly minPairs = 2) {}

  grow(capacity: number): void {
    const at = new Int32Array(capacity).fill(-1);
    at.set(this.at);
    this.at = at;
  }

  set(slot: number, spans: readonly number[]): void {
    const old = this.at[slot];
    const count = spans.length / 2;
    if (count < this.minPairs) {
      this.release(slot);
      return;
    }
    if (old >= 0 && this.data[old] >= count) {
      this.garbage += 2 * (this.data[old] - count);
      this.write(old, spans);
      return;
    }
    this.release(slot);
    if (this.used + spans.length + 1 > this.data.length) this.reserve(spans.length + 1);
    this.at[slot] = this.used;
    this.write(this.used, spans);
    this.used += spans.length + 1;
  }

  release(slot: number): void {
    const old = this.at[slot];
    if (old < 0) return;
    this.garbage += 2 * this.data[old] + 1;
    this.at[slot] = -1;
  }

  /** The pairs of one slot's list (empty when it has none). */
  pairsOf(slot: number): Int32Array {
    const at = this.at[slot];
    return at < 0 ? this.data.subarray(0, 0) : this.data.subarray(at + 1, at + 1 + 2 * this.data[at]);
  }

  byteLength(): number {
    return this.data.byteLength + this.at.byteLength;
  }

  private write(block: number, spans: readonly number[]): void {
    this.data[block] = spans.length / 2;
    for (let k = 0; k < spans.length; k++) this.data[block + 1 + k] = spans[k];
  }

  /**
   * Copies the live blocks into a pool a quarter larger than they are (dropping garbage): amortised O(1)
   * per word, and at most a fifth of the pool unused (doubling left up to half).
   */
  private reserve(extra: number): void {
    const live = this.used - this.garbage + extra;
    const data = new Int32Array(Math.max(256, live + (live >>> 2)));
    let used = 0;
    for (let slot = 0; slot < this.at.length; slot++) {
      const block = this.at[slot];
      if (block < 0) continue;
      const len = 2 * this.data[block] + 1;
      data.set(this.data.subarray(block, block + len), used);
      this.at[slot] = used;
      used += len;
    }
    this.data = data;
    this.used = used;
    this.garbage = 0;
  }
}
