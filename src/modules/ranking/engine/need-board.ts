import type { EngineConfig, EngineNeed, EngineRegion, EngineTaxonomyNode, FeatureName } from './engine.types';
import { featureApplies, needWeights } from './engine-config';
import { MODE_BIT } from './expert-store';
import { requiredCode } from './need-plan';
import { bitOfCode, buildTaxonomyIndex, fieldOf, subFieldOf, type TaxonomyIndex } from './taxonomy-index';

export interface NeedBoardOptions {
  regions: readonly EngineRegion[];
  taxonomy: readonly EngineTaxonomyNode[];
  needs?: Iterable<EngineNeed>;
}

/** No minimum title or skill level. */
export const NO_LEVEL = -1;

/**
 * The open needs prepared once for the reverse ranking (one expert against every need): the columns
 * its filters read (mode, county, period, levels, series, employer, which features apply) in
 * typed arrays, and each need's taxonomy tests as bit numbers in one small Int32Array —
 *   [fields, bit…, required, bit…, must, (exact, sub-field, field)…, nice, (exact, sub-field, field)…]
 * (−1 where a skill has no sub-field or field above it). Each need carries the experts who said they
 * are interested in it (EngineNeed.interested), indexed by expert, so an expert's own interests weigh
 * as in the coordinator's ranking. Built from the same regions and taxonomy as the expert store it is
 * read with, so bit and county numbers agree. upsert/remove touch one slot.
 */
export class NeedBoard {
  readonly taxonomy: TaxonomyIndex;
  readonly regionCodes: readonly string[];
  private readonly regionOf: ReadonlyMap<string, number>;
  capacity = 0;
  end = 0;
  size = 0;
  readonly needs: (EngineNeed | undefined)[] = [];
  readonly tests: (Int32Array | null)[] = [];
  /** 1: listed; 0: a free slot, or a need held back (its organisation not verified). */
  listed = new Uint8Array(0);
  mode = new Uint8Array(0);
  region = new Uint16Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  minTitle = new Int8Array(0);
  minSkill = new Int8Array(0);
  /** The title series the need names, as the board's code (0: none). */
  series = new Uint8Array(0);
  /** Which features apply to the need (featurePattern), so its weights are one table read. */
  pattern = new Uint8Array(0);
  employer = new Int32Array(0);
  private readonly slotById = new Map<string, number>();
  private readonly free: number[] = [];
  private readonly seriesCode = new Map<string, number>();
  private readonly employerCode = new Map<string, number>();
  /** The slots of the needs each expert said they are interested in (EngineNeed.interested), by expert id. */
  private readonly interestsBy = new Map<string, Set<number>>();

  constructor(options: NeedBoardOptions) {
    this.taxonomy = buildTaxonomyIndex(options.taxonomy);
    this.regionCodes = options.regions.map((r) => r.code);
    this.regionOf = new Map(this.regionCodes.map((c, i) => [c, i]));
    this.grow(16);
    for (const n of options.needs ?? []) this.upsert(n);
  }

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /** The board's code of a title series; −1 when no need names it (then it matches none). */
  seriesCodeOf(series: string | undefined): number {
    return series === undefined ? -1 : (this.seriesCode.get(series) ?? -1);
  }

  /** The board's code of an employer (0, 1, …); −1 when no need of theirs was ever on the board. */
  employerCodeOf(employerId: string): number {
    return (this.employerCode.get(employerId) ?? 0) - 1;
  }

  get employers(): number {
    return this.employerCode.size;
  }

  /** The slots of the needs on the board the expert said they are interested in. */
  interestSlotsOf(expertId: string): ReadonlySet<number> | undefined {
    return this.interestsBy.get(expertId);
  }

  /** Adds or replaces one need (listed unless `listed` is false). Unknown codes or counties throw. */
  upsert(need: EngineNeed, listed = true): number {
    const tests = needTests(this.taxonomy, need);
    const region = this.regionOf.get(need.regionCode);
    if (region === undefined) throw new RangeError(`unknown region ${need.regionCode}`);
    let i = this.slotById.get(need.id);
    if (i === undefined) {
      i = this.free.pop() ?? this.end;
      if (i === this.end) {
        if (this.end === this.capacity) this.grow(this.end + 1);
        this.end++;
      }
      this.slotById.set(need.id, i);
      this.size++;
    } else {
      this.forgetInterests(i);
    }
    this.needs[i] = need;
    this.tests[i] = tests;
    this.listed[i] = listed ? 1 : 0;
    this.mode[i] = MODE_BIT[need.mode];
    this.region[i] = region;
    this.from[i] = need.period.from;
    this.to[i] = need.period.to;
    this.minTitle[i] = levelOf(need.minTitle?.level);
    this.minSkill[i] = levelOf(need.minSkillLevel);
    this.series[i] =
      need.minTitle?.series === undefined ? 0 : intern(this.seriesCode, need.minTitle.series, 255);
    this.pattern[i] = featurePattern(need);
    this.employer[i] = intern(this.employerCode, need.employerId, 0x7fffffff) - 1;
    for (const expertId of need.interested ?? []) {
      const slots = this.interestsBy.get(expertId);
      if (slots) slots.add(i);
      else this.interestsBy.set(expertId, new Set([i]));
    }
    return i;
  }

  /** Shows or holds back a need already on the board (its organisation verified or not). */
  setListed(id: string, listed: boolean): void {
    const i = this.slotById.get(id);
    if (i !== undefined) this.listed[i] = listed ? 1 : 0;
  }

  remove(id: string): boolean {
    const i = this.slotById.get(id);
    if (i === undefined) return false;
    this.slotById.delete(id);
    this.forgetInterests(i);
    this.needs[i] = undefined;
    this.tests[i] = null;
    this.listed[i] = 0;
    this.free.push(i);
    this.size--;
    return true;
  }

  private forgetInterests(i: number): void {
    for (const expertId of this.needs[i]?.interested ?? []) {
      const slots = this.interestsBy.get(expertId);
      slots?.delete(i);
      if (slots?.size === 0) this.interestsBy.delete(expertId);
    }
  }

  private grow(min: number): void {
    let cap = Math.max(16, this.capacity);
    while (cap < min) cap *= 2;
    const re = <A extends Uint8Array | Int8Array | Uint16Array | Int32Array>(
      a: A,
      make: (n: number) => A,
    ) => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.listed = re(this.listed, (n) => new Uint8Array(n));
    this.mode = re(this.mode, (n) => new Uint8Array(n));
    this.region = re(this.region, (n) => new Uint16Array(n));
    this.from = re(this.from, (n) => new Int32Array(n));
    this.to = re(this.to, (n) => new Int32Array(n));
    this.minTitle = re(this.minTitle, (n) => new Int8Array(n));
    this.minSkill = re(this.minSkill, (n) => new Int8Array(n));
    this.series = re(this.series, (n) => new Uint8Array(n));
    this.pattern = re(this.pattern, (n) => new Uint8Array(n));
    this.employer = re(this.employer, (n) => new Int32Array(n));
    this.capacity = cap;
  }
}

export function createNeedBoard(options: NeedBoardOptions): NeedBoard {
  return new NeedBoard(options);
}

/** Features whose applying depends on the need (engine-config.ts featureApplies), one pattern bit each. */
const PATTERN_BITS = 5;
export const APPLIES_MUST = 1;
export const APPLIES_NICE = 2;
export const APPLIES_TRAVEL = 4;
export const APPLIES_FIT = 8;
/** Someone showed interest in the need: the interest feature applies (weights version v3 on). */
export const APPLIES_INTEREST = 16;
const MUST = APPLIES_MUST;
const NICE = APPLIES_NICE;
const TRAVEL = APPLIES_TRAVEL;
const FIT = APPLIES_FIT;
const INTEREST = APPLIES_INTEREST;

export function featurePattern(need: EngineNeed): number {
  return (
    (featureApplies('mustHaveSkills', need) ? MUST : 0) |
    (featureApplies('niceToHaveSkills', need) ? NICE : 0) |
    (featureApplies('travelTime', need) ? TRAVEL : 0) |
    (featureApplies('availabilityFit', need) ? FIT : 0) |
    (featureApplies('interest', need) ? INTEREST : 0)
  );
}

/** The weights of every feature pattern, by pattern (needWeights reads nothing else of a need). */
export function weightsByPattern(config: EngineConfig): Record<FeatureName, number>[] {
  return Array.from({ length: 1 << PATTERN_BITS }, (_, p) => needWeights(config, sampleNeed(p)));
}

/** A need to which exactly the features of pattern p apply. */
function sampleNeed(p: number): EngineNeed {
  if (p >= 1 << PATTERN_BITS) throw new RangeError('pattern out of range');
  return {
    id: '',
    employerId: '',
    regionCode: '',
    mustHaveSkills: p & MUST ? ['x'] : [],
    niceToHaveSkills: p & NICE ? ['x'] : [],
    mode: p & TRAVEL ? 'onsite' : 'remote',
    period: { from: 0, to: 0 },
    daysPerMonth: p & FIT ? 1 : undefined,
    wanted: 1,
    interested: p & INTEREST ? ['x'] : undefined,
  };
}

function levelOf(level: number | undefined): number {
  if (level === undefined) return NO_LEVEL;
  if (!Number.isInteger(level) || level < 0 || level > 100)
    throw new RangeError(`level ${level} out of range`);
  return level;
}

function intern(codes: Map<string, number>, key: string, max: number): number {
  let c = codes.get(key);
  if (c === undefined) {
    c = codes.size + 1;
    if (c > max) throw new RangeError(`too many distinct values (${key})`);
    codes.set(key, c);
  }
  return c;
}

/** The need's taxonomy tests as bit numbers (the layout in NeedBoard's comment). */
function needTests(tax: TaxonomyIndex, need: EngineNeed): Int32Array {
  const fields = need.fields ?? [];
  const required = need.mustHaveSkills.map((c) => requiredCode(tax, c, need.mustHaveMatch ?? 'subField'));
  const must = need.mustHaveSkills;
  const nice = need.niceToHaveSkills ?? [];
  const out: number[] = [fields.length, ...fields.map((c) => bitOfCode(tax, c))];
  out.push(required.length, ...required.map((c) => bitOfCode(tax, c)));
  for (const list of [must, nice]) {
    out.push(list.length);
    for (const code of list) {
      const b = bitOfCode(tax, code);
      const depth = tax.depth[b];
      const sub = depth >= 2 ? subFieldOf(tax, code) : undefined;
      out.push(
        b,
        sub === undefined ? -1 : bitOfCode(tax, sub),
        depth >= 1 ? bitOfCode(tax, fieldOf(tax, code)) : -1,
      );
    }
  }
  return Int32Array.from(out);
}
