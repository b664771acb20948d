import type { ExpertFacts } from './expert-facts';

/**
 * Variable-length and keyed data of the store, kept beside the hot columns: external ids, availability
 * windows and blocked periods (only for experts with more than one window or any blocked period), named
 * travel regions, the periods of held places (only for experts who could reach their maximum), the
 * keyword-only taxonomy bits, and the per-employer / per-need history lookups used to build a need's marks.
 */
export class SideIndex {
  readonly ids: (string | undefined)[] = [];
  readonly windows: (Int32Array | null)[] = [];
  /** (from, to) pairs. */
  readonly blocked: (Int32Array | null)[] = [];
  readonly named: (Uint16Array | null)[] = [];
  /** (from, to) pairs of the places held, when they could reach the maximum. */
  readonly holds: (Int32Array | null)[] = [];
  /** Bitset (the store's words) of the taxonomy bits held through keywords only. */
  readonly weak: (Uint32Array | null)[] = [];
  readonly goodEmployers: (string[] | null)[] = [];
  readonly closedNeeds: (string[] | null)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly byEmployer = new Map<string, number[]>();
  private readonly byClosedNeed = new Map<string, number[]>();

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /** Slots with an earlier well-rated engagement with this employer. */
  slotsWithEmployer(employerId: string): readonly number[] {
    return this.byEmployer.get(employerId) ?? [];
  }

  /** Slots that declined or were rejected for this need. */
  slotsClosedFor(needId: string): readonly number[] {
    return this.byClosedNeed.get(needId) ?? [];
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
    this.ids[i] = f.id;
    this.slotById.set(f.id, i);
    if (withAvailability) {
      const w = new Int32Array(f.windows.length * 2);
      f.windows.forEach((x, k) => {
        w[2 * k] = x.from;
        w[2 * k + 1] = x.to;
      });
      this.windows[i] = w;
      this.blocked[i] = pairs(f.blocked);
    } else {
      this.windows[i] = null;
      this.blocked[i] = null;
    }
    this.named[i] =
      f.namedRegions.size > 0 ? Uint16Array.from([...f.namedRegions].map(regionIdx)).sort() : null;
    this.holds[i] = f.holds.length >= f.maxConcurrent && f.holds.length > 0 ? pairs(f.holds) : null;
    let weak: Uint32Array | null = null;
    for (const code of f.weakHeld) {
      weak ??= new Uint32Array(words);
      const b = bitOf(code);
      weak[b >>> 5] |= 1 << (b & 31);
    }
    this.weak[i] = weak;
    const employers = [...f.goodEmployers];
    this.goodEmployers[i] = employers.length > 0 ? employers : null;
    for (const e of employers) push(this.byEmployer, e, i);
    const closed = [...f.closedNeeds];
    this.closedNeeds[i] = closed.length > 0 ? closed : null;
    for (const n of closed) push(this.byClosedNeed, n, i);
  }

  clear(i: number): void {
    this.unlink(i);
    this.ids[i] = undefined;
    this.windows[i] = null;
    this.blocked[i] = null;
    this.named[i] = null;
    this.holds[i] = null;
    this.weak[i] = null;
  }

  private unlink(i: number): void {
    const id = this.ids[i];
    if (id !== undefined) this.slotById.delete(id);
    for (const e of this.goodEmployers[i] ?? []) drop(this.byEmployer, e, i);
    for (const n of this.closedNeeds[i] ?? []) drop(this.byClosedNeed, n, i);
    this.goodEmployers[i] = null;
    this.closedNeeds[i] = null;
  }

  /** Rough bytes held per the side structures (V8 object headers estimated). */
  estimateBytes(): number {
    let bytes = 0;
    const slots = this.ids.length;
    bytes += slots * 8 * 8; // eight slot arrays of pointers
    for (let i = 0; i < slots; i++) {
      const id = this.ids[i];
      if (id !== undefined) bytes += 16 + id.length + 32; // string + map entry
      for (const a of [this.windows[i], this.blocked[i], this.named[i], this.holds[i], this.weak[i]]) {
        if (a) bytes += 96 + a.byteLength;
      }
      for (const a of [this.goodEmployers[i], this.closedNeeds[i]]) if (a) bytes += 32 + a.length * 48;
    }
    return bytes;
  }
}

function pairs(periods: readonly { from: number; to: number }[]): Int32Array {
  const out = new Int32Array(periods.length * 2);
  periods.forEach((p, k) => {
    out[2 * k] = p.from;
    out[2 * k + 1] = p.to;
  });
  return out;
}

/** How many (from, to) pairs overlap [from, to]. */
export function overlapCount(list: Int32Array, from: number, to: number): number {
  let n = 0;
  for (let k = 0; k < list.length; k += 2) if (list[k] <= to && list[k + 1] >= from) n++;
  return n;
}

function push(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (list) list.push(slot);
  else map.set(key, [slot]);
}

function drop(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (!list) return;
  const k = list.indexOf(slot);
  if (k >= 0) list.splice(k, 1);
  if (list.length === 0) map.delete(key);
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
