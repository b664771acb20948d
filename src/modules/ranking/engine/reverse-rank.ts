import { spansOverlap } from './availability-spans';
import type { CandidateNote, Contribution, FeatureName } from './engine.types';
import { toMilli } from './engine-config';
import type { ExpertStore } from './expert-store';
import { MODE_BIT, PAUSED } from './expert-store';
import {
  APPLIES_FIT,
  APPLIES_INTEREST,
  APPLIES_MUST,
  APPLIES_NICE,
  APPLIES_TRAVEL,
  type NeedBoard,
  NO_LEVEL,
  weightsByPattern,
} from './need-board';
import { referenceContributions, referenceNotes, sumMilli } from './reference-features';
import { decodeSlot } from './store-decode';
import { overlapCount } from './store-side-index';

/**
 * The reverse ranking: one expert against every need on the board. The same hard filters and the same
 * score as the coordinator's ranking of a need (reference-filters.ts, reference-features.ts; a test
 * holds them together), read from the board's columns and the expert's slot. The scan allocates nothing
 * per need; the explanation is built afterwards, for the needs shown only (explainNeedFits).
 */

/** A need the expert meets every requirement of, with the score the coordinator would see. */
export interface NeedFit {
  needId: string;
  score: number;
  /**
   * The expert's places are all taken during the need's period (the capacity requirement is missed);
   * only listed with `includeAtCapacity`.
   */
  atCapacity: boolean;
}

export interface NeedFitOptions {
  /** Also list needs whose only miss is the expert's capacity, marked atCapacity. */
  includeAtCapacity?: boolean;
  /** Keeps only the needs it answers true for (called for needs that pass the filters). */
  accept?: (needId: string) => boolean;
}

const REMOTE = MODE_BIT.remote;
const NO = NO_LEVEL;

/**
 * Every listed need whose hard requirements the expert meets, best score first (ties: smaller need id
 * first). A paused expert meets none. Unknown experts throw. Board and store must be built from the same
 * regions and taxonomy (engineStoreOptions()).
 */
export function recommendNeeds(
  board: NeedBoard,
  store: ExpertStore,
  expertId: string,
  options: NeedFitOptions = {},
): NeedFit[] {
  const i = store.side.slotOf(expertId);
  if (i === undefined) throw new RangeError(`unknown expert ${expertId}`);
  assertCompatible(board, store);
  if ((store.flags[i] & PAUSED) !== 0) return [];
  const cfg = store.ctx.config;
  const regions = store.ctx.regions;
  const r = regions.codes.length;
  const eRegion = store.region[i];
  const modes = store.modes[i] & 7;
  const preferred = store.modes[i] >>> 4;
  const title = Math.floor(store.level[i] / 6);
  const skill = store.level[i] % 6;
  const eSeries = board.seriesCodeOf(store.seriesCodes.nameOf(store.series[i]));
  const availFrom = store.availFrom[i];
  const availTo = store.availTo[i];
  const spanAt = store.spans.at[i];
  const spans = store.spans.data;
  const bits = store.bits;
  const base = i * store.words;
  const weak = store.side.weak[i];
  const maxConc = store.maxConc[i];
  const holds = store.side.holds[i];
  const includeAtCapacity = options.includeAtCapacity === true;
  const accept = options.accept;

  // the expert's travel limit against every county once (R reads), so the scan reads one byte per need
  const travelOk = new Uint8Array(r);
  const named = store.side.named[i];
  const slack = 1 + cfg.travelTolerance;
  for (let k = 0; k < r; k++)
    travelOk[k] = regions.minutes[eRegion * r + k] <= store.maxTravel[i] * slack ? 1 : 0;
  if (named) for (const k of named) travelOk[k] = 1;
  // needs the expert declined or was rejected for; employers they served well before
  const closed = new Uint8Array(board.end);
  for (const id of store.side.closedNeeds[i] ?? []) {
    const n = board.slotOf(id);
    if (n !== undefined) closed[n] = 1;
  }
  const good = new Uint8Array(board.employers + 1);
  for (const id of store.side.goodEmployers[i] ?? []) {
    const c = board.employerCodeOf(id);
    if (c >= 0) good[c] = 1;
  }
  // needs the expert said they are interested in (the interest feature, as the coordinator scores it)
  const mine = board.interestSlotsOf(expertId);

  const { listed, mode, region, from: nFrom, to: nTo, minTitle, minSkill, series, tests } = board;
  const passed: number[] = [];
  const end = board.end;
  for (let n = 0; n < end; n++) {
    const m = mode[n];
    if (listed[n] === 0 || (m & modes) === 0 || closed[n] !== 0) continue;
    const from = nFrom[n];
    const to = nTo[n];
    if (from > to || availFrom > to || availTo < from) continue;
    if (spanAt >= 0 && !spansOverlap(spans, spanAt + 1, spanAt + 1 + 2 * spans[spanAt], from, to)) continue;
    const mt = minTitle[n];
    const ms = minSkill[n];
    if (mt !== NO || ms !== NO) {
      const t = series[n] !== 0 && series[n] !== eSeries ? 0 : title;
      if (!((mt !== NO && t > 0 && t >= mt) || (ms !== NO && skill >= ms))) continue;
    }
    if (m !== REMOTE && travelOk[region[n]] === 0) continue;
    const tt = tests[n] as Int32Array;
    const nf = tt[0];
    let k = 1;
    if (nf > 0) {
      let any = 0;
      for (; k <= nf; k++) any |= (bits[base + (tt[k] >>> 5)] >>> (tt[k] & 31)) & 1;
      if (any === 0) continue;
    }
    const stop = nf + 2 + tt[nf + 1];
    let all = 1;
    for (k = nf + 2; k < stop; k++) all &= (bits[base + (tt[k] >>> 5)] >>> (tt[k] & 31)) & 1;
    if (all === 0) continue;
    const full = maxConc === 0 || (holds !== null && overlapCount(holds, from, to) >= maxConc);
    if (full && !includeAtCapacity) continue;
    passed.push(full ? ~n : n);
  }

  const scorer = new FitScorer(board, store, i, good, mine, preferred, title, skill, eSeries, weak);
  const out: NeedFit[] = [];
  const milli: number[] = [];
  for (const p of passed) {
    const n = p < 0 ? ~p : p;
    const id = board.needs[n]?.id ?? '';
    if (accept && !accept(id)) continue;
    const score = scorer.milli(n);
    milli.push(score);
    out.push({ needId: id, score: score / 1000, atCapacity: p < 0 });
  }
  const order = out.map((_, k) => k);
  order.sort((a, b) => milli[b] - milli[a] || (out[a].needId < out[b].needId ? -1 : 1));
  return order.map((k) => out[k]);
}

/** The per-factor explanation of each given need for the expert, as the coordinator sees it. */
export function explainNeedFits(
  board: NeedBoard,
  store: ExpertStore,
  expertId: string,
  needIds: readonly string[],
): Array<{ needId: string; score: number; contributions: Contribution[]; notes: CandidateNote[] }> {
  const i = store.side.slotOf(expertId);
  if (i === undefined) throw new RangeError(`unknown expert ${expertId}`);
  const facts = decodeSlot(store, i);
  return needIds.map((needId) => {
    const n = board.slotOf(needId);
    const need = n === undefined ? undefined : board.needs[n];
    if (!need) throw new RangeError(`unknown need ${needId}`);
    const contributions = referenceContributions(store.ctx, facts, need);
    return {
      needId,
      score: sumMilli(contributions) / 1000,
      contributions,
      notes: referenceNotes(store.ctx, facts, need),
    };
  });
}

function assertCompatible(board: NeedBoard, store: ExpertStore): void {
  const codes = store.ctx.regions.codes;
  const tax = store.ctx.taxonomy.codes;
  const same =
    codes.length === board.regionCodes.length &&
    tax.length === board.taxonomy.codes.length &&
    codes[codes.length - 1] === board.regionCodes[codes.length - 1] &&
    tax[tax.length - 1] === board.taxonomy.codes[tax.length - 1];
  if (!same) throw new RangeError('the need board and the expert store were built from different data');
}

/**
 * The score of one expert for a need that passed, in milli-points: each feature rounded as
 * reference-features.ts rounds it, at the need's weights (by which features apply to it).
 */
class FitScorer {
  private readonly weights: Record<FeatureName, number>[];
  private readonly statics: Int32Array;
  private readonly row: number;
  /** Cross-region bonus by distance class. */
  private readonly bonus: readonly number[];

  constructor(
    private readonly board: NeedBoard,
    private readonly store: ExpertStore,
    private readonly i: number,
    private readonly good: Uint8Array,
    private readonly mine: ReadonlySet<number> | undefined,
    private readonly preferred: number,
    private readonly title: number,
    private readonly skill: number,
    private readonly eSeries: number,
    private readonly weak: Uint32Array | null,
  ) {
    const cfg = store.ctx.config;
    this.weights = weightsByPattern(cfg);
    this.row = store.region[i] * store.ctx.regions.codes.length;
    const b = cfg.crossRegionBonus;
    this.bonus = [b.sameCounty, b.samePrefecture, b.otherPrefecture, b.otherProvince];
    const h = store.honours[i];
    const y = store.years[i];
    const a = store.active[i];
    const rt = store.rating[i];
    this.statics = Int32Array.from(
      this.weights,
      (w) =>
        toMilli(w.honours, Math.min(h, cfg.honoursCap) / cfg.honoursCap) +
        toMilli(w.experience, Math.min(y, cfg.yearsCap) / cfg.yearsCap) +
        toMilli(w.loadBalance, 1 / (1 + a)) +
        toMilli(w.feedback, rt > 0 ? (rt / 10 - 1) / 4 : cfg.feedbackNeutral),
    );
  }

  milli(n: number): number {
    const { board, store } = this;
    const cfg = store.ctx.config;
    const need = board.needs[n];
    const tt = board.tests[n];
    if (!need || !tt) return 0;
    const p = board.pattern[n];
    const w = this.weights[p];
    let m = this.statics[p];
    const mustAt = tt[0] + 2 + tt[tt[0] + 1];
    const niceAt = mustAt + 1 + 3 * tt[mustAt];
    if ((p & APPLIES_MUST) !== 0) m += this.skillMilli(tt, mustAt, w.mustHaveSkills);
    if ((p & APPLIES_NICE) !== 0) m += this.skillMilli(tt, niceAt, w.niceToHaveSkills);
    const s = board.series[n];
    m += toMilli(w.level, this.levelValue(s !== 0 && s !== this.eSeries ? 0 : this.title, n));
    const cell = this.row + board.region[n];
    if ((p & APPLIES_TRAVEL) !== 0) {
      m += toMilli(w.travelTime, Math.max(0, 1 - store.ctx.regions.minutes[cell] / cfg.travel.scaleMinutes));
    }
    m += toMilli(w.crossRegion, this.bonus[store.ctx.regions.distanceClass[cell]]);
    if ((p & APPLIES_FIT) !== 0) {
      m += toMilli(w.availabilityFit, Math.min(1, (store.fit[this.i] & 31) / (need.daysPerMonth ?? 0)));
    }
    const pref = this.preferred;
    m += toMilli(w.modePreference, pref === 0 ? cfg.modeNoPreference : (pref & board.mode[n]) !== 0 ? 1 : 0);
    m += toMilli(w.continuity, this.good[board.employer[n]]);
    if ((p & APPLIES_INTEREST) !== 0 && this.mine?.has(n) === true) m += toMilli(w.interest, 1);
    return m;
  }

  /** levelValueOf (need-plan.ts) from the board's columns. */
  private levelValue(t: number, n: number): number {
    const mt = this.board.minTitle[n];
    const ms = this.board.minSkill[n];
    const s = this.skill;
    if (mt === NO && ms === NO) return Math.max(t / 4, s / 5);
    let v = 0;
    if (mt !== NO && t > 0 && t >= mt) v = Math.max(v, (t - mt + 1) / (5 - mt));
    if (ms !== NO && s >= ms) v = Math.max(v, (s - ms + 1) / (6 - ms));
    return v;
  }

  /** Σ closeness ÷ count of a skill list at `at` (closenessOf in reference-features.ts), as points. */
  private skillMilli(tt: Int32Array, at: number, weight: number): number {
    const count = tt[at];
    const { sameSubField, sameField } = this.store.ctx.config.closeness;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const q = at + 1 + 3 * k;
      let best = this.closeness(tt[q], 1);
      if (tt[q + 1] >= 0) best = Math.max(best, this.closeness(tt[q + 1], sameSubField));
      if (tt[q + 2] >= 0) best = Math.max(best, this.closeness(tt[q + 2], sameField));
      sum += best;
    }
    return toMilli(weight, sum / count);
  }

  private closeness(bit: number, v: number): number {
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if ((this.store.bits[this.i * this.store.words + word] & mask) === 0) return 0;
    return this.weak !== null && (this.weak[word] & mask) !== 0
      ? v * this.store.ctx.config.keywordEvidence
      : v;
  }
}
