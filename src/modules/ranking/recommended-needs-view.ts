import type { PageLanguage } from '../../lib/http/page-i18n';
import type { RecommendedNeedsPage } from './recommended-needs.schemas';

type Item = RecommendedNeedsPage['items'][number];

/** How many factors the one-line reason names: those that gave the most points. */
const REASONS = 2;

/** Why a need suits the expert, in one line: the reasons of the factors that gave the most points. */
export function oneLineReason(item: Pick<Item, 'contributions'>, lang: PageLanguage): string {
  const top = [...item.contributions]
    .filter((c) => c.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, REASONS);
  return top.map((c) => c.reason[lang] || c.reason['zh-CN']).join(lang === 'en' ? '; ' : '；');
}

/** Recommended needs as the expert's pages list them. */
export function recommendedRows(items: readonly Item[], lang: PageLanguage) {
  return items.map((item) => ({
    id: item.need.id,
    title: item.need.title,
    organisation: item.need.organisation.name,
    county: item.need.county,
    mode: item.need.mode,
    period: item.need.period,
    score: Math.round(item.score * 10) / 10,
    atLimit: item.atLimit,
    interested: item.interested,
    reason: oneLineReason(item, lang),
  }));
}
