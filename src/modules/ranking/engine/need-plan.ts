import type { EngineNeed, FeatureName, MustHaveMatch } from './engine.types';
import { baseWeights, FEATURES, needWeights, toMilli } from './engine-config';
import type { ExpertStore } from './expert-store';
import { MODE_BIT } from './expert-store';
import { regionIndex } from './region-matrix';
import { buildSkillTests, type SkillTests } from './skill-tests';
import { buildStaticTables, type StaticTables } from './static-tables';
import { GATE_CLOSED } from './store-gate';
import { bitOfCode, fieldOf, subFieldOf, type TaxonomyIndex } from './taxonomy-index';

export const MARK_CONTINUITY = 1;
export const MARK_CLOSED = 2;

/** Per-need lookup tables: every need-dependent feature becomes one or two table reads per expert. */
export interface NeedPlan {
  need: EngineNeed;
  /** The weights for this need: 0 where a feature does not apply, the rest scaled to 100. */
  weights: Record<FeatureName, number>;
  regionIdx: number;
  modeBit: number;
  remote: boolean;
  from: number;
  to: number;
  /** (word, mask) pairs of the need's field codes, one of which must be held; empty = any field. */
  fieldTests: Int32Array;
  /** True when the gate's field bits already decide the field test. */
  fieldTestExact: boolean;
  /** (word, mask) pairs every one of which must be held: the must-have skills (or their sub-fields). */
  required: Int32Array;
  /**
   * Gate pre-test: (gate & gateMask) === gateWant (mode accepted, not closed, the gate bits of every
   * requirement's sub-field set), then gate & fieldGate ≠ 0 (one of the need's fields).
   */
  gateMask: number;
  gateWant: number;
  fieldGate: number;
  seriesCode: number;
  /** By levelKey(): the store's level byte, + 32 when the need names a series the expert's title is not of. */
  levelOk: Uint8Array;
  levelMilli: Int32Array;
  travelMin: Uint16Array;
  /** An expert's stated limit × this is the most travel the filter allows (1 + the tolerance). */
  travelSlack: number;
  /** Travel-time plus cross-region milli-points by the expert's region. */
  regionMilli: Int32Array;
  /** Availability-fit plus mode-preference points by the store's fit byte (days, preferred modes). */
  fitMilli: Int32Array;
  contMilli: number;
  /** Need-independent features at this need's weights; null when they are the store's (staticMilli). */
  statics: StaticTables | null;
  must: SkillTests;
  nice: SkillTests;
}

export function planNeed(store: ExpertStore, need: EngineNeed): NeedPlan {
  const { config, regions, taxonomy } = store.ctx;
  const w = needWeights(config, need);
  const r = regions.codes.length;
  const regionIdx = regionIndex(regions, need.regionCode);
  const remote = need.mode === 'remote';
  const travelMin = regions.minutes.subarray(regionIdx * r, regionIdx * r + r);
  const bonus = config.crossRegionBonus;
  const bonusByClass = [bonus.sameCounty, bonus.samePrefecture, bonus.otherPrefecture, bonus.otherProvince];
  const regionMilli = new Int32Array(r);
  for (let k = 0; k < r; k++) {
    const travel = remote ? 0 : Math.max(0, 1 - travelMin[k] / config.travel.scaleMinutes);
    const cls = regions.distanceClass[regionIdx * r + k];
    regionMilli[k] = toMilli(w.travelTime, travel) + toMilli(w.crossRegion, bonusByClass[cls]);
  }
  const fields = need.fields ?? [];
  const fieldTests = bitTests(taxonomy, fields);
  let fieldGate = 0;
  for (const f of fields.length > 0 ? fields : need.mustHaveSkills) {
    fieldGate |= store.fieldGate[bitOfCode(taxonomy, fieldOf(taxonomy, f))];
  }
  const requiredCodes = need.mustHaveSkills.map((c) =>
    requiredCode(taxonomy, c, need.mustHaveMatch ?? 'subField'),
  );
  const required = bitTests(taxonomy, requiredCodes, true);
  // every requirement's sub-field (or field) gate bit must be set: most experts fail on the gate word
  let requiredGate = 0;
  for (const c of requiredCodes) requiredGate |= store.fieldGate[bitOfCode(taxonomy, gateCode(taxonomy, c))];
  const min = need.minTitle;
  const levelOk = new Uint8Array(64);
  const levelMilli = new Int32Array(64);
  for (let t = 0; t <= 4; t++) {
    for (let s = 0; s <= 5; s++) {
      levelOk[t * 6 + s] = levelMeets(t, s, need) ? 1 : 0;
      levelMilli[t * 6 + s] = toMilli(w.level, levelValueOf(t, s, need));
    }
  }
  // a title of another series than the need names counts as no title (level 0)
  for (let k = 0; k < 30; k++) {
    levelOk[32 + k] = levelOk[k % 6];
    levelMilli[32 + k] = levelMilli[k % 6];
  }
  const needDays = need.daysPerMonth ?? 0;
  const fitMilli = new Int32Array(256);
  for (let d = 0; d < 256; d++) {
    const preferred = d >>> 5;
    const mode = preferred === 0 ? config.modeNoPreference : (preferred & MODE_BIT[need.mode]) !== 0 ? 1 : 0;
    fitMilli[d] =
      toMilli(w.availabilityFit, needDays > 0 ? Math.min(1, (d & 31) / needDays) : 0) +
      toMilli(w.modePreference, mode);
  }
  // the store's need-independent points are at the base weights (every feature but interest applies)
  const base = baseWeights(config);
  const scaled = FEATURES.some((f) => w[f] !== base[f]);
  const kw = config.keywordEvidence;
  return {
    need,
    weights: w,
    regionIdx,
    modeBit: MODE_BIT[need.mode],
    remote,
    from: need.period.from,
    to: need.period.to,
    fieldTests,
    fieldTestExact:
      fieldTests.length === 0 || (store.fieldGateExact && fields.every((f) => fieldOf(taxonomy, f) === f)),
    required,
    // int32, as `gate & gateMask` is: bit 31 may be a requirement's
    gateMask: MODE_BIT[need.mode] | GATE_CLOSED | requiredGate,
    gateWant: MODE_BIT[need.mode] | requiredGate,
    // nothing to test: any expert passes; the mode bit is set in every gate that got this far
    fieldGate: fieldGate === 0 ? MODE_BIT[need.mode] : fieldGate >>> 0,
    seriesCode: min?.series === undefined ? 0 : store.seriesCodes.find(min.series),
    levelOk,
    levelMilli,
    travelMin,
    travelSlack: 1 + config.travelTolerance,
    regionMilli,
    fitMilli,
    contMilli: toMilli(w.continuity, 1) - toMilli(w.continuity, 0),
    statics: scaled ? buildStaticTables(config, w) : null,
    must: buildSkillTests(taxonomy, need.mustHaveSkills, w.mustHaveSkills, 0, config.closeness, kw),
    nice: buildSkillTests(taxonomy, need.niceToHaveSkills ?? [], w.niceToHaveSkills, 0, config.closeness, kw),
  };
}

/**
 * The code an expert must hold for a must-have skill: the skill itself ('exact'), or its sub-field
 * ('subField', for a skill below one), so any skill of the same sub-field meets it.
 */
export function requiredCode(tax: TaxonomyIndex, code: string, match: MustHaveMatch): string {
  if (match === 'exact') return code;
  return tax.depth[bitOfCode(tax, code)] >= 2 ? (subFieldOf(tax, code) ?? code) : code;
}

/** The code whose gate bit a holder of `code` has: its sub-field (or itself, a field or sub-field). */
function gateCode(tax: TaxonomyIndex, code: string): string {
  return tax.depth[bitOfCode(tax, code)] === 0 ? code : (subFieldOf(tax, code) ?? code);
}

/** (word, mask) pairs for the codes' bits; `each` keeps one pair per code (all must hold), else merged. */
function bitTests(tax: TaxonomyIndex, codes: readonly string[], each = false): Int32Array {
  const pairs: number[] = [];
  if (each) {
    for (const c of new Set(codes)) {
      const b = bitOfCode(tax, c);
      pairs.push(b >>> 5, 1 << (b & 31));
    }
    return Int32Array.from(pairs);
  }
  const words = new Map<number, number>();
  for (const c of codes) {
    const b = bitOfCode(tax, c);
    words.set(b >>> 5, (words.get(b >>> 5) ?? 0) | (1 << (b & 31)));
  }
  for (const [word, mask] of words) pairs.push(word, mask | 0);
  return Int32Array.from(pairs);
}

/** Title level t (0–4) and skill level s (0–5) meet the need's minimum (either named one suffices). */
export function levelMeets(t: number, s: number, need: EngineNeed): boolean {
  const min = need.minTitle;
  const minSkill = need.minSkillLevel;
  if (min === undefined && minSkill === undefined) return true;
  return (min !== undefined && t > 0 && t >= min.level) || (minSkill !== undefined && s >= minSkill);
}

/**
 * The level feature: with no minimum, the higher of title and skill level on their scales; with one,
 * the place within the levels that meet it (meeting the top level itself is full marks).
 */
export function levelValueOf(t: number, s: number, need: EngineNeed): number {
  const min = need.minTitle;
  const minSkill = need.minSkillLevel;
  if (min === undefined && minSkill === undefined) return Math.max(t / 4, s / 5);
  let v = 0;
  if (min !== undefined && t > 0 && t >= min.level) v = Math.max(v, (t - min.level + 1) / (5 - min.level));
  if (minSkill !== undefined && s >= minSkill) v = Math.max(v, (s - minSkill + 1) / (6 - minSkill));
  return v;
}

/** Index into levelOk / levelMilli for slot i. */
export function levelKey(s: ExpertStore, p: NeedPlan, i: number): number {
  return s.level[i] + (p.seriesCode !== 0 && s.series[i] !== p.seriesCode ? 32 : 0);
}

/** Marks continuity and closed-need experts for this need; returns the slots to unmark afterwards. */
export function markNeed(store: ExpertStore, need: EngineNeed): number[] {
  const touched: number[] = [];
  for (const i of store.side.slotsWithEmployer(need.employerId)) {
    store.mark[i] |= MARK_CONTINUITY;
    touched.push(i);
  }
  for (const i of store.side.slotsClosedFor(need.id)) {
    store.mark[i] |= MARK_CLOSED;
    touched.push(i);
  }
  return touched;
}

export function unmark(store: ExpertStore, touched: readonly number[]): void {
  for (const i of touched) store.mark[i] = 0;
}
