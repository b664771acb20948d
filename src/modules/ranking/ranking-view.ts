import { expertLabels } from '../experts/expert-records.service';
import type { BatchRunRecord } from './batch-run.model';
import type { CandidateSnapshotRecord } from './candidate-snapshot.model';
import type { InterestRecord } from './interest-records.service';

/**
 * A snapshot with each candidate's name and county, for coordinators (staff only: it names who showed
 * interest). Candidates who said they are interested (`interests`: the need's) come first, marked with
 * their note; each keeps the rank the engine gave.
 */
export async function toSnapshotView(s: CandidateSnapshotRecord, interests: readonly InterestRecord[]) {
  const near = s.nearMisses ?? [];
  const byId = await expertLabels([...s.candidates.map((c) => c.expertId), ...near.map((n) => n.expertId)]);
  const interestOf = new Map(
    interests.map((i) => [String(i.expertId), { note: i.note ?? '', createdAt: i.createdAt }]),
  );
  const interestedFirst = [...s.candidates].sort(
    (a, b) => Number(interestOf.has(String(b.expertId))) - Number(interestOf.has(String(a.expertId))),
  );
  /** The expert's id, name and county as listed (an expert gone since the ranking shows no name). */
  const person = (id: unknown) => {
    const e = byId.get(String(id));
    return { expertId: String(id), name: e?.name ?? '', residenceCounty: e?.residenceCounty ?? null };
  };
  const words = (r: { 'zh-CN'?: string | null; en?: string | null } | null | undefined) => ({
    'zh-CN': r?.['zh-CN'] ?? '',
    en: r?.en ?? '',
  });
  return {
    needId: String(s.needId),
    engineVersion: s.engineVersion,
    computedAt: s.computedAt,
    expertsConsidered: s.expertsConsidered,
    candidates: interestedFirst.map((c) => ({
      ...person(c.expertId),
      rank: c.rank,
      score: c.score,
      recommended: Boolean(c.recommended),
      interest: interestOf.get(String(c.expertId)) ?? null,
      contributions: c.contributions.map((k) => ({
        feature: k.feature,
        value: k.value,
        weight: k.weight,
        points: k.points,
        reason: words(k.reason),
      })),
      notes: (c.notes ?? []).map((n) => ({ kind: n.kind, reason: words(n.reason) })),
    })),
    nearMisses: near.map((n) => ({
      ...person(n.expertId),
      score: n.score,
      missed: { filter: n.missed?.filter ?? '', reason: words(n.missed?.reason) },
    })),
  };
}

export type SnapshotView = Awaited<ReturnType<typeof toSnapshotView>>;

/** One page of a list's view, as the API sends it (`version`: the list's, see SnapshotSchema). */
export function toCandidatePage(view: SnapshotView, version: string, page: number, pageSize: number) {
  const { candidates, nearMisses, ...about } = view;
  const from = (page - 1) * pageSize;
  return {
    ...about,
    version,
    candidates: candidates.slice(from, from + pageSize),
    page,
    pageSize,
    total: candidates.length,
    nextPage: from + pageSize < candidates.length ? page + 1 : null,
    nearMisses,
  };
}

export function toBatchRunView(r: BatchRunRecord) {
  const pairs = (list: BatchRunRecord['recommendations']) =>
    list.map((p) => ({ needId: String(p.needId), expertId: String(p.expertId), score: p.score }));
  return {
    runId: r.runId,
    status: r.status,
    createdAt: r.createdAt,
    startedAt: r.startedAt ?? null,
    finishedAt: r.finishedAt ?? null,
    needs: r.needs ?? 0,
    edges: r.edges ?? 0,
    total: r.total ?? null,
    scoreTotal: r.scoreTotal ?? null,
    greedyTotal: r.greedyTotal ?? null,
    greedyScoreTotal: r.greedyScoreTotal ?? null,
    recommendations: pairs(r.recommendations),
    greedy: pairs(r.greedy),
    error: r.error ?? null,
  };
}
