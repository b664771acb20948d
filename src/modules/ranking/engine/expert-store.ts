import { SpanPool } from './availability-spans';
import type { EngagementMode, EngineExpert, EngineRegion, EngineTaxonomyNode } from './engine.types';
import { type ConfigOverrides, resolveConfig } from './engine-config';
import { type EngineContext, factsFromExpert } from './expert-facts';
import { buildRegionMatrix, regionIndex } from './region-matrix';
import { buildStaticTables, type StaticTables } from './static-tables';
import { fieldGateBits, fieldGateIsExact, GATE_CLOSED, writeAvailabilityAndGate } from './store-gate';
import { SeriesCodes, SideIndex } from './store-side-index';
import { bitOfCode, buildTaxonomyIndex } from './taxonomy-index';

export const PAUSED = 1;
export const REMOVED = 2;
export const NO_TRAVEL_LIMIT = 65535;
export const MODE_BIT: Record<EngagementMode, number> = { onsite: 1, periodic: 2, remote: 4 };

export interface StoreOptions {
  regions: readonly EngineRegion[];
  taxonomy: readonly EngineTaxonomyNode[];
  experts?: Iterable<EngineExpert>;
  config?: ConfigOverrides;
  initialCapacity?: number;
  /** Road travel minutes, row-major R × R in the order of `regions` (else a straight-line estimate). */
  travelMinutes?: ArrayLike<number>;
}

/**
 * Struct-of-arrays expert store: one slot per expert, fixed-size hot columns in typed arrays (a bitset of
 * held taxonomy nodes, small integer codes), variable-length data in side arrays. upsert/remove touch one
 * slot; removed slots are reused.
 */
export class ExpertStore {
  readonly ctx: EngineContext;
  readonly words: number;
  readonly statics: StaticTables;
  readonly side = new SideIndex();
  /** Availability spans of experts with more than one (the others: [availFrom, availTo]). */
  readonly spans = new SpanPool();
  /** Per taxonomy bit: the gate bit of a field; exact when every field has its own bit. */
  readonly fieldGate: Uint32Array;
  readonly fieldGateExact: boolean;
  capacity = 0;
  /** Slots in use so far (live or removed); the kernel scans [0, end). */
  end = 0;
  size = 0;
  bits = new Uint32Array(0);
  region = new Uint16Array(0);
  /** Title level × 6 + skill level (0–29): one read for the level filter and feature. */
  level = new Uint8Array(0);
  series = new Uint8Array(0);
  /** Bits 0–2 accepted modes, bits 4–6 preferred modes (none: no preference stated). */
  modes = new Uint8Array(0);
  flags = new Uint8Array(0);
  /** Modes, closed, multi-span and fields held in one word (store-gate.ts): the scan's first test. */
  gate = new Uint32Array(0);
  /** Days per month (bits 0–4) and preferred modes (bits 5–7): one read for two features. */
  fit = new Uint8Array(0);
  maxConc = new Uint8Array(0);
  active = new Uint8Array(0);
  pending = new Uint8Array(0);
  honours = new Uint8Array(0);
  years = new Uint8Array(0);
  rating = new Uint8Array(0);
  maxTravel = new Uint16Array(0);
  /** First and last available day (MAX/MIN when none); exact when the expert has a single span. */
  availFrom = new Int32Array(0);
  availTo = new Int32Array(0);
  /** Need-independent milli-points (honours, experience, load balance, feedback). */
  staticMilli = new Int32Array(0);
  /** Per-need scratch marks (continuity, closed need), cleared after each need. */
  mark = new Uint8Array(0);
  private readonly free: number[] = [];
  readonly seriesCodes = new SeriesCodes();

  constructor(options: StoreOptions) {
    const config = resolveConfig(options.config);
    const taxonomy = buildTaxonomyIndex(options.taxonomy);
    this.ctx = {
      config,
      taxonomy,
      regions: buildRegionMatrix(options.regions, config.travel, options.travelMinutes),
    };
    this.words = taxonomy.words;
    this.statics = buildStaticTables(config);
    this.fieldGate = fieldGateBits(taxonomy);
    this.fieldGateExact = fieldGateIsExact(taxonomy);
    this.grow(Math.max(16, options.initialCapacity ?? 0));
    for (const e of options.experts ?? []) this.upsert(e);
  }

  private grow(min: number): void {
    // the first size is the one asked for (a store built for a known count wastes nothing); then doubling
    let cap = this.capacity === 0 ? Math.max(16, min) : this.capacity;
    while (cap < min) cap *= 2;
    const re = <A extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(
      a: A,
      make: (n: number) => A,
      k = 1,
    ) => {
      const b = make(cap * k);
      b.set(a);
      return b;
    };
    const u8 = (n: number) => new Uint8Array(n);
    this.bits = re(this.bits, (n) => new Uint32Array(n), this.words);
    this.gate = re(this.gate, (n) => new Uint32Array(n));
    this.spans.grow(cap);
    this.side.grow(cap);
    this.region = re(this.region, (n) => new Uint16Array(n));
    this.maxTravel = re(this.maxTravel, (n) => new Uint16Array(n));
    this.availFrom = re(this.availFrom, (n) => new Int32Array(n));
    this.availTo = re(this.availTo, (n) => new Int32Array(n));
    this.staticMilli = re(this.staticMilli, (n) => new Int32Array(n));
    for (const k of HOT_U8) this[k] = re(this[k], u8);
    this.capacity = cap;
  }

  /** Adds or replaces one expert; a profile edit costs one slot, not a rebuild. */
  upsert(expert: EngineExpert): number {
    const f = factsFromExpert(this.ctx, expert);
    const regionIdx = regionIndex(this.ctx.regions, f.regionCode);
    let i = this.side.slotOf(f.id);
    if (i === undefined) {
      const reused = this.free.pop();
      i = reused ?? this.end;
      if (reused === undefined) {
        if (this.end === this.capacity) this.grow(this.end + 1);
        this.end++;
      }
      this.size++;
    }
    const w = this.words;
    this.bits.fill(0, i * w, i * w + w);
    // keyword-only codes are in the bitset too (they meet requirements); the side index marks them weak
    for (const code of f.held) this.setBit(i, code);
    for (const code of f.weakHeld) this.setBit(i, code);
    this.region[i] = regionIdx;
    this.level[i] = f.titleLevel * 6 + f.skillLevel;
    this.series[i] = f.titleSeries === undefined ? 0 : this.seriesCodes.codeOf(f.titleSeries);
    let modeByte = 0;
    for (const m of f.modes) modeByte |= MODE_BIT[m];
    for (const m of f.preferredModes) modeByte |= MODE_BIT[m] << 4;
    this.modes[i] = modeByte;
    this.fit[i] = f.daysPerMonth | ((modeByte >>> 4) << 5);
    this.maxConc[i] = f.maxConcurrent;
    this.active[i] = f.active;
    this.pending[i] = f.pending;
    this.honours[i] = f.honours;
    this.years[i] = f.years;
    this.rating[i] = f.ratingTenths;
    this.maxTravel[i] = f.maxTravelMinutes === undefined ? NO_TRAVEL_LIMIT : f.maxTravelMinutes;
    const st = this.statics;
    this.staticMilli[i] =
      st.honours[f.honours] + st.experience[f.years] + st.load[f.active] + st.feedback[f.ratingTenths];
    this.flags[i] = f.paused ? PAUSED : 0;
    writeAvailabilityAndGate(this, i, f);
    // the side arrays keep the windows as given, for explanations
    const keepWindows = f.windows.length > 1 || f.blocked.length > 0;
    this.side.set(
      i,
      f,
      keepWindows,
      (code) => regionIndex(this.ctx.regions, code),
      (code) => bitOfCode(this.ctx.taxonomy, code),
      w,
    );
    return i;
  }

  private setBit(i: number, code: string): void {
    const b = bitOfCode(this.ctx.taxonomy, code);
    this.bits[i * this.words + (b >>> 5)] |= 1 << (b & 31);
  }

  remove(id: string): boolean {
    const i = this.side.slotOf(id);
    if (i === undefined) return false;
    this.side.clear(i);
    this.flags[i] = REMOVED;
    this.gate[i] = GATE_CLOSED;
    this.spans.release(i);
    this.free.push(i);
    this.size--;
    return true;
  }

  /**
   * Bytes per slot in the hot columns, per live expert for the rest (spans, side arrays; V8's object sizes
   * estimated), and the whole store's bytes (hot columns at their capacity, side structures, spans).
   * `usedBytes` leaves out the slots allocated but not yet used: a store grown by doubling (a cold build
   * does not know the count) holds up to twice the slots it uses, and only those make bytes per expert.
   */
  memoryStats(): {
    experts: number;
    hotBytesPerExpert: number;
    sideBytesPerExpert: number;
    totalBytes: number;
    usedBytes: number;
  } {
    const hot =
      this.bits.byteLength +
      this.gate.byteLength +
      this.spans.at.byteLength +
      this.region.byteLength +
      this.maxTravel.byteLength +
      this.availFrom.byteLength +
      this.availTo.byteLength +
      this.staticMilli.byteLength +
      HOT_U8.reduce((s, k) => s + this[k].byteLength, 0);
    const side = this.side.estimateBytes() + this.spans.data.byteLength;
    const unused = (this.capacity - this.end) * (hot / this.capacity + SideIndex.BYTES_PER_SLOT);
    return {
      experts: this.size,
      hotBytesPerExpert: hot / this.capacity,
      sideBytesPerExpert: side / Math.max(1, this.size),
      totalBytes: hot + side,
      usedBytes: hot + side - unused,
    };
  }
}

const HOT_U8 = [
  'level',
  'series',
  'modes',
  'flags',
  'fit',
  'maxConc',
  'active',
  'pending',
  'honours',
  'years',
  'rating',
  'mark',
] as const;

export function createExpertStore(options: StoreOptions): ExpertStore {
  return new ExpertStore(options);
}
