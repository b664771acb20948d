import { TITLE_LEVELS } from '../experts/expert-levels';
import { expertCounties, expertsForReport } from '../experts/expert-records.service';
import { MATCH_STATUSES, type MatchRecord, matchesForReport } from '../matches/match-queries.service';
import { NEED_STATUSES, needsForReport } from '../needs/need-records.service';
import { prefectureOf, provinceOf } from '../regions/regions.service';
import { fieldOf } from '../taxonomy/taxonomy.service';

/**
 * The figures coordinators report to the government. One read of each collection (with the few
 * fields needed) and plain counting here, so the same numbers serve the page, the JSON API and the
 * CSV export, and the MongoDB test server needs no aggregation stages.
 */

const DAY_MS = 86_400_000;
/** Months are counted in China time. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
export const TOP_COUNTIES = 10;
export const REPORT_MONTHS = 12;

export interface Count {
  key: string;
  count: number;
}

/** key → count, biggest first, then by key (a stable order for the page, the CSV and tests). */
function ranked(counts: Map<string, number>): Count[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
export const monthOf = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/** The last `n` months up to the one holding `now`, oldest first ("2026-01"). */
export function lastMonths(now: Date, n = REPORT_MONTHS): string[] {
  const [y, m] = monthOf(now).split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Experts who have not deleted their data: by top-level field, title level and county of residence. */
async function expertFigures() {
  const experts = await expertsForReport();
  const byField = new Map<string, number>();
  const byTitle = new Map<string, number>(TITLE_LEVELS.map((l) => [l, 0]));
  byTitle.set('none', 0);
  const byCounty = new Map<string, number>();
  for (const e of experts) {
    const fields = new Set((e.fields ?? []).map((f) => fieldOf(f)?.code ?? f));
    for (const f of fields) bump(byField, f);
    bump(byTitle, e.title?.level ?? 'none');
    if (e.residenceCounty) bump(byCounty, e.residenceCounty);
  }
  return {
    total: experts.length,
    active: experts.filter((e) => e.status === 'active').length,
    paused: experts.filter((e) => e.status === 'paused').length,
    byField: ranked(byField),
    byTitleLevel: [...byTitle.entries()].map(([key, count]) => ({ key, count })),
    byCounty: ranked(byCounty).slice(0, TOP_COUNTIES),
    counties: byCounty.size,
  };
}

/** "county", "prefecture" or "province": how far apart the expert's county and the need's are. */
export function distanceClass(expertCounty: string | null | undefined, needCounty: string) {
  if (!expertCounty) return null;
  if (expertCounty === needCounty) return 'county';
  if (provinceOf(expertCounty)?.code !== provinceOf(needCounty)?.code) return 'province';
  if (prefectureOf(expertCounty)?.code !== prefectureOf(needCounty)?.code) return 'prefecture';
  return 'samePrefecture';
}

const reached = (m: Pick<MatchRecord, 'history'>, status: string) =>
  (m.history ?? []).find((h) => h.to === status)?.at;

export async function reportSummary(now = new Date()) {
  const [experts, needs, matches] = await Promise.all([
    expertFigures(),
    needsForReport(),
    matchesForReport(),
  ]);
  const needById = new Map(needs.map((n) => [String(n._id), n]));
  const needsByStatus = NEED_STATUSES.map((key) => ({
    key,
    count: needs.filter((n) => n.status === key).length,
  }));

  // Engagements: every match that reached "engaged" (still engaged, completed, or cancelled later).
  const engagedMatches = matches.filter((m) => reached(m, 'engaged'));
  const countyOf = await expertCounties(engagedMatches.map((m) => m.expertId));
  let crossRegion = 0;
  const daysToFill: number[] = [];
  for (const m of engagedMatches) {
    const need = needById.get(String(m.needId));
    if (!need) continue;
    const d = distanceClass(countyOf.get(String(m.expertId)), need.county);
    if (d === 'prefecture' || d === 'province') crossRegion++;
    const engagedAt = reached(m, 'engaged');
    if (need.openedAt && engagedAt) {
      daysToFill.push(Math.max(0, Math.floor((engagedAt.getTime() - need.openedAt.getTime()) / DAY_MS)));
    }
  }
  daysToFill.sort((a, b) => a - b);

  const accepted = matches.filter((m) => reached(m, 'accepted')).length;
  const declined = matches.filter((m) => reached(m, 'declined')).length;

  const months = lastMonths(now);
  const monthly = months.map((month) => ({ month, offers: 0, acceptances: 0, engagements: 0 }));
  const slot = new Map(monthly.map((row) => [row.month, row]));
  for (const m of matches) {
    for (const h of m.history ?? []) {
      const row = slot.get(monthOf(h.at));
      if (!row) continue;
      if (h.to === 'offered') row.offers++;
      else if (h.to === 'accepted') row.acceptances++;
      else if (h.to === 'engaged') row.engagements++;
    }
  }

  return {
    generatedAt: now,
    experts,
    needs: {
      total: needs.length,
      byStatus: needsByStatus,
      filled: needs.filter((n) => n.status === 'filled').length,
      placesWanted: needs.reduce((s, n) => s + n.expertsWanted, 0),
      placesFilled: needs.reduce((s, n) => s + n.filledCount, 0),
    },
    matches: {
      total: matches.length,
      byStatus: MATCH_STATUSES.map((key) => ({ key, count: matches.filter((m) => m.status === key).length })),
    },
    engagements: {
      total: engagedMatches.length,
      crossRegion,
      crossRegionShare: ratio(crossRegion, engagedMatches.length),
    },
    timeToFill: {
      count: daysToFill.length,
      medianDays: daysToFill.length ? daysToFill[Math.floor((daysToFill.length - 1) / 2)] : null,
      averageDays: daysToFill.length
        ? Math.round((daysToFill.reduce((s, d) => s + d, 0) / daysToFill.length) * 10) / 10
        : null,
      buckets: TIME_BUCKETS.map(({ key, max }, i) => ({
        key,
        count: daysToFill.filter((d) => d <= max && (i === 0 || d > TIME_BUCKETS[i - 1].max)).length,
      })),
    },
    acceptance: { accepted, answered: accepted + declined, rate: ratio(accepted, accepted + declined) },
    monthly,
  };
}

/** Days from a need's opening to an engagement, in these classes (the last is open-ended). */
export const TIME_BUCKETS = [
  { key: '0-7', max: 7 },
  { key: '8-14', max: 14 },
  { key: '15-30', max: 30 },
  { key: '31-60', max: 60 },
  { key: '61+', max: Number.POSITIVE_INFINITY },
] as const;

export type ReportSummary = Awaited<ReturnType<typeof reportSummary>>;
