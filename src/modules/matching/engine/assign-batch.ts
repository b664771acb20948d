import { type FlowProblem, maxWeightAssignment } from './min-cost-flow';
import { WEIGHTS_V1 } from './weights.v1';

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
  return { ...outcome(maxWeightAssignment(problem)), greedy: outcome(greedyAssignment(problem)) };
}

/** The integer problem behind a batch (edge q of the problem is input edge kept[q]). */
export function toFlowProblem(input: AssignInput): { problem: FlowProblem; kept: number[] } {
  const factor = input.priorityFactor ?? WEIGHTS_V1.priorityFactor;
  if (!(factor >= 1)) throw new RangeError('priorityFactor must be ≥ 1');
  const needIdx = indexIds(
    input.needs.map((n) => n.id),
    'need',
  );
  const expertIdx = indexIds(
    input.experts.map((e) => e.id),
    'expert',
  );
  const excluded = new Set((input.exclude ?? []).map((x) => `${x.needId}\u0000${x.expertId}`));
  // One edge per pair (the best), positive weight only: a zero-weight match adds nothing.
  const pairBest = new Map<number, number>();
  const weights: number[] = [];
  const kept: number[] = [];
  input.edges.forEach((edge, k) => {
    const n = needIdx.get(edge.needId);
    const e = expertIdx.get(edge.expertId);
    if (n === undefined || e === undefined) throw new RangeError(`edge ${k} names an unknown need or expert`);
    if (excluded.has(`${edge.needId}\u0000${edge.expertId}`)) return;
    const milli = Math.round(edge.score * 1000);
    const w = input.needs[n].priority ? Math.round(milli * factor) : milli;
    if (w <= 0) return;
    const key = n * input.experts.length + e;
    const prior = pairBest.get(key);
    if (prior !== undefined && weights[prior] >= w) return;
    if (prior !== undefined) {
      weights[prior] = w;
      kept[prior] = k;
      return;
    }
    pairBest.set(key, weights.length);
    weights.push(w);
    kept.push(k);
  });
  const E = kept.length;
  const edgeNeed = new Int32Array(E);
  const edgeExpert = new Int32Array(E);
  const edgeWeight = Int32Array.from(weights);
  kept.forEach((k, q) => {
    edgeNeed[q] = needIdx.get(input.edges[k].needId) ?? 0;
    edgeExpert[q] = expertIdx.get(input.edges[k].expertId) ?? 0;
  });
  const slots = Int32Array.from(input.needs, (n) =>
    Math.max(0, n.wanted - (n.engaged ?? 0) - (n.pending ?? 0)),
  );
  const capacity = Int32Array.from(input.experts, (e) => Math.max(0, Math.floor(e.capacity)));
  const problem: FlowProblem = {
    needs: input.needs.length,
    experts: input.experts.length,
    slots,
    capacity,
    edgeNeed,
    edgeExpert,
    edgeWeight,
  };
  return { problem, kept };
}

/** Greedy baseline: edges by weight (ties: need, then expert order), taken while both sides have room. */
export function greedyAssignment(p: {
  slots: Int32Array;
  capacity: Int32Array;
  edgeNeed: Int32Array;
  edgeExpert: Int32Array;
  edgeWeight: Int32Array;
}): Uint8Array {
  const E = p.edgeNeed.length;
  const order = Array.from({ length: E }, (_, k) => k).sort(
    (a, b) =>
      p.edgeWeight[b] - p.edgeWeight[a] || p.edgeNeed[a] - p.edgeNeed[b] || p.edgeExpert[a] - p.edgeExpert[b],
  );
  const slots = p.slots.slice();
  const cap = p.capacity.slice();
  const chosen = new Uint8Array(E);
  for (const k of order) {
    const n = p.edgeNeed[k];
    const e = p.edgeExpert[k];
    if (slots[n] > 0 && cap[e] > 0) {
      slots[n]--;
      cap[e]--;
      chosen[k] = 1;
    }
  }
  return chosen;
}

function indexIds(ids: readonly string[], kind: string): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => {
    if (m.has(id)) throw new RangeError(`duplicate ${kind} ${id}`);
    m.set(id, i);
  });
  return m;
}
