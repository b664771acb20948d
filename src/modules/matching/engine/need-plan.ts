import type { EngineNeed } from './engine.types';
import { toMilli } from './engine-config';
import type { ExpertStore } from './expert-store';
import { MODE_BIT, MODE_CODE } from './expert-store';
import { needFields } from './reference-filters';
import { regionIndex } from './region-matrix';
import { buildSkillTests, type SkillTests } from './skill-tests';
import { GATE_CLOSED } from './store-gate';
import { bitOfCode } from './taxonomy-index';

export const MARK_CONTINUITY = 1;
export const MARK_CLOSED = 2;

/** Per-need lookup tables: every need-dependent feature becomes one or two table reads per expert. */
export interface NeedPlan {
  need: EngineNeed;
  regionIdx: number;
  modeBit: number;
  remote: boolean;
  from: number;
  to: number;
  /** (word, mask) pairs of the need's fields; empty = any field. */
  fieldTests: Int32Array;
  /** Gate pre-test: (gate & gateMask) === gateWant (mode accepted, not closed), then gate & fieldGate ≠ 0. */
  gateMask: number;
  gateWant: number;
  fieldGate: number;
  seriesCode: number;
  /** By levelKey(): the store's level byte, + 32 when the need names a series the expert's title is not of. */
  levelOk: Uint8Array;
  levelMilli: Int32Array;
  travelMin: Uint16Array;
  /** Travel-time plus cross-region milli-points by the expert's region. */
  regionMilli: Int32Array;
  /** Availability-fit plus mode-preference points by the store's fit byte (days, preferred mode). */
  fitMilli: Int32Array;
  contMilli: number;
  must: SkillTests;
  nice: SkillTests;
}

export function planNeed(store: ExpertStore, need: EngineNeed): NeedPlan {
  const { config, regions, taxonomy } = store.ctx;
  const w = config.weights;
  const r = regions.codes.length;
  const regionIdx = regionIndex(regions, need.regionCode);
  const remote = need.mode === 'remote';
  const travelMin = regions.minutes.subarray(regionIdx * r, regionIdx * r + r);
  const bonus = config.crossRegionBonus;
  const bonusByClass = [bonus.sameCounty, bonus.samePrefecture, bonus.otherPrefecture, bonus.otherProvince];
  const regionMilli = new Int32Array(r);
  for (let k = 0; k < r; k++) {
    const travel = remote ? 1 : Math.max(0, 1 - travelMin[k] / config.travel.scaleMinutes);
    const cls = regions.distanceClass[regionIdx * r + k];
    regionMilli[k] = toMilli(w.travelTime, travel) + toMilli(w.crossRegion, bonusByClass[cls]);
  }
  const fieldWords = new Uint32Array(store.words);
  let fieldGate = 0;
  for (const f of needFields(store.ctx, need)) {
    const b = bitOfCode(taxonomy, f);
    fieldWords[b >>> 5] |= 1 << (b & 31);
    fieldGate |= store.fieldGate[b];
  }
  const pairs: number[] = [];
  fieldWords.forEach((mask, word) => {
    if (mask !== 0) pairs.push(word, mask | 0);
  });
  const min = need.minTitle;
  const minSkill = need.minSkillLevel;
  const levelOk = new Uint8Array(64);
  const levelMilli = new Int32Array(64);
  for (let t = 0; t <= 4; t++) {
    for (let s = 0; s <= 5; s++) {
      const titleOk = min !== undefined && t > 0 && t >= min.level;
      const skillOk = minSkill !== undefined && s >= minSkill;
      let v = 0;
      if (min === undefined && minSkill === undefined) v = Math.max(t / 4, s / 5);
      else {
        if (titleOk && min.level < 4) v = Math.max(v, (t - min.level) / (4 - min.level));
        if (skillOk && minSkill < 5) v = Math.max(v, (s - minSkill) / (5 - minSkill));
      }
      levelOk[t * 6 + s] = (min === undefined && minSkill === undefined) || titleOk || skillOk ? 1 : 0;
      levelMilli[t * 6 + s] = toMilli(w.level, v);
    }
  }
  // a title of another series than the need names counts as no title (level 0)
  for (let k = 0; k < 30; k++) {
    levelOk[32 + k] = levelOk[k % 6];
    levelMilli[32 + k] = levelMilli[k % 6];
  }
  const modeMilli = new Int32Array(4);
  modeMilli[0] = toMilli(w.modePreference, config.modeNoPreference);
  for (let c = 1; c <= 3; c++) modeMilli[c] = toMilli(w.modePreference, c === MODE_CODE[need.mode] ? 1 : 0);
  const needDays = need.daysPerMonth ?? 0;
  const fitMilli = new Int32Array(128);
  for (let d = 0; d < 128; d++) {
    const days = d & 31;
    fitMilli[d] =
      toMilli(w.availabilityFit, needDays > 0 ? Math.min(1, days / needDays) : 1) + modeMilli[d >>> 5];
  }
  return {
    need,
    regionIdx,
    modeBit: MODE_BIT[need.mode],
    remote,
    from: need.period.from,
    to: need.period.to,
    fieldTests: Int32Array.from(pairs),
    gateMask: MODE_BIT[need.mode] | GATE_CLOSED,
    gateWant: MODE_BIT[need.mode],
    // no field named: any expert passes; the mode bit is set in every gate that got this far
    fieldGate: pairs.length === 0 ? MODE_BIT[need.mode] : fieldGate >>> 0,
    seriesCode: min?.series === undefined ? 0 : store.seriesCodes.find(min.series),
    levelOk,
    levelMilli,
    travelMin,
    regionMilli,
    fitMilli,
    contMilli: toMilli(w.continuity, 1) - toMilli(w.continuity, 0),
    must: buildSkillTests(taxonomy, need.mustHaveSkills, w.mustHaveSkills, 1, config.closeness),
    nice: buildSkillTests(taxonomy, need.niceToHaveSkills ?? [], w.niceToHaveSkills, 0, config.closeness),
  };
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
