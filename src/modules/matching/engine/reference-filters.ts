import type { EngineNeed, FilterFailure } from './engine.types';
import type { EngineContext, ExpertFacts } from './expert-facts';
import { regionIndex } from './region-matrix';
import { fieldOf } from './taxonomy-index';

/**
 * The hard filters in plain code, one function each, every failure with its reason. The fast kernel
 * (score-kernel.ts) applies the same rules on the struct-of-arrays store; tests hold the two together.
 */

const MODE_ZH = { onsite: '长期驻点', periodic: '定期服务', remote: '远程咨询' } as const;

export function needFields(ctx: EngineContext, need: EngineNeed): Set<string> {
  const fields = new Set<string>();
  for (const c of need.mustHaveSkills) fields.add(fieldOf(ctx.taxonomy, c));
  for (const c of need.niceToHaveSkills ?? []) fields.add(fieldOf(ctx.taxonomy, c));
  for (const c of need.fields ?? []) fields.add(fieldOf(ctx.taxonomy, c));
  return fields;
}

export function titleMeets(f: ExpertFacts, need: EngineNeed): boolean {
  const min = need.minTitle;
  if (!min) return false;
  return (
    f.titleLevel > 0 &&
    f.titleLevel >= min.level &&
    (min.series === undefined || f.titleSeries === min.series)
  );
}

/** Days of [from, to] within the expert's windows and not blocked. */
export function availableDays(f: ExpertFacts, from: number, to: number): number {
  const blocked = new Set(f.blocked);
  let days = 0;
  for (const w of f.windows) {
    const a = Math.max(w.from, from);
    const b = Math.min(w.to, to);
    for (let d = a; d <= b; d++) if (!blocked.has(d)) days++;
  }
  return days;
}

export function referenceFilters(ctx: EngineContext, f: ExpertFacts, need: EngineNeed): FilterFailure[] {
  const out: FilterFailure[] = [];
  const fields = needFields(ctx, need);
  if (fields.size > 0 && ![...fields].some((x) => f.held.has(x))) {
    const list = [...fields].join(', ');
    out.push({
      filter: 'field',
      reason: { 'zh-CN': `专业领域与需求（${list}）不符`, en: `No skill in the need's fields (${list})` },
    });
  }
  const namesTitle = need.minTitle !== undefined;
  const namesSkill = need.minSkillLevel !== undefined;
  if (namesTitle || namesSkill) {
    const ok = titleMeets(f, need) || (namesSkill && f.skillLevel >= (need.minSkillLevel ?? 0));
    if (!ok) {
      const wants = [
        namesTitle
          ? `职称≥${need.minTitle?.level}${need.minTitle?.series ? `（${need.minTitle.series}）` : ''}`
          : '',
        namesSkill ? `技能等级≥${need.minSkillLevel}` : '',
      ].filter(Boolean);
      const wantsEn = [
        namesTitle
          ? `title ≥ ${need.minTitle?.level}${need.minTitle?.series ? ` (${need.minTitle.series})` : ''}`
          : '',
        namesSkill ? `skill level ≥ ${need.minSkillLevel}` : '',
      ].filter(Boolean);
      out.push({
        filter: 'level',
        reason: {
          'zh-CN': `未达到最低要求：${wants.join(' 或 ')}（现职称 ${f.titleLevel}，技能等级 ${f.skillLevel}）`,
          en: `Below the minimum: ${wantsEn.join(' or ')} (has title ${f.titleLevel}, skill level ${f.skillLevel})`,
        },
      });
    }
  }
  if (!f.modes.has(need.mode)) {
    out.push({
      filter: 'mode',
      reason: { 'zh-CN': `不接受${MODE_ZH[need.mode]}方式`, en: `Does not accept ${need.mode} work` },
    });
  }
  if (availableDays(f, need.period.from, need.period.to) === 0) {
    out.push({
      filter: 'availability',
      reason: {
        'zh-CN': '可服务时间与需求周期无重叠（已扣除不可用日期）',
        en: "No available day within the need's period (blocked dates excluded)",
      },
    });
  }
  if (need.mode !== 'remote' && f.maxTravelMinutes !== undefined && !f.namedRegions.has(need.regionCode)) {
    const r = ctx.regions;
    const n = r.codes.length;
    const minutes = r.minutes[regionIndex(r, f.regionCode) * n + regionIndex(r, need.regionCode)];
    if (minutes > f.maxTravelMinutes) {
      const h = (minutes / 60).toFixed(1);
      const max = (f.maxTravelMinutes / 60).toFixed(1);
      out.push({
        filter: 'travel',
        reason: {
          'zh-CN': `路程约 ${h} 小时，超过本人可接受的 ${max} 小时`,
          en: `About ${h} h of travel, more than the ${max} h the expert accepts`,
        },
      });
    }
  }
  if (f.active + f.pending >= f.maxConcurrent) {
    out.push({
      filter: 'capacity',
      reason: {
        'zh-CN': `已有 ${f.active} 项服务、${f.pending} 个待回复邀请，达到上限 ${f.maxConcurrent}`,
        en: `${f.active} engagements and ${f.pending} pending offers reach the limit of ${f.maxConcurrent}`,
      },
    });
  }
  if (f.paused) {
    out.push({ filter: 'paused', reason: { 'zh-CN': '本人已暂停接受邀请', en: 'The expert has paused' } });
  }
  if (f.closedNeeds.has(need.id)) {
    out.push({
      filter: 'declined',
      reason: { 'zh-CN': '曾谢绝或被拒绝此需求', en: 'Declined or was rejected for this need before' },
    });
  }
  return out;
}
