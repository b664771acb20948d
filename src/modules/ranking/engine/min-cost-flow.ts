import { DistHeap } from './dist-heap';
import { buildFlowGraph, type FlowGraph, type FlowProblem } from './flow-graph';

export type { FlowProblem };

/**
 * A min-cost pseudoflow part way through: every residual arc has reduced cost c + pot[u] − pot[v] ≥ 0.
 * Graph edge q carries flow[q]; used[e]: edges into expert e with flow; left[n]: need n's units not yet
 * routed (its routed units are matched or left empty).
 */
export interface FlowState {
  flow: Uint8Array;
  pot: Float64Array;
  used: Int32Array;
  left: Int32Array;
}

/**
 * Exact maximum-weight b-matching of need slots to expert capacity: min-cost flow by successive shortest
 * paths with potentials (Dijkstra on reduced costs, which stay ≥ 0). Nodes: needs, experts, sink T.
 * Arcs: need→expert (capacity 1, cost −weight), expert→T (capacity c), need→T (the zero-cost
 * "leave empty" arc, capacity = slots). Each unit of a need's supply is routed along a shortest path
 * from that need to T; the Dijkstra stops as soon as T is settled, and only settled nodes' potentials
 * move, so a step costs what it explores. Weights are positive integers, so the optimum is exact.
 */
export function maxWeightAssignment(p: FlowProblem): Uint8Array {
  const g = buildFlowGraph(p);
  const { flow } = shortestPathRounds(p, g);
  const out = new Uint8Array(flow.length);
  for (let q = 0; q < flow.length; q++) out[g.original[q]] = flow[q];
  return out;
}

/**
 * Routes need units one by one (needs in input order) until `stop(settled)` — told how many nodes the last
 * unit's Dijkstra settled — returns true, and returns the state reached (every unit routed if never).
 */
export function shortestPathRounds(
  p: FlowProblem,
  g: FlowGraph,
  stop: (settled: number) => boolean = () => false,
): FlowState {
  const N = p.needs;
  const M = p.experts;
  const E = p.edgeNeed.length;
  const T = N + M;
  const { start, edgeNeed, edgeExpert, edgeWeight } = g;
  const pot = g.pot.slice();
  const left = new Int32Array(N);
  for (let n = 0; n < N; n++) left[n] = start[n + 1] > start[n] ? Math.max(0, p.slots[n]) : 0;
  // Matched-edge lists per expert, sized by min(capacity, degree).
  const degree = new Int32Array(M);
  for (let k = 0; k < E; k++) degree[edgeExpert[k]]++;
  const mStart = new Int32Array(M + 1);
  for (let e = 0; e < M; e++) mStart[e + 1] = mStart[e] + Math.min(Math.max(0, p.capacity[e]), degree[e]);
  const matched = new Int32Array(mStart[M]);
  const used = new Int32Array(M);
  const flow = new Uint8Array(E);
  // Potentials (pot, from buildFlowGraph): reduced cost c + pot[u] − pot[v] ≥ 0 on every residual arc.
  const dist = new Float64Array(T + 1).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(T + 1).fill(-1);
  const touched = new Int32Array(T + 1);
  const settled = new Int32Array(T + 1);
  // sized for the nodes; it doubles on the rare Dijkstra that queues more (sizing it by the edges cost a
  // full garbage collection of the caller's heap on large batches, for room almost never used)
  const heap = new DistHeap(T + 1);
  // Needs in input order: callers that group needs by region/field get short, local paths.
  for (let s = 0; s < N; s++) {
    while (left[s] > 0) {
      left[s]--;
      let nTouched = 0;
      let nSettled = 0;
      heap.clear();
      dist[s] = 0;
      touched[nTouched++] = s;
      heap.push(0, s);
      while (heap.size > 0) {
        const d = heap.topDist();
        const u = heap.pop();
        if (d > dist[u]) continue;
        if (u === T) break;
        settled[nSettled++] = u;
        const pu = pot[u];
        if (u < N) {
          // The "leave empty" arc first: T's tentative distance then bounds this need's own edges too.
          // Edges it prunes could at best tie with T, and a node settled at T's distance changes nothing.
          const toT = d + pu - pot[T];
          if (toT < dist[T]) {
            if (dist[T] === Number.POSITIVE_INFINITY) touched[nTouched++] = T;
            dist[T] = toT;
            prev[T] = u;
            heap.push(toT, T);
          }
          // all values are integers below 2^53, so regrouping the sums is exact
          const base = d + pu;
          const bound = dist[T];
          for (let k = start[u]; k < start[u + 1]; k++) {
            if (flow[k] !== 0) continue;
            const v = N + edgeExpert[k];
            const nd = base - edgeWeight[k] - pot[v];
            // a node no nearer than T's tentative distance is never settled before T
            if (nd < bound && nd < dist[v]) {
              if (dist[v] === Number.POSITIVE_INFINITY) touched[nTouched++] = v;
              dist[v] = nd;
              prev[v] = k;
              heap.push(nd, v);
            }
          }
        } else {
          const e = u - N;
          if (used[e] < mStart[e + 1] - mStart[e]) {
            const nd = d + pu - pot[T];
            if (nd < dist[T]) {
              if (dist[T] === Number.POSITIVE_INFINITY) touched[nTouched++] = T;
              dist[T] = nd;
              prev[T] = u;
              heap.push(nd, T);
            }
          }
          for (let q = mStart[e]; q < mStart[e] + used[e]; q++) {
            const k = matched[q];
            const v = edgeNeed[k];
            const nd = d + edgeWeight[k] + pu - pot[v];
            if (nd < dist[v] && nd < dist[T]) {
              if (dist[v] === Number.POSITIVE_INFINITY) touched[nTouched++] = v;
              dist[v] = nd;
              prev[v] = k;
              heap.push(nd, v);
            }
          }
        }
      }
      const D = dist[T];
      for (let q = 0; q < nSettled; q++) {
        const u = settled[q];
        pot[u] += dist[u] - D;
      }
      // Augment: walk back from T.
      let u = prev[T];
      if (u >= N) used[u - N]++;
      while (u !== s) {
        if (u >= N) {
          const k = prev[u];
          const e = u - N;
          // the expert takes edge k (need → expert); if it released an edge on the way, that slot is reused
          matched[mStart[e] + used[e] - 1] = k;
          flow[k] = 1;
          u = edgeNeed[k];
        } else {
          const k = prev[u];
          const e = edgeExpert[k];
          flow[k] = 0;
          removeMatched(matched, mStart[e], used, e, k);
          u = N + e;
        }
      }
      for (let q = 0; q < nTouched; q++) {
        dist[touched[q]] = Number.POSITIVE_INFINITY;
        prev[touched[q]] = -1;
      }
      if (stop(nSettled)) return { flow, pot, used, left };
    }
  }
  return { flow, pot, used, left };
}

/** Removes edge k from expert e's matched list and leaves a free slot at the end for the incoming edge. */
function removeMatched(matched: Int32Array, from: number, used: Int32Array, e: number, k: number): void {
  const last = from + used[e] - 1;
  for (let q = from; q <= last; q++) {
    if (matched[q] === k) {
      matched[q] = matched[last];
      matched[last] = -1;
      return;
    }
  }
  throw new Error('assignment invariant broken: released edge not matched');
}
