import type { ExpertRecord } from '../../../src/modules/experts/expert.model';
import type { MatchRecord } from '../../../src/modules/matches/match.model';
import type { NeedRecord } from '../../../src/modules/needs/need.model';
import { createExpertStore, explain, rankCandidates } from '../../../src/modules/ranking/engine';
import {
  engineStoreOptions,
  toEngineExpert,
  toEngineNeed,
} from '../../../src/modules/ranking/engine-mapping';
import { type LoadedSet, loadEvalSet, type Resolvers, taxonomyResolvers } from './eval-set';

/**
 * Ranks every need of the evaluation set through the production path (record → engine-mapping →
 * expert store → rankCandidates) and measures it against what the coordinator expects: hit@5,
 * all-expected@5, NDCG@5 (binary relevance: expected or not), and exclusion violations — an expert the
 * coordinator excluded who is ranked anywhere, or whom explain() does not report as excluded.
 */

export const TOP = 5;
export const TARGETS = Object.freeze({ hitAt5: 0.95, exclusionViolations: 0 });

export interface RankedName {
  key: string;
  name: string;
  score: number;
}

export interface Miss {
  key: string;
  name: string;
  expectedBecause: string;
  /** 1-based rank when ranked below the top 5; undefined when not ranked at all. */
  rank?: number;
  /** Why the engine excluded the expert, when it did. */
  engineSays?: string;
}

export interface Violation {
  key: string;
  name: string;
  excludedBecause: string;
  /** 1-based rank when the engine ranked the expert. */
  rank?: number;
  /** True when explain() reports the expert as a scored candidate instead of excluded. */
  explainScored: boolean;
}

export interface OrderViolation {
  higher: string;
  lower: string;
  because: string;
  ranks: [number | undefined, number | undefined];
}

export interface NeedResult {
  key: string;
  title: string;
  ranked: number;
  top: RankedName[];
  hit: boolean;
  allExpected: boolean;
  ndcg: number;
  misses: Miss[];
  violations: Violation[];
  orderViolations: OrderViolation[];
}

export interface EvalReport {
  needs: NeedResult[];
  overall: {
    needs: number;
    experts: number;
    hitAt5: number;
    allExpectedAt5: number;
    ndcgAt5: number;
    exclusionViolations: number;
    orderViolations: number;
  };
  targets: typeof TARGETS;
  passed: boolean;
}

/** DCG with binary gains over the first TOP ranks, normalised by the ideal for `relevant` items. */
export function ndcgAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = TOP): number {
  if (relevant.size === 0) return ranking.length === 0 ? 1 : 0;
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

function buildStore(set: LoadedSet) {
  const experts = set.experts.map((x) => {
    // The engaged needs' periods, by need id: what the service reads from the needs collection.
    const periods = new Map(x.matches.map((m) => [m.needId, m.period]));
    const engine = toEngineExpert(
      x.record as unknown as ExpertRecord,
      x.matches as unknown as Pick<MatchRecord, 'needId' | 'organisationId' | 'status' | 'rating'>[],
      periods,
    );
    if (!engine) throw new Error(`${x.key} ${x.name}: the mapping refuses the expert (no county?)`);
    return engine;
  });
  return createExpertStore({ ...engineStoreOptions(), experts });
}

export function runEval(resolvers: Resolvers = taxonomyResolvers): EvalReport {
  const set = loadEvalSet(resolvers);
  const store = buildStore(set);
  const names = new Map(set.experts.map((x) => [x.key, x.name]));
  const nameOf = (key: string) => names.get(key) ?? key;

  const needs = set.needs.map(({ source, record }): NeedResult => {
    const need = toEngineNeed(record as unknown as NeedRecord);
    const ranking = rankCandidates(store, need, { limit: set.experts.length, explain: false });
    const ids = ranking.map((c) => c.expertId);
    const rankOf = (key: string) => (ids.includes(key) ? ids.indexOf(key) + 1 : undefined);
    const top = ids.slice(0, TOP);
    const expected = Object.keys(source.expected);
    const relevant = new Set(expected);

    const misses = expected
      .filter((key) => !top.includes(key))
      .map((key): Miss => {
        const why = explain(store, need, key);
        return {
          key,
          name: nameOf(key),
          expectedBecause: source.expected[key],
          rank: rankOf(key),
          engineSays: why.excluded ? why.reasons.map((r) => r.reason['zh-CN']).join('；') : undefined,
        };
      });
    const violations = Object.entries(source.excluded).flatMap(([key, because]): Violation[] => {
      const rank = rankOf(key);
      const explainScored = !explain(store, need, key).excluded;
      if (rank === undefined && !explainScored) return [];
      return [{ key, name: nameOf(key), excludedBecause: because, rank, explainScored }];
    });
    const orderViolations = (source.above ?? []).flatMap(([higher, lower, because]): OrderViolation[] => {
      const a = rankOf(higher);
      const b = rankOf(lower);
      const wrong = b !== undefined && (a === undefined || a > b);
      return wrong ? [{ higher, lower, because, ranks: [a, b] }] : [];
    });
    return {
      key: source.key,
      title: source.title,
      ranked: ids.length,
      top: ranking.slice(0, TOP).map((c) => ({ key: c.expertId, name: nameOf(c.expertId), score: c.score })),
      hit: expected.length === 0 ? ids.length === 0 : top.some((key) => relevant.has(key)),
      allExpected:
        expected.length === 0
          ? ids.length === 0
          : expected.filter((key) => top.includes(key)).length >= Math.min(TOP, expected.length),
      ndcg: ndcgAt(ids, relevant),
      misses,
      violations,
      orderViolations,
    };
  });

  const share = (f: (n: NeedResult) => boolean) => needs.filter(f).length / Math.max(1, needs.length);
  const overall = {
    needs: needs.length,
    experts: set.experts.length,
    hitAt5: share((n) => n.hit),
    allExpectedAt5: share((n) => n.allExpected),
    ndcgAt5: needs.reduce((sum, n) => sum + n.ndcg, 0) / Math.max(1, needs.length),
    exclusionViolations: needs.reduce((sum, n) => sum + n.violations.length, 0),
    orderViolations: needs.reduce((sum, n) => sum + n.orderViolations.length, 0),
  };
  const passed =
    overall.hitAt5 >= TARGETS.hitAt5 && overall.exclusionViolations <= TARGETS.exclusionViolations;
  return { needs, overall, targets: TARGETS, passed };
}
