import type { FlowGraph, FlowProblem } from './flow-graph';
import { LevelQueue } from './level-queue';
import type { FlowState } from './min-cost-flow';

/** Prices stay exact integers below this (every step adds or compares integers). */
const EXACT = 2 ** 52;
/** ε shrinks by this factor from one refinement to the next. */
const SCALE = 16;
/** Besides one at the start of each refinement, a global price update runs after this many relabels per node. */
const UPDATE_EVERY = 2;
/** Levels a price update tells apart; nodes farther take the last level reached, which is still valid. */
const LEVELS = 1 << 14;

/**
 * Exact maximum-weight b-matching by cost scaling (Goldberg's push–relabel refinement) on the network the
 * successive-shortest-path solver uses: need → expert (capacity 1, cost −weight), expert → T (capacity c),
 * need → T (the zero-cost "leave empty" arc), costs multiplied by α = nodes + 1. Each refinement turns an
 * ε·SCALE-optimal flow into an ε-optimal one with every node that holds excess moving at once, so the long
 * chains of displacements that cost a whole Dijkstra each under scarcity are untangled together. A
 * 1-optimal flow of the scaled costs is 1/α-optimal in weights; with integer weights that is optimal.
 * Reduced cost of a residual arc v → w: c + price[w] − price[v]; admissible when negative.
 * Throws a RangeError if a price would leave the exact integer range.
 */
export function costScaling(p: FlowProblem, g: FlowGraph, from: FlowState, firstEpsilon: number): Uint8Array {
  const N = p.needs;
  const M = p.experts;
  const T = N + M;
  const { start, edgeNeed, edgeExpert, edgeWeight } = g;
  const E = edgeNeed.length;
  const slots = new Int32Array(N);
  const capacity = new Int32Array(M);
  for (let n = 0; n < N; n++) slots[n] = Math.max(0, p.slots[n]);
  for (let e = 0; e < M; e++) capacity[e] = Math.max(0, p.capacity[e]);
  const flow = from.flow;
  const used = from.used.slice();
  // Each expert's edges, the ones carrying flow first (used[e] of them); pos: an edge's place in that list.
  const eStart = new Int32Array(M + 1);
  for (let k = 0; k < E; k++) eStart[edgeExpert[k] + 1]++;
  for (let e = 0; e < M; e++) eStart[e + 1] += eStart[e];
  const eList = new Int32Array(E);
  const pos = new Int32Array(E);
  const fillUsed = eStart.slice(0, M);
  const fillFree = new Int32Array(M);
  for (let e = 0; e < M; e++) fillFree[e] = eStart[e] + used[e];
  for (let k = 0; k < E; k++) {
    const e = edgeExpert[k];
    const at = flow[k] === 1 ? fillUsed[e]++ : fillFree[e]++;
    eList[at] = k;
    pos[k] = at;
  }
  const match = (k: number) => {
    const e = edgeExpert[k];
    const to = eStart[e] + used[e]++;
    const other = eList[to];
    const from = pos[k];
    eList[from] = other;
    pos[other] = from;
    eList[to] = k;
    pos[k] = to;
    flow[k] = 1;
  };
  const unmatch = (k: number) => {
    const e = edgeExpert[k];
    const to = eStart[e] + --used[e];
    const other = eList[to];
    const from = pos[k];
    eList[from] = other;
    pos[other] = from;
    eList[to] = k;
    pos[k] = to;
    flow[k] = 0;
  };
  // toT: flow on a need's or expert's arc to T (a need's units left empty, an expert's engagements).
  const toT = new Int32Array(T);
  const excess = new Int32Array(T + 1);
  for (let n = 0; n < N; n++) {
    let matched = 0;
    for (let k = start[n]; k < start[n + 1]; k++) matched += flow[k];
    toT[n] = slots[n] - from.left[n] - matched;
    excess[n] = from.left[n];
    excess[T] -= from.left[n];
  }
  for (let e = 0; e < M; e++) toT[N + e] = used[e];
  const capT = (v: number) => (v < N ? slots[v] : capacity[v - N]);
  const current = new Int32Array(T + 1);
  const queue = new Int32Array(T + 1);
  let qHead = 0;
  let qSize = 0;
  const gain = (v: number, delta: number) => {
    const before = excess[v];
    excess[v] = before + delta;
    if (before <= 0 && before + delta > 0) {
      let at = qHead + qSize++;
      if (at > T) at -= T + 1;
      queue[at] = v;
    }
  };
  const alpha = T + 2;
  let maxWeight = 1;
  for (let k = 0; k < E; k++) if (edgeWeight[k] > maxWeight) maxWeight = edgeWeight[k];
  const price = new Float64Array(T + 1);
  for (let v = 0; v <= T; v++) price[v] = -from.pot[v] * alpha;
  const inRange = () => {
    let most = 0;
    for (let v = 0; v <= T; v++) most = Math.max(most, Math.abs(price[v]));
    return most + maxWeight * alpha < EXACT;
  };
  // prices only rise, so checking them before and after covers every value they take
  if (!inRange()) throw new RangeError('prices beyond the exact integer range');
  let epsilon = Math.min(firstEpsilon, maxWeight) * alpha * SCALE;
  let relabels = 0;
  const level = new Float64Array(T + 1);
  const heap = new LevelQueue(LEVELS, 2 * (T + 1));
  while (epsilon > 1) {
    epsilon = Math.max(1, Math.floor(epsilon / SCALE));
    saturateNegativeArcs();
    for (let v = 0; v <= T; v++) if (excess[v] > 0) requeue(v);
    updatePrices();
    while (qSize > 0) {
      if (relabels > UPDATE_EVERY * (T + 1)) updatePrices();
      const v = queue[qHead];
      qHead = qHead === T ? 0 : qHead + 1;
      qSize--;
      if (v < N) dischargeNeed(v);
      else if (v < T) dischargeExpert(v);
      else dischargeSink();
    }
  }
  if (!inRange()) throw new RangeError('prices beyond the exact integer range');
  return flow;

  function requeue(v: number): void {
    let at = qHead + qSize++;
    if (at > T) at -= T + 1;
    queue[at] = v;
  }

  /** Starts a refinement: every residual arc with negative reduced cost is saturated (0-optimal, with excess). */
  function saturateNegativeArcs(): void {
    const pT = price[T];
    for (let n = 0; n < N; n++) {
      const pn = price[n];
      for (let k = start[n]; k < start[n + 1]; k++) {
        const v = N + edgeExpert[k];
        const c = edgeWeight[k] * alpha;
        if (flow[k] === 0) {
          if (price[v] - c - pn < 0) {
            match(k);
            excess[n]--;
            excess[v]++;
          }
        } else if (c + pn - price[v] < 0) {
          unmatch(k);
          excess[n]++;
          excess[v]--;
        }
      }
    }
    for (let v = 0; v < T; v++) {
      const f = toT[v];
      const c = capT(v);
      if (f < c && pT - price[v] < 0) {
        toT[v] = c;
        excess[v] -= c - f;
        excess[T] += c - f;
      } else if (f > 0 && price[v] - pT < 0) {
        toT[v] = 0;
        excess[v] += f;
        excess[T] -= f;
      }
    }
  }

  /**
   * Global price update (Goldberg's set relabel): level(v) = fewest ε-steps from v to a node in deficit
   * over residual arcs, an arc of reduced cost c counting ⌊c/ε⌋ + 1; raising every price by ε·level keeps
   * the flow ε-optimal and leaves each node with excess an admissible path to a deficit. The search stops
   * once every node with excess is settled; the rest take the last level reached.
   */
  function updatePrices(): void {
    relabels = 0;
    level.fill(Number.POSITIVE_INFINITY);
    heap.clear();
    let waiting = 0;
    for (let v = 0; v <= T; v++) {
      if (excess[v] < 0) {
        level[v] = 0;
        heap.push(0, v);
      } else if (excess[v] > 0) waiting++;
    }
    let reached = 0;
    const reach = (u: number, d: number) => {
      if (d < level[u] && heap.push(d, u)) level[u] = d;
    };
    while (heap.size > 0 && waiting > 0) {
      const v = heap.pop();
      const d = heap.level;
      if (d > level[v]) continue;
      reached = d;
      if (excess[v] > 0) waiting--;
      const pv = price[v];
      if (v < N) {
        for (let k = start[v]; k < start[v + 1]; k++) {
          if (flow[k] === 1) {
            const u = N + edgeExpert[k];
            reach(u, d + Math.floor((edgeWeight[k] * alpha + pv - price[u]) / epsilon) + 1);
          }
        }
        if (toT[v] > 0) reach(T, d + Math.floor((pv - price[T]) / epsilon) + 1);
      } else if (v < T) {
        const e = v - N;
        for (let i = eStart[e] + used[e]; i < eStart[e + 1]; i++) {
          const k = eList[i];
          const u = edgeNeed[k];
          reach(u, d + Math.floor((pv - edgeWeight[k] * alpha - price[u]) / epsilon) + 1);
        }
        if (toT[v] > 0) reach(T, d + Math.floor((pv - price[T]) / epsilon) + 1);
      } else {
        for (let u = 0; u < T; u++) {
          if (toT[u] < capT(u)) reach(u, d + Math.floor((pv - price[u]) / epsilon) + 1);
        }
      }
    }
    for (let v = 0; v <= T; v++) {
      const d = Math.min(level[v], reached);
      if (d > 0) price[v] += d * epsilon;
    }
    for (let n = 0; n < N; n++) current[n] = start[n];
    for (let e = 0; e < M; e++) current[N + e] = -1;
    current[T] = 0;
  }

  function dischargeNeed(n: number): void {
    const end = start[n + 1];
    let pn = price[n];
    let a = current[n];
    while (excess[n] > 0) {
      if (a < end) {
        if (flow[a] === 0) {
          const v = N + edgeExpert[a];
          if (price[v] - edgeWeight[a] * alpha - pn < 0) {
            match(a);
            excess[n]--;
            gain(v, 1);
          }
        }
        a++;
      } else if (a === end) {
        const room = slots[n] - toT[n];
        if (room > 0 && price[T] - pn < 0) {
          const delta = Math.min(room, excess[n]);
          toT[n] += delta;
          excess[n] -= delta;
          gain(T, delta);
          if (toT[n] < slots[n]) continue;
        }
        a++;
      } else {
        // relabel; with one unit left, push it along the best arc and price the need by the next best
        // (the auction's bid: the expert it lands on then rises by the gap, not by ε)
        const room = slots[n] - toT[n];
        let best = room > 0 ? price[T] : Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        let at = end;
        for (let k = start[n]; k < end; k++) {
          if (flow[k] === 0) {
            const c = price[N + edgeExpert[k]] - edgeWeight[k] * alpha;
            if (c < best) {
              second = best;
              best = c;
              at = k;
            } else if (c < second) second = c;
          }
        }
        if (at === end && room > 1) second = best;
        relabels++;
        if (excess[n] === 1 && second < Number.POSITIVE_INFINITY) {
          excess[n] = 0;
          if (at === end) {
            toT[n]++;
            gain(T, 1);
          } else {
            match(at);
            gain(N + edgeExpert[at], 1);
          }
          pn = second + epsilon;
        } else pn = best + epsilon;
        price[n] = pn;
        a = start[n];
      }
    }
    current[n] = a;
  }

  function dischargeExpert(v: number): void {
    const e = v - N;
    let pe = price[v];
    // position −1 is the arc to T, 0..used[e]−1 the reverse arcs of the edges carrying flow
    let q = current[v];
    while (excess[v] > 0) {
      if (q === -1) {
        const room = capacity[e] - toT[v];
        if (room > 0 && price[T] - pe < 0) {
          const delta = Math.min(room, excess[v]);
          toT[v] += delta;
          excess[v] -= delta;
          gain(T, delta);
          if (toT[v] < capacity[e]) continue;
        }
        q = 0;
      } else if (q < used[e]) {
        const k = eList[eStart[e] + q];
        const n = edgeNeed[k];
        if (edgeWeight[k] * alpha + price[n] - pe < 0) {
          unmatch(k); // the last edge with flow moves into place q, so q is not advanced
          excess[v]--;
          gain(n, 1);
        } else q++;
      } else {
        const room = capacity[e] - toT[v];
        let best = room > 0 ? price[T] : Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        let at = -1;
        for (let i = eStart[e]; i < eStart[e] + used[e]; i++) {
          const k = eList[i];
          const c = edgeWeight[k] * alpha + price[edgeNeed[k]];
          if (c < best) {
            second = best;
            best = c;
            at = k;
          } else if (c < second) second = c;
        }
        if (at === -1 && room > 1) second = best;
        relabels++;
        if (excess[v] === 1 && second < Number.POSITIVE_INFINITY) {
          excess[v] = 0;
          if (at === -1) {
            toT[v]++;
            gain(T, 1);
          } else {
            unmatch(at);
            gain(edgeNeed[at], 1);
          }
          pe = second + epsilon;
        } else pe = best + epsilon;
        price[v] = pe;
        q = -1;
      }
    }
    current[v] = q;
  }

  function dischargeSink(): void {
    let pT = price[T];
    let v = current[T];
    while (excess[T] > 0) {
      if (v < T) {
        const f = toT[v];
        if (f > 0 && price[v] - pT < 0) {
          const delta = Math.min(f, excess[T]);
          toT[v] -= delta;
          excess[T] -= delta;
          gain(v, delta);
          if (toT[v] > 0) continue;
        }
        v++;
      } else {
        let best = Number.POSITIVE_INFINITY;
        for (let u = 0; u < T; u++) if (toT[u] > 0 && price[u] < best) best = price[u];
        pT = best + epsilon;
        relabels++;
        price[T] = pT;
        v = 0;
      }
    }
    current[T] = v;
  }
}

/** The edges that can carry flow (need with a slot, expert with capacity); index: their problem edge. */
export function liveEdges(p: FlowProblem): { problem: FlowProblem; index: Int32Array } {
  const E = p.edgeNeed.length;
  const index = new Int32Array(E);
  let L = 0;
  for (let k = 0; k < E; k++) {
    if (p.slots[p.edgeNeed[k]] > 0 && p.capacity[p.edgeExpert[k]] > 0) index[L++] = k;
  }
  const pick = (xs: Int32Array) => {
    const out = new Int32Array(L);
    for (let q = 0; q < L; q++) out[q] = xs[index[q]];
    return out;
  };
  return {
    problem: {
      ...p,
      edgeNeed: pick(p.edgeNeed),
      edgeExpert: pick(p.edgeExpert),
      edgeWeight: pick(p.edgeWeight),
    },
    index: index.subarray(0, L),
  };
}
