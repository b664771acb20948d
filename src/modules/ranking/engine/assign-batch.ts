import { exactAssignment } from './exact-assignment';
import type { FlowProblem } from './flow-graph';
import { greedyAssignment } from './greedy-assignment';
import { PairTable } from './pair-table';
import { WEIGHTS_V3 } from './weights.v3';

export { greedyAssignment } from './greedy-assignment';

export interface AssignNeed {
  id: string;
  /** Experts wanted (k); slots = wanted − engaged − pending. */
  wanted: number;
  engaged?: number;
  pending?: number;
  priority?: boolean;
}

export interface AssignExpert {
  id: string;
  /** Further engagements the expert can take now. */
  capacity: number;
}

export interface AssignInput {
  needs: readonly AssignNeed[];
  experts: readonly AssignExpert[];
  edges: readonly { needId: string; expertId: string; score: number }[];
  /** Priority needs' edges weigh this many times more (default from the weights config). */
  priorityFactor?: number;
  /** Pairs never to match (e.g. a coordinator's rejection), even if an edge names them. */
  exclude?: readonly { needId: string; expertId: string }[];
}

export interface Match {
  needId: string;
  expertId: string;
  score: number;
  /** Priority-weighted score the optimisation counts. */
  weight: number;
}

export interface AssignOutcome {
  matches: Match[];
  /** Σ weight (priority-weighted). */
  total: number;
  /** Σ score (unweighted). */
  scoreTotal: number;
}

export interface AssignResult extends AssignOutcome {
  greedy: AssignOutcome;
}

/**
 * Chooses the set of matches with the greatest total priority-weighted score, exactly (min-cost flow on
 * integer milli-points), under each need's open slots and each expert's capacity. Greedy-by-score is
 * computed beside it as a baseline. Deterministic for a given input order.
 */
export function assignBatch(input: AssignInput): AssignResult {
  const { problem, kept } = toFlowProblem(input);
  const E = kept.length;
  const { edgeWeight } = problem;
  const outcome = (chosen: Uint8Array): AssignOutcome => {
    const matches: Match[] = [];
    let total = 0;
    let scoreTotal = 0;
    for (let q = 0; q < E; q++) {
      if (chosen[q] === 0) continue;
      const edge = input.edges[kept[q]];
      matches.push({
        needId: edge.needId,
        expertId: edge.expertId,
        score: edge.score,
        weight: edgeWeight[q] / 1000,
      });
      total += edgeWeight[q];
      scoreTotal += Math.round(edge.score * 1000);
    }
    return { matches, total: total / 1000, scoreTotal: scoreTotal / 1000 };
  };
  return { ...outcome(exactAssignment(problem)), greedy: outcome(greedyAssignment(problem)) };
}

/** The integer problem behind a batch (edge q of the problem is input edge kept[q]). */
export function toFlowProblem(input: AssignInput): { problem: FlowProblem; kept: Int32Array } {
  const factor = input.priorityFactor ?? WEIGHTS_V3.priorityFactor;
  if (!(factor >= 1)) throw new RangeError('priorityFactor must be ≥ 1');
  const needIdx = indexIds(input.needs, 'need');
  const expertIdx = indexIds(input.experts, 'expert');
  const N = input.needs.length;
  const priority = new Uint8Array(N);
  const slots = new Int32Array(N);
  input.needs.forEach((n, i) => {
    priority[i] = n.priority ? 1 : 0;
    slots[i] = Math.max(0, n.wanted - (n.engaged ?? 0) - (n.pending ?? 0));
  });
  const capacity = new Int32Array(input.experts.length);
  input.experts.forEach((e, i) => {
    capacity[i] = Math.max(0, Math.floor(e.capacity));
  });
  const exclude = input.exclude ?? [];
  const excluded = new PairTable(exclude.length);
  for (const x of exclude) {
    const n = needIdx.get(x.needId);
    const e = expertIdx.get(x.expertId);
    if (n !== undefined && e !== undefined) excluded.getOrSet(n, e, 0);
  }
  // One edge per pair (the best; the first of equals), positive weight only: a zero-weight match adds nothing.
  const edges = input.edges;
  const pairs = new PairTable(edges.length);
  const kept = new Int32Array(edges.length);
  const edgeNeed = new Int32Array(edges.length);
  const edgeExpert = new Int32Array(edges.length);
  const edgeWeight = new Int32Array(edges.length);
  let E = 0;
  for (let k = 0; k < edges.length; k++) {
    const edge = edges[k];
    const n = needIdx.get(edge.needId);
    const e = expertIdx.get(edge.expertId);
    if (n === undefined || e === undefined) throw new RangeError(`edge ${k} names an unknown need or expert`);
    if (exclude.length > 0 && excluded.get(n, e) >= 0) continue;
    const milli = Math.round(edge.score * 1000);
    const w = priority[n] === 1 ? Math.round(milli * factor) : milli;
    if (!(w > 0)) continue;
    const prior = pairs.getOrSet(n, e, E);
    if (prior >= 0) {
      if (edgeWeight[prior] < w) {
        edgeWeight[prior] = w;
        kept[prior] = k;
      }
      continue;
    }
    kept[E] = k;
    edgeNeed[E] = n;
    edgeExpert[E] = e;
    edgeWeight[E] = w;
    E++;
  }
  const problem: FlowProblem = {
    needs: input.needs.length,
    experts: input.experts.length,
    slots,
    capacity,
    edgeNeed: edgeNeed.slice(0, E),
    edgeExpert: edgeExpert.slice(0, E),
    edgeWeight: edgeWeight.slice(0, E),
  };
  return { problem, kept: kept.slice(0, E) };
}

function indexIds(items: readonly { id: string }[], kind: string): Map<string, number> {
  const m = new Map<string, number>();
  items.forEach(({ id }, i) => {
    if (m.has(id)) throw new RangeError(`duplicate ${kind} ${id}`);
    m.set(id, i);
  });
  return m;
}
