import type { Contribution, EngineNeed, FeatureName, Localized } from './engine.types';
import { toMilli } from './engine-config';
import type { EngineContext, ExpertFacts } from './expert-facts';
import { titleMeets } from './reference-filters';
import { regionIndex } from './region-matrix';
import { fieldOf, subFieldOf } from './taxonomy-index';

/**
 * Each scoring feature in plain code, written apart from the fast kernel's lookup tables so a test can
 * hold them against each other. Values lie in [0, 1]; points are weight × value in milli-points.
 */

const CLASS_ZH = ['同一区县', '同一市州', '省内其他市州', '跨省'];
const CLASS_EN = ['same county', 'same prefecture', 'another prefecture', 'another province'];

export function closenessOf(ctx: EngineContext, f: ExpertFacts, code: string): number {
  if (f.held.has(code)) return 1;
  const depth = ctx.taxonomy.depth[ctx.taxonomy.bitOf.get(code) ?? 0];
  const sub = subFieldOf(ctx.taxonomy, code);
  if (depth >= 2 && sub !== undefined && f.held.has(sub)) return ctx.config.closeness.sameSubField;
  if (depth >= 1 && f.held.has(fieldOf(ctx.taxonomy, code))) return ctx.config.closeness.sameField;
  return 0;
}

function coverage(ctx: EngineContext, f: ExpertFacts, codes: readonly string[]): [number, number] {
  let sum = 0;
  let exact = 0;
  for (const c of codes) {
    const v = closenessOf(ctx, f, c);
    sum += v;
    if (v === 1) exact++;
  }
  return [sum, exact];
}

function levelValue(f: ExpertFacts, need: EngineNeed): number {
  const min = need.minTitle;
  const minSkill = need.minSkillLevel;
  if (!min && minSkill === undefined) return Math.max(f.titleLevel / 4, f.skillLevel / 5);
  let v = 0;
  if (min && titleMeets(f, need) && min.level < 4)
    v = Math.max(v, (f.titleLevel - min.level) / (4 - min.level));
  if (minSkill !== undefined && f.skillLevel >= minSkill && minSkill < 5) {
    v = Math.max(v, (f.skillLevel - minSkill) / (5 - minSkill));
  }
  return v;
}

const T = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });

export function referenceContributions(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): Contribution[] {
  const cfg = ctx.config;
  const out: Contribution[] = [];
  const add = (feature: FeatureName, value: number, reason: Localized) => {
    const weight = cfg.weights[feature];
    out.push({ feature, value, weight, points: toMilli(weight, value) / 1000, reason });
  };
  const must = need.mustHaveSkills;
  const [mustSum, mustExact] = coverage(ctx, f, must);
  add(
    'mustHaveSkills',
    must.length === 0 ? 1 : mustSum / must.length,
    T(
      `必备技能完全具备 ${mustExact}/${must.length}`,
      `Holds ${mustExact} of ${must.length} must-have skills exactly`,
    ),
  );
  const nice = need.niceToHaveSkills ?? [];
  const [niceSum, niceExact] = coverage(ctx, f, nice);
  add(
    'niceToHaveSkills',
    nice.length === 0 ? 0 : niceSum / nice.length,
    T(
      `加分技能完全具备 ${niceExact}/${nice.length}`,
      `Holds ${niceExact} of ${nice.length} nice-to-have skills`,
    ),
  );
  add('level', levelValue(f, need), levelReason(f.titleLevel, f.skillLevel));
  add(
    'honours',
    Math.min(f.honours, cfg.honoursCap) / cfg.honoursCap,
    T(`获得荣誉 ${f.honours} 项`, `${f.honours} honours`),
  );
  add(
    'experience',
    Math.min(f.years, cfg.yearsCap) / cfg.yearsCap,
    T(`从业 ${f.years} 年`, `${f.years} years of experience`),
  );
  const r = ctx.regions;
  const cell = regionIndex(r, f.regionCode) * r.codes.length + regionIndex(r, need.regionCode);
  const minutes = r.minutes[cell];
  const hours = (minutes / 60).toFixed(1);
  if (need.mode === 'remote') add('travelTime', 1, T('远程服务，无需出行', 'Remote work: no travel'));
  else {
    add(
      'travelTime',
      Math.max(0, 1 - minutes / cfg.travel.scaleMinutes),
      T(`路程约 ${hours} 小时`, `About ${hours} h of travel`),
    );
  }
  const cls = r.distanceClass[cell];
  const bonus = [
    cfg.crossRegionBonus.sameCounty,
    cfg.crossRegionBonus.samePrefecture,
    cfg.crossRegionBonus.otherPrefecture,
    cfg.crossRegionBonus.otherProvince,
  ][cls];
  add('crossRegion', bonus, T(`跨区域服务：${CLASS_ZH[cls]}`, `Cross-region: ${CLASS_EN[cls]}`));
  const needDays = need.daysPerMonth ?? 0;
  add(
    'availabilityFit',
    needDays > 0 ? Math.min(1, f.daysPerMonth / needDays) : 1,
    T(
      `每月可服务 ${f.daysPerMonth} 天，需求 ${needDays} 天`,
      `Offers ${f.daysPerMonth} days a month, ${needDays} needed`,
    ),
  );
  const pref = f.preferredMode;
  add(
    'modePreference',
    pref === undefined ? cfg.modeNoPreference : pref === need.mode ? 1 : 0,
    pref === need.mode
      ? T('服务方式为本人首选', "The need's mode is the expert's preferred one")
      : T('服务方式非本人首选', "Not the expert's preferred mode"),
  );
  const cont = f.goodEmployers.has(need.employerId);
  add(
    'continuity',
    cont ? 1 : 0,
    cont
      ? T('曾为该单位服务且评价良好', 'Served this employer before, well rated')
      : T('未曾为该单位服务（或评价未达标）', 'No earlier well-rated engagement with this employer'),
  );
  add('loadBalance', 1 / (1 + f.active), T(`当前服务 ${f.active} 项`, `${f.active} current engagements`));
  const rated = f.ratingTenths > 0;
  add(
    'feedback',
    rated ? (f.ratingTenths / 10 - 1) / 4 : cfg.feedbackNeutral,
    rated
      ? T(
          `以往评价平均 ${(f.ratingTenths / 10).toFixed(1)} 分`,
          `Mean past rating ${(f.ratingTenths / 10).toFixed(1)}`,
        )
      : T('暂无评价，按中间值计', 'No ratings yet: neutral value'),
  );
  return out;
}

export function sumMilli(contributions: readonly Contribution[]): number {
  let s = 0;
  for (const c of contributions) s += Math.round(c.points * 1000);
  return s;
}

const TITLE_NAMES = ['', '初级职称', '中级职称', '副高级职称', '正高级职称'];
const TITLE_NAMES_EN = [
  '',
  'junior title',
  'intermediate title',
  'associate senior title',
  'full senior title',
];
const SKILL_NAMES = ['', '初级工', '中级工', '高级工', '技师', '高级技师'];
const SKILL_NAMES_EN = [
  '',
  'junior worker',
  'intermediate worker',
  'senior worker',
  'technician',
  'senior technician',
];

/** The expert's title and skill level in words, e.g. "正高级职称、高级技师". */
function levelReason(title: number, skill: number) {
  const zh = [TITLE_NAMES[title], SKILL_NAMES[skill]].filter(Boolean).join('、') || '无职称或技能等级';
  const en =
    [TITLE_NAMES_EN[title], SKILL_NAMES_EN[skill]].filter(Boolean).join(', ') || 'no title or skill level';
  return T(zh, en.charAt(0).toUpperCase() + en.slice(1));
}
