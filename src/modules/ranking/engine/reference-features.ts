import type { CandidateNote, Contribution, EngineNeed, FeatureName, Localized } from './engine.types';
import { FEATURES, featureApplies, needWeights, toMilli } from './engine-config';
import type { EngineContext, ExpertFacts } from './expert-facts';
import { levelValueOf, requiredCode } from './need-plan';
import { effectiveTitle, travelMinutesOf, tripAgainstLimit } from './reference-filters';
import { regionIndex } from './region-matrix';
import { bitOfCode, fieldOf, labelOf, subFieldOf } from './taxonomy-index';
import { CLASS_WORDS, durationWords, joinWords, levelWords, MODE_WORDS, T } from './wording';

/**
 * Each scoring feature in plain code, written apart from the fast kernel's lookup tables so a test can
 * hold them against each other. Values lie in [0, 1]; points are the need's weight × value in
 * milli-points. Features that do not apply to the need are left out (needWeights scales the rest).
 */

/** How close the expert comes to one skill: the best level held, keyword-only evidence discounted. */
export function closenessOf(ctx: EngineContext, f: ExpertFacts, code: string): number {
  const tax = ctx.taxonomy;
  const depth = tax.depth[bitOfCode(tax, code)];
  const levels: Array<[string | undefined, number]> = [
    [code, 1],
    [depth >= 2 ? subFieldOf(tax, code) : undefined, ctx.config.closeness.sameSubField],
    [depth >= 1 ? fieldOf(tax, code) : undefined, ctx.config.closeness.sameField],
  ];
  let best = 0;
  for (const [c, v] of levels) {
    if (c === undefined) continue;
    const got = f.held.has(c) ? v : f.weakHeld.has(c) ? v * ctx.config.keywordEvidence : 0;
    if (got > best) best = got;
  }
  return best;
}

function coverage(ctx: EngineContext, f: ExpertFacts, codes: readonly string[]): number {
  let sum = 0;
  for (const c of codes) sum += closenessOf(ctx, f, c);
  return sum;
}

/** One skill in words with how it is held: "冠心病介入（同一专业方向的相近技能）". */
function skillStatus(ctx: EngineContext, f: ExpertFacts, code: string): Localized {
  const l = labelOf(ctx.taxonomy, code);
  if (f.held.has(code)) return l;
  if (f.weakHeld.has(code)) return T(`${l['zh-CN']}（仅见于关键词）`, `${l.en} (keywords only)`);
  const v = closenessOf(ctx, f, code);
  if (v >= ctx.config.closeness.sameSubField && v > 0) {
    return T(`${l['zh-CN']}（具备同一专业方向的相近技能）`, `${l.en} (a close skill of the same sub-field)`);
  }
  if (v > 0) return T(`${l['zh-CN']}（仅同一大类）`, `${l.en} (same field only)`);
  return T(`${l['zh-CN']}（不具备）`, `${l.en} (not held)`);
}

function skillsReason(
  ctx: EngineContext,
  f: ExpertFacts,
  codes: readonly string[],
  must: boolean,
): Localized {
  const exact = codes.filter((c) => f.held.has(c));
  const what = must ? T('必备技能', 'must-have skills') : T('加分技能', 'nice-to-have skills');
  if (exact.length === codes.length) {
    const list = joinWords(codes.map((c) => labelOf(ctx.taxonomy, c)));
    return T(`${what['zh-CN']}全部具备：${list['zh-CN']}`, `Holds all ${what.en}: ${list.en}`);
  }
  const list = joinWords(codes.map((c) => skillStatus(ctx, f, c)));
  return T(
    `${what['zh-CN']}：${list['zh-CN']}`,
    `${what.en.charAt(0).toUpperCase()}${what.en.slice(1)}: ${list.en}`,
  );
}

function modeReason(f: ExpertFacts, need: EngineNeed): Localized {
  const m = MODE_WORDS[need.mode];
  if (f.preferredModes.size === 0) {
    return T('本人未填写首选服务方式，按中间值计', 'No preferred way of working stated: neutral value');
  }
  if (f.preferredModes.has(need.mode)) {
    return T(`${m['zh-CN']}是本人首选的服务方式`, `${m.en} is a way of working the expert prefers`);
  }
  const pref = joinWords([...f.preferredModes].map((x) => MODE_WORDS[x]));
  return T(`本人首选${pref['zh-CN']}`, `The expert prefers ${pref.en}`);
}

export function referenceContributions(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): Contribution[] {
  const cfg = ctx.config;
  const w = needWeights(cfg, need);
  const values = new Map<FeatureName, [number, Localized]>();
  const must = need.mustHaveSkills;
  const nice = need.niceToHaveSkills ?? [];
  values.set('mustHaveSkills', [
    must.length === 0 ? 0 : coverage(ctx, f, must) / must.length,
    skillsReason(ctx, f, must, true),
  ]);
  values.set('niceToHaveSkills', [
    nice.length === 0 ? 0 : coverage(ctx, f, nice) / nice.length,
    skillsReason(ctx, f, nice, false),
  ]);
  const t = effectiveTitle(f, need);
  values.set('level', [
    levelValueOf(t, f.skillLevel, need),
    levelWords(f.titleLevel, f.skillLevel, f.titleSeries),
  ]);
  values.set('honours', [
    Math.min(f.honours, cfg.honoursCap) / cfg.honoursCap,
    f.honours > 0
      ? T(`获得荣誉 ${f.honours} 项`, plural(f.honours, 'honour'))
      : T('暂无荣誉记录', 'No honours recorded'),
  ]);
  values.set('experience', [
    Math.min(f.years, cfg.yearsCap) / cfg.yearsCap,
    T(`从业 ${f.years} 年`, `${plural(f.years, 'year')} of experience`),
  ]);
  const minutes = travelMinutesOf(ctx, f, need);
  const d = durationWords(minutes);
  values.set('travelTime', [
    Math.max(0, 1 - minutes / cfg.travel.scaleMinutes),
    f.regionCode === need.regionCode
      ? T(`同一区县，路程约 ${d['zh-CN']}`, `Same county, about ${d.en}`)
      : T(`路程约 ${d['zh-CN']}`, `About ${d.en} of travel`),
  ]);
  const r = ctx.regions;
  const cls =
    r.distanceClass[regionIndex(r, f.regionCode) * r.codes.length + regionIndex(r, need.regionCode)];
  const b = cfg.crossRegionBonus;
  const c = CLASS_WORDS[cls];
  values.set('crossRegion', [
    [b.sameCounty, b.samePrefecture, b.otherPrefecture, b.otherProvince][cls],
    cls === 0
      ? T('本地专家（同区县）', 'A local expert (same county)')
      : T(`跨区域服务：${c['zh-CN']}`, `Cross-region: ${c.en}`),
  ]);
  const needDays = need.daysPerMonth ?? 0;
  values.set('availabilityFit', [
    needDays > 0 ? Math.min(1, f.daysPerMonth / needDays) : 0,
    T(
      `每月可服务 ${f.daysPerMonth} 天，需求 ${needDays} 天`,
      `Offers ${f.daysPerMonth} days a month, ${needDays} needed`,
    ),
  ]);
  values.set('modePreference', [
    f.preferredModes.size === 0 ? cfg.modeNoPreference : f.preferredModes.has(need.mode) ? 1 : 0,
    modeReason(f, need),
  ]);
  const cont = f.goodEmployers.has(need.employerId);
  values.set('continuity', [
    cont ? 1 : 0,
    cont
      ? T('曾为该单位服务且评价良好', 'Served this employer before, well rated')
      : T('未曾为该单位服务（或评价未达标）', 'No earlier well-rated engagement with this employer'),
  ]);
  values.set('loadBalance', [
    1 / (1 + f.active),
    f.active === 0
      ? T('目前没有在服务的项目', 'No current engagement')
      : T(`当前服务 ${f.active} 项`, `${plural(f.active, 'current engagement')}`),
  ]);
  const rated = f.ratingTenths > 0;
  values.set('feedback', [
    rated ? (f.ratingTenths / 10 - 1) / 4 : cfg.feedbackNeutral,
    rated
      ? T(
          `以往评价平均 ${(f.ratingTenths / 10).toFixed(1)} 分`,
          `Mean past rating ${(f.ratingTenths / 10).toFixed(1)}`,
        )
      : T('暂无评价，按中间值计', 'No ratings yet: neutral value'),
  ]);
  const interested = (need.interested ?? []).includes(f.id);
  values.set('interest', [
    interested ? 1 : 0,
    interested
      ? T('本人已表示对该需求有意向', 'Said they are interested in this need')
      : T('未表示意向（已有其他专家表示有意向）', 'Has not said they are interested (other experts have)'),
  ]);
  const out: Contribution[] = [];
  for (const feature of FEATURES) {
    if (!featureApplies(feature, need)) continue;
    const [value, reason] = values.get(feature) ?? [0, T('', '')];
    const weight = w[feature];
    out.push({
      feature,
      value,
      weight: Math.round(weight * 1000) / 1000,
      points: toMilli(weight, value) / 1000,
      reason,
    });
  }
  return out;
}

/** What the coordinator should weigh although every requirement is met. */
export function referenceNotes(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): CandidateNote[] {
  const notes: CandidateNote[] = [];
  const match = need.mustHaveMatch ?? 'subField';
  const weak = need.mustHaveSkills.filter((c) => !f.held.has(requiredCode(ctx.taxonomy, c, match)));
  const fields = need.fields ?? [];
  if (fields.length > 0 && !fields.some((c) => f.held.has(c))) weak.push(...fields);
  if (weak.length > 0) {
    const list = joinWords(weak.map((c) => labelOf(ctx.taxonomy, c)));
    notes.push({
      kind: 'weakEvidence',
      reason: T(
        `${list['zh-CN']}仅见于本人填写的关键词，相关性较弱，建议先电话核实`,
        `${list.en}: found only in the expert's keywords (weak evidence); check by phone first`,
      ),
    });
  }
  const trip = tripAgainstLimit(ctx, f, need);
  if (trip && trip.minutes > trip.limit) {
    notes.push({
      kind: 'travelOverLimit',
      reason: T(
        `路程约 ${trip.words.trip['zh-CN']}，略超本人可接受的 ${trip.words.limit['zh-CN']}`,
        `About ${trip.words.trip.en} of travel, a little over the ${trip.words.limit.en} the expert accepts`,
      ),
    });
  }
  return notes;
}

export function sumMilli(contributions: readonly Contribution[]): number {
  let s = 0;
  for (const c of contributions) s += Math.round(c.points * 1000);
  return s;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
