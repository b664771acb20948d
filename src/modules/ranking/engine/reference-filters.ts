import type { EngineDateWindow, EngineNeed, FilterFailure } from './engine.types';
import type { EngineContext, ExpertFacts } from './expert-facts';
import { levelMeets, requiredCode } from './need-plan';
import { regionIndex } from './region-matrix';
import { labelOf } from './taxonomy-index';
import { durationWords, joinWords, levelWords, MODE_WORDS, skillWords, T, titleWords } from './wording';

/**
 * The hard filters in plain code, one function each, every failure with its reason. The fast kernel
 * (scan-kernel.ts, score-kernel.ts) applies the same rules on the struct-of-arrays store; tests hold the
 * two together. Keyword-only evidence meets a requirement (it is flagged, and scores less).
 */

const holds = (f: ExpertFacts, code: string) => f.held.has(code) || f.weakHeld.has(code);

/** The expert's title level as the need sees it: a title of another series than it names counts as none. */
export function effectiveTitle(f: ExpertFacts, need: EngineNeed): number {
  const series = need.minTitle?.series;
  return series !== undefined && f.titleSeries !== series ? 0 : f.titleLevel;
}

/** Days of [from, to] within the expert's windows and not blocked. */
export function availableDays(f: ExpertFacts, from: number, to: number): number {
  let days = 0;
  for (const w of f.windows) {
    const a = Math.max(w.from, from);
    const b = Math.min(w.to, to);
    for (let d = a; d <= b; d++) if (!f.blocked.some((p) => p.from <= d && d <= p.to)) days++;
  }
  return days;
}

/** Travel minutes between the expert's county and the need's. */
export function travelMinutesOf(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): number {
  const r = ctx.regions;
  return r.minutes[regionIndex(r, f.regionCode) * r.codes.length + regionIndex(r, need.regionCode)];
}

/** Whether the travel limit applies at all (remote work, or a county the expert named, escapes it). */
export function travelLimitApplies(f: ExpertFacts, need: EngineNeed): boolean {
  return need.mode !== 'remote' && f.maxTravelMinutes !== undefined && !f.namedRegions.has(need.regionCode);
}

/** The trip and the limit the expert stated, in minutes and in words, when a limit applies to the need. */
export function tripAgainstLimit(ctx: EngineContext, f: ExpertFacts, need: EngineNeed) {
  if (!travelLimitApplies(f, need)) return undefined;
  const minutes = travelMinutesOf(ctx, f, need);
  const limit = f.maxTravelMinutes ?? 0;
  return { minutes, limit, words: { trip: durationWords(minutes), limit: durationWords(limit) } };
}

export const overlaps = (p: EngineDateWindow, from: number, to: number) => p.from <= to && p.to >= from;

/** The must-have skills whose requirement the expert does not meet. */
export function missingMustHaves(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): string[] {
  const match = need.mustHaveMatch ?? 'subField';
  return need.mustHaveSkills.filter((c) => !holds(f, requiredCode(ctx.taxonomy, c, match)));
}

export function referenceFilters(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): FilterFailure[] {
  const out: FilterFailure[] = [];
  const label = (c: string) => labelOf(ctx.taxonomy, c);
  const fields = need.fields ?? [];
  if (fields.length > 0 && !fields.some((x) => holds(f, x))) {
    const list = joinWords(fields.map(label));
    out.push({
      filter: 'field',
      reason: T(`专业领域不符：需求为${list['zh-CN']}`, `Not in the need's field (${list.en})`),
    });
  }
  const missing = missingMustHaves(ctx, f, need);
  if (missing.length > 0) {
    const list = joinWords(missing.map(label));
    const exact = need.mustHaveMatch === 'exact';
    out.push({
      filter: 'mustHave',
      reason: exact
        ? T(`缺少必备技能：${list['zh-CN']}`, `Lacks the must-have skill(s): ${list.en}`)
        : T(
            `缺少必备技能：${list['zh-CN']}（同一专业方向的相近技能也没有）`,
            `Lacks the must-have skill(s) ${list.en}, nor any close skill of the same sub-field`,
          ),
    });
  }
  if (!levelMeets(effectiveTitle(f, need), f.skillLevel, need)) {
    const wants = [
      need.minTitle ? titleWords(need.minTitle.level, need.minTitle.series) : undefined,
      need.minSkillLevel !== undefined ? skillWords(need.minSkillLevel) : undefined,
    ].filter((x) => x !== undefined);
    const want = joinWords(wants, ' 或 ', ' or ');
    const has = levelWords(f.titleLevel, f.skillLevel, f.titleSeries);
    out.push({
      filter: 'level',
      reason: T(
        `未达到最低要求：需${want['zh-CN']}及以上，本人为${has['zh-CN']}`,
        `Below the minimum: needs ${want.en} or higher; has ${has.en.charAt(0).toLowerCase()}${has.en.slice(1)}`,
      ),
    });
  }
  if (!f.modes.has(need.mode)) {
    const m = MODE_WORDS[need.mode];
    out.push({ filter: 'mode', reason: T(`不接受${m['zh-CN']}方式`, `Does not accept ${m.en}`) });
  }
  if (availableDays(f, need.period.from, need.period.to) === 0) {
    out.push({
      filter: 'availability',
      reason: T(
        '需求期间本人没有可服务的日子（已扣除不可服务时段）',
        "No available day within the need's period (blocked periods excluded)",
      ),
    });
  }
  const trip = tripAgainstLimit(ctx, f, need);
  if (trip && trip.minutes > trip.limit * (1 + ctx.config.travelTolerance)) {
    out.push({
      filter: 'travel',
      reason: T(
        `路程约 ${trip.words.trip['zh-CN']}，超过本人可接受的 ${trip.words.limit['zh-CN']}`,
        `About ${trip.words.trip.en} of travel, more than the ${trip.words.limit.en} the expert accepts`,
      ),
    });
  }
  const held = f.holds.filter((p) => overlaps(p, need.period.from, need.period.to)).length;
  if (held >= f.maxConcurrent) {
    out.push({
      filter: 'capacity',
      reason: T(
        `需求期间已有 ${held} 项服务或待回复邀请，达到本人上限 ${f.maxConcurrent} 项`,
        `${held} engagement(s) or pending offer(s) during the need's period reach the limit of ${f.maxConcurrent}`,
      ),
    });
  }
  if (f.paused) {
    out.push({ filter: 'paused', reason: T('本人已暂停接受邀请', 'The expert has paused') });
  }
  if (f.closedNeeds.has(need.id)) {
    out.push({
      filter: 'declined',
      reason: T('曾谢绝或被拒绝此需求', 'Declined or was rejected for this need before'),
    });
  }
  return out;
}
