import { SpanPool } from './availability-spans';
import type { ExpertFacts } from './expert-facts';
import { IdTable } from './store-ids';

/**
 * Variable-length and keyed data of the store, kept beside the hot columns: external ids, availability
 * windows and blocked periods (only for experts with more than one window or any blocked period), named
 * travel regions, the periods of held places (only for experts who could reach their maximum), the
 * keyword-only taxonomy bits, and the per-employer / per-need history lookups used to build a need's marks.
 *
 * Memory is the point of its layout (1M experts in memory): ids are 12 bytes in a flat table, windows and
 * blocked periods live in flat pools, equal keyword bitsets are one shared object, employer and need ids
 * are one string each however many experts name them (an expert with one such id shares a one-element
 * list), and the per-slot lists the kernels read are plain arrays (a typed array costs three times more).
 */
export class SideIndex {
  /**
   * What each slot costs at capacity, used or not: its id (12 bytes and a kind), its offsets into the
   * window and blocked pools (4 B each), and five list references (8 B each).
   */
  static readonly BYTES_PER_SLOT = 13 + 4 + 4 + 5 * 8;
  readonly ids = new IdTable();
  /** Availability windows as given, (from, to) pairs, when kept (see ExpertStore.upsert). */
  readonly windows = new SpanPool(1);
  /** Blocked periods, (from, to) pairs, when the windows are kept. */
  readonly blocked = new SpanPool(1);
  /** Region indexes the expert named, sorted. */
  named: (readonly number[] | null)[] = [];
  /** (from, to) pairs of the places held, when they could reach the maximum. */
  holds: (readonly number[] | null)[] = [];
  /** Bitset (the store's words) of the taxonomy bits held through keywords only; equal ones shared. */
  weak: (Uint32Array | null)[] = [];
  goodEmployers: (readonly string[] | null)[] = [];
  closedNeeds: (readonly string[] | null)[] = [];
  private readonly weakShared = new Map<string, { bits: Uint32Array; refs: number }>();
  private readonly byEmployer = new KeyedSlots();
  private readonly byClosedNeed = new KeyedSlots();

  grow(capacity: number): void {
    this.ids.grow(capacity);
    this.windows.grow(capacity);
    this.blocked.grow(capacity);
    this.named = extend(this.named, capacity);
    this.holds = extend(this.holds, capacity);
    this.weak = extend(this.weak, capacity);
    this.goodEmployers = extend(this.goodEmployers, capacity);
    this.closedNeeds = extend(this.closedNeeds, capacity);
  }

  slotOf(id: string): number | undefined {
    return this.ids.slotOf(id);
  }

  idOf(slot: number): string | undefined {
    return this.ids.idOf(slot);
  }

  /** Slots with an earlier well-rated engagement with this employer. */
  slotsWithEmployer(employerId: string): Int32Array {
    return this.byEmployer.slots(employerId);
  }

  /** Slots that declined or were rejected for this need. */
  slotsClosedFor(needId: string): Int32Array {
    return this.byClosedNeed.slots(needId);
  }

  set(
    i: number,
    f: ExpertFacts,
    withAvailability: boolean,
    regionIdx: (code: string) => number,
    bitOf: (code: string) => number,
    words: number,
  ): void {
    this.unlink(i);
    this.ids.set(i, f.id);
    this.windows.set(i, withAvailability ? flatPairs(f.windows) : NO_PAIRS);
    this.blocked.set(i, withAvailability ? flatPairs(f.blocked) : NO_PAIRS);
    this.named[i] = f.namedRegions.size > 0 ? [...f.namedRegions].map(regionIdx).sort((a, b) => a - b) : null;
    this.holds[i] = f.holds.length >= f.maxConcurrent && f.holds.length > 0 ? flatPairs(f.holds) : null;
    let weak: Uint32Array | null = null;
    for (const code of f.weakHeld) {
      weak ??= new Uint32Array(words);
      const b = bitOf(code);
      weak[b >>> 5] |= 1 << (b & 31);
    }
    this.weak[i] = weak && this.shareWeak(weak);
    this.goodEmployers[i] = this.byEmployer.link(f.goodEmployers, i);
    this.closedNeeds[i] = this.byClosedNeed.link(f.closedNeeds, i);
  }

  clear(i: number): void {
    this.unlink(i);
    this.windows.release(i);
    this.blocked.release(i);
    this.named[i] = null;
    this.holds[i] = null;
  }

  private unlink(i: number): void {
    this.ids.delete(i);
    this.byEmployer.unlink(this.goodEmployers[i], i);
    this.byClosedNeed.unlink(this.closedNeeds[i], i);
    this.goodEmployers[i] = null;
    this.closedNeeds[i] = null;
    const weak = this.weak[i];
    if (weak) {
      const key = weak.join();
      const shared = this.weakShared.get(key);
      if (shared && --shared.refs === 0) this.weakShared.delete(key);
    }
    this.weak[i] = null;
  }

  private shareWeak(bits: Uint32Array): Uint32Array {
    const key = bits.join();
    const shared = this.weakShared.get(key);
    if (shared) {
      shared.refs++;
      return shared.bits;
    }
    this.weakShared.set(key, { bits, refs: 1 });
    return bits;
  }

  /**
   * Bytes held by the side structures: typed arrays exactly, JS arrays and maps by V8's sizes on a 64-bit
   * heap (array 32 B + elements 16 B + 8 B an element; a map entry about 100 B with its key).
   */
  estimateBytes(): number {
    const list = (a: readonly unknown[] | null) => (a ? 48 + 8 * a.length : 0);
    let bytes = this.ids.byteLength() + this.windows.byteLength() + this.blocked.byteLength();
    bytes += 8 * 5 * this.named.length;
    for (let i = 0; i < this.named.length; i++) bytes += list(this.named[i]) + list(this.holds[i]);
    bytes += this.goodEmployers.reduce((n, a) => n + this.byEmployer.ownBytes(a), 0);
    bytes += this.closedNeeds.reduce((n, a) => n + this.byClosedNeed.ownBytes(a), 0);
    for (const { bits } of this.weakShared.values()) bytes += 100 + 200 + bits.byteLength;
    return bytes + this.byEmployer.byteLength() + this.byClosedNeed.byteLength();
  }
}

/**
 * Slots by key (an employer, a need), each key one string whatever the number of experts naming it, with a
 * shared one-element list for the experts who name only that key.
 */
class KeyedSlots {
  /** Per key: its slots in `slots[0, n)` (4 B a link), and the shared one-element list of the key. */
  private readonly byKey = new Map<string, { slots: Int32Array; n: number; alone: readonly string[] }>();

  slots(key: string): Int32Array {
    const entry = this.byKey.get(key);
    return entry ? entry.slots.subarray(0, entry.n) : NO_SLOTS;
  }

  /** Adds slot i under each key; the slot's list of keys (null when none). */
  link(keys: ReadonlySet<string>, i: number): readonly string[] | null {
    if (keys.size === 0) return null;
    const out = new Array<string>(keys.size);
    let only: readonly string[] | null = null;
    let k = 0;
    for (const key of keys) {
      let entry = this.byKey.get(key);
      if (!entry) {
        entry = { slots: new Int32Array(2), n: 0, alone: Object.freeze([key]) };
        this.byKey.set(key, entry);
      }
      if (entry.n === entry.slots.length) {
        const more = new Int32Array(2 * entry.n);
        more.set(entry.slots);
        entry.slots = more;
      }
      entry.slots[entry.n++] = i;
      out[k++] = entry.alone[0];
      only = entry.alone;
    }
    return out.length === 1 ? only : Object.freeze(out);
  }

  unlink(keys: readonly string[] | null, i: number): void {
    for (const key of keys ?? []) {
      const entry = this.byKey.get(key);
      if (!entry) continue;
      const k = entry.slots.subarray(0, entry.n).lastIndexOf(i);
      if (k >= 0) entry.slots.copyWithin(k, k + 1, entry.n--);
      if (entry.n === 0) this.byKey.delete(key);
    }
  }

  /** Bytes of a slot's list that no other slot shares. */
  ownBytes(keys: readonly string[] | null): number {
    return keys && keys.length > 1 ? 48 + 8 * keys.length : 0;
  }

  byteLength(): number {
    let bytes = 0;
    for (const [key, entry] of this.byKey) bytes += 100 + 2 * key.length + 56 + 200 + entry.slots.byteLength;
    return bytes;
  }
}

const NO_SLOTS = new Int32Array(0);
const NO_PAIRS: readonly number[] = Object.freeze([]);

function extend<T>(list: (T | null)[], capacity: number): (T | null)[] {
  // sized once per doubling (growing by index would leave up to half the array unused), and packed: the
  // kernels read these per expert, and V8 reads an array with holes more slowly (new Array(n) has them)
  return Array.from({ length: capacity }, (_, k) => (k < list.length ? list[k] : null));
}

/** (from, to) pairs in an array of exactly their length (one grown by push keeps room for 17 elements). */
function flatPairs(periods: readonly { from: number; to: number }[]): number[] {
  const out = new Array<number>(2 * periods.length);
  for (let k = 0; k < periods.length; k++) {
    out[2 * k] = periods[k].from;
    out[2 * k + 1] = periods[k].to;
  }
  return out;
}

/** How many (from, to) pairs overlap [from, to]. */
export function overlapCount(list: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  for (let k = 0; k < list.length; k += 2) if (list[k] <= to && list[k + 1] >= from) n++;
  return n;
}

/** Title series names as byte codes 1–255 (0: none), in order of first use. */
export class SeriesCodes {
  private readonly codes = new Map<string, number>();
  private readonly names: string[] = [''];

  codeOf(series: string): number {
    let c = this.codes.get(series);
    if (c === undefined) {
      c = this.names.length;
      if (c > 255) throw new RangeError('more than 255 title series');
      this.codes.set(series, c);
      this.names.push(series);
    }
    return c;
  }

  /** The code of a series, or −1 (matches no expert) when no expert has it: a need never allocates one. */
  find(series: string): number {
    return this.codes.get(series) ?? -1;
  }

  nameOf(code: number): string | undefined {
    return code > 0 ? this.names[code] : undefined;
  }
}
