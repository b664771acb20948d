import type { PageLanguage } from '../../lib/http/page-i18n';
import { FEATURES } from './engine';
import type { SnapshotView } from './ranking-view';

/**
 * Candidates and explanations shaped for the coordinator's need page: every factor in the engine's
 * order, its points drawn as a bar on one common scale (the largest weight), its reason in the
 * reader's language.
 */

interface Contribution {
  feature: string;
  weight: number;
  points: number;
  reason: { 'zh-CN': string; en: string };
}

const order = new Map<string, number>(FEATURES.map((f, i) => [f, i]));

export function factorRows(contributions: readonly Contribution[], lang: PageLanguage) {
  const scale = Math.max(1, ...contributions.map((c) => c.weight));
  const sorted = [...contributions].sort(
    (a, b) => (order.get(a.feature) ?? 99) - (order.get(b.feature) ?? 99),
  );
  const tenths = tenthsAddingUp(sorted.map((c) => c.points));
  return sorted.map((c, k) => ({
    feature: c.feature,
    points: tenths[k] / 10,
    weight: Math.round(c.weight * 10) / 10,
    scale,
    reason: c.reason[lang] || c.reason['zh-CN'],
  }));
}

/**
 * The points to one decimal so that the rows add up to the score shown (itself rounded to one decimal):
 * each row rounded down, the tenths left over given to the rows that lost the most (largest remainder).
 */
export function tenthsAddingUp(points: readonly number[]): number[] {
  const exact = points.map((p) => Math.round(p * 1000) / 100); // milli-points are exact: tenths to 0.01
  const total = Math.round(exact.reduce((a, b) => a + b, 0));
  const out = exact.map((x) => Math.floor(x + 1e-9));
  const byLoss = exact.map((x, k) => [x - out[k], k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let left = total - out.reduce((a, b) => a + b, 0), j = 0; left > 0; left--, j++) out[byLoss[j][1]]++;
  return out;
}

export function candidateRows(
  snapshot: SnapshotView | null,
  matchOf: Map<string, { id: string; status: string }>,
  lang: PageLanguage,
) {
  return (snapshot?.candidates ?? []).map((c) => ({
    ...c,
    score: Math.round(c.score * 10) / 10,
    factors: factorRows(c.contributions, lang),
    notes: c.notes.map((n) => ({ kind: n.kind, text: n.reason[lang] || n.reason['zh-CN'] })),
    match: matchOf.get(c.expertId) ?? null,
  }));
}

/** Experts who miss exactly one requirement, with what they miss in the reader's language. */
export function nearMissRows(snapshot: SnapshotView | null, lang: PageLanguage) {
  return (snapshot?.nearMisses ?? []).map((n) => ({
    ...n,
    score: Math.round(n.score * 10) / 10,
    missed: n.missed.reason[lang] || n.missed.reason['zh-CN'],
  }));
}

/**
 * Which page of the candidate list to show (a page past the end shows the last) and the links to the
 * pages beside it, to the list's heading.
 */
export function candidatePager(path: string, total: number, asked: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(asked, pages);
  const link = (p: number) => (p === 1 ? `${path}#candidates` : `${path}?page=${p}#candidates`);
  return {
    page,
    pages,
    from: (page - 1) * pageSize,
    links: {
      prev: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
      first: null,
    },
  };
}
