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
 * Arcs are fixed once their reduced cost passes this many ε — far below the 2nε that proves them fixed, so
 * the network shrinks refinements earlier (5M scarce edges: about 2 s less). The flow reached is then checked
 * against every arc; should a fixed arc break ε-optimality, the network is restored and refined on with the
 * proved bound (no instance measured needed it at 256; at 64 a 1M batch did).
 */
const FIX_FACTOR = 256;

/**
 * Exact maximum-weight b-matching by cost scaling (Goldberg's push–relabel refinement) on the network the
 * successive-shortest-path solver uses: need → expert (capacity 1, cost −weight), expert → T (capacity c),
 * need → T (the zero-cost "leave empty" arc), costs multiplied by α = nodes + 1. Each refinement turns an
 * ε·SCALE-optimal flow into an ε-optimal one with every node that holds excess moving at once, so the long
 * chains of displacements that cost a whole Dijkstra each under scarcity are untangled together. A
 * 1-optimal flow of the scaled costs is 1/α-optimal in weights; with integer weights that is optimal.
 * Between refinements, arcs whose flow will most likely not change are fixed and leave the network (most of
 * the edges by the last refinements on the 1M scarce batch), so the late refinements scan little; the end
 * checks every fixed arc against the final prices (see FIX_FACTOR), so the result stays exact.
 * Reduced cost of a residual arc v → w: c + price[w] − price[v]; admissible when negative.
 * Throws a RangeError if a price would leave the exact integer range.
 */
export function costScaling(
  p: FlowProblem,
  g: FlowGraph,
  from: FlowState,
  firstEpsilon: number,
  fixFactor = FIX_FACTOR,
): Uint8Array {
  const N = p.needs;
  const M = p.experts;
  const T = N + M;
  const { start, edgeNeed } = g;
  const E = edgeNeed.length;
  const alpha = T + 2;
  // Need n's live edges are start[n] .. end[n] − 1 of these copies; fixed arcs are compacted away (their flow
  // written to `out`, the graph edge of each slot kept in `id`). cost: weight × α (the arc's cost negated), a
  // double: reading it beat multiplying the weight in every scan by about 8 % on the 1M scarce batch.
  const out = from.flow;
  const { cost, eCost, edgeExpert, id, eList, eNeed, pos, flow } = perEdgeArrays(E);
  const end = new Int32Array(N);
  // cap: capacity of each node's arc to T (a need's slots, an expert's capacity); 0 once that arc is fixed
  const cap = new Int32Array(T);
  for (let n = 0; n < N; n++) cap[n] = Math.max(0, p.slots[n]);
  for (let e = 0; e < M; e++) cap[N + e] = Math.max(0, p.capacity[e]);
  // Nodes whose arc to T is not fixed, the ones T's relabels and pushes look at.
  const tNodes = new Int32Array(T);
  for (let v = 0; v < T; v++) tNodes[v] = v;
  let tCount = T;
  // T's admissible arcs since its last relabel (or price update): an arc T → v only turns admissible when T
  // is relabelled, so T's pushes look at this short list, not at every node.
  const tCand = new Int32Array(T);
  let tCandCount = 0;
  let tStale = true;
  const used = new Int32Array(M);
  // Each expert's edges, the ones carrying flow first (used[e] of them); pos: an edge's place in that list.
  // eNeed, eCost: each listed edge's need and cost beside it, so scanning an expert's edges reads in sequence
  // (a price update spent about a third of its time fetching them through eList).
  const eStart = new Int32Array(M + 1);
  const place = (k: number, at: number) => {
    eList[at] = k;
    eNeed[at] = edgeNeed[k];
    eCost[at] = cost[k];
    pos[k] = at;
  };
  const fill = new Int32Array(M);
  const listEdges = () => {
    eStart.fill(0);
    used.fill(0);
    for (let n = 0; n < N; n++) {
      for (let k = start[n]; k < end[n]; k++) {
        eStart[edgeExpert[k] + 1]++;
        used[edgeExpert[k]] += flow[k];
      }
    }
    for (let e = 0; e < M; e++) eStart[e + 1] += eStart[e];
    for (let e = 0; e < M; e++) fill[e] = eStart[e];
    for (let n = 0; n < N; n++) {
      for (let k = start[n]; k < end[n]; k++) {
        const e = edgeExpert[k];
        if (flow[k] === 1) place(k, fill[e]++);
      }
    }
    for (let n = 0; n < N; n++) {
      for (let k = start[n]; k < end[n]; k++) {
        const e = edgeExpert[k];
        if (flow[k] === 0) place(k, fill[e]++);
      }
    }
  };
  /** Every edge in the network, with the flow in `out` (at the start, and when fixed arcs are restored). */
  const loadEdges = () => {
    end.set(start.subarray(1));
    flow.set(out);
    edgeExpert.set(g.edgeExpert);
    for (let k = 0; k < E; k++) cost[k] = g.edgeWeight[k] * alpha;
    for (let k = 0; k < E; k++) id[k] = k;
    listEdges();
  };
  loadEdges();
  const match = (k: number) => {
    const e = edgeExpert[k];
    const to = eStart[e] + used[e]++;
    place(eList[to], pos[k]);
    place(k, to);
    flow[k] = 1;
  };
  const unmatch = (k: number) => {
    const e = edgeExpert[k];
    const to = eStart[e] + --used[e];
    place(eList[to], pos[k]);
    place(k, to);
    flow[k] = 0;
  };
  // toT: flow on a need's or expert's arc to T (a need's units left empty, an expert's engagements).
  const toT = new Int32Array(T);
  const excess = new Int32Array(T + 1);
  for (let n = 0; n < N; n++) {
    let matched = 0;
    for (let k = start[n]; k < start[n + 1]; k++) matched += flow[k];
    toT[n] = cap[n] - from.left[n] - matched;
    excess[n] = from.left[n];
    excess[T] -= from.left[n];
  }
  for (let e = 0; e < M; e++) toT[N + e] = used[e];
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
  let maxWeight = 1;
  for (let k = 0; k < E; k++) if (g.edgeWeight[k] > maxWeight) maxWeight = g.edgeWeight[k];
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
  // fixed arcs' flow on the arc to T and capacity, for the check and a restore
  const fixedToT = new Int32Array(T);
  const fixedCap = new Int32Array(T);
  const isFixedToT = (v: number) => cap[v] === 0 && fixedCap[v] > 0;
  const proved = 2 * (T + 1);
  let factor = Math.min(fixFactor, proved);
  for (;;) {
    // the flow from shortest paths is a pseudoflow: arcs are fixed only once a refinement has balanced it
    let fixAbove = Number.POSITIVE_INFINITY;
    while (epsilon > 1) {
      if (fixAbove < Number.POSITIVE_INFINITY) fixArcs(fixAbove);
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
      fixAbove = factor * epsilon;
    }
    if (!inRange()) throw new RangeError('prices beyond the exact integer range');
    for (let n = 0; n < N; n++) for (let k = start[n]; k < end[n]; k++) out[id[k]] = flow[k];
    if (factor === proved) return out;
    // 1-optimal on every arc, the fixed ones included, is optimal; else go on from the worst arc's ε
    const worst = worstArc();
    if (worst <= 1) return out;
    restoreArcs();
    epsilon = worst;
    factor = proved;
  }

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
      for (let k = start[n]; k < end[n]; k++) {
        const v = N + edgeExpert[k];
        const c = cost[k];
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
    for (let i = 0; i < tCount; i++) {
      const v = tNodes[i];
      const f = toT[v];
      const c = cap[v];
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
    // u reaches v's level d over an arc of reduced cost rc: level d + ⌊rc/ε⌋ + 1 if below u's. Comparing
    // rc < (level[u] − d − 1)·ε first (exact in integers) spares the division for arcs that do not improve.
    const reach = (u: number, d: number, rc: number) => {
      if (rc < (level[u] - d - 1) * epsilon) {
        const to = d + Math.floor(rc / epsilon) + 1;
        if (heap.push(to, u)) level[u] = to;
      }
    };
    while (heap.size > 0 && waiting > 0) {
      const v = heap.pop();
      const d = heap.level;
      if (d > level[v]) continue;
      reached = d;
      if (excess[v] > 0) waiting--;
      const pv = price[v];
      if (v < N) {
        for (let k = start[v]; k < end[v]; k++) {
          if (flow[k] === 1) {
            const u = N + edgeExpert[k];
            reach(u, d, cost[k] + pv - price[u]);
          }
        }
        if (toT[v] > 0) reach(T, d, pv - price[T]);
      } else if (v < T) {
        const e = v - N;
        for (let i = eStart[e] + used[e]; i < eStart[e + 1]; i++) {
          const u = eNeed[i];
          reach(u, d, pv - eCost[i] - price[u]);
        }
        if (toT[v] > 0) reach(T, d, pv - price[T]);
      } else {
        for (let i = 0; i < tCount; i++) {
          const u = tNodes[i];
          if (toT[u] < cap[u]) reach(u, d, pv - price[u]);
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
    tStale = true;
  }

  function dischargeNeed(n: number): void {
    const last = end[n];
    let pn = price[n];
    let a = current[n];
    while (excess[n] > 0) {
      if (a < last) {
        if (flow[a] === 0) {
          const v = N + edgeExpert[a];
          if (price[v] - cost[a] - pn < 0) {
            match(a);
            excess[n]--;
            gain(v, 1);
          }
        }
        a++;
      } else if (a === last) {
        const room = cap[n] - toT[n];
        if (room > 0 && price[T] - pn < 0) {
          const delta = Math.min(room, excess[n]);
          toT[n] += delta;
          excess[n] -= delta;
          gain(T, delta);
          if (toT[n] < cap[n]) continue;
        }
        a++;
      } else {
        // relabel; with one unit left, push it along the best arc and price the need by the next best
        // (the auction's bid: the expert it lands on then rises by the gap, not by ε)
        const room = cap[n] - toT[n];
        let best = room > 0 ? price[T] : Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        let at = last;
        for (let k = start[n]; k < last; k++) {
          if (flow[k] === 0) {
            const c = price[N + edgeExpert[k]] - cost[k];
            if (c < best) {
              second = best;
              best = c;
              at = k;
            } else if (c < second) second = c;
          }
        }
        if (at === last && room > 1) second = best;
        relabels++;
        if (excess[n] === 1 && second < Number.POSITIVE_INFINITY) {
          excess[n] = 0;
          if (at === last) {
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
        const room = cap[v] - toT[v];
        if (room > 0 && price[T] - pe < 0) {
          const delta = Math.min(room, excess[v]);
          toT[v] += delta;
          excess[v] -= delta;
          gain(T, delta);
          if (toT[v] < cap[v]) continue;
        }
        q = 0;
      } else if (q < used[e]) {
        const i = eStart[e] + q;
        const n = eNeed[i];
        if (eCost[i] + price[n] - pe < 0) {
          unmatch(eList[i]); // the last edge with flow moves into place q, so q is not advanced
          excess[v]--;
          gain(n, 1);
        } else q++;
      } else {
        const room = cap[v] - toT[v];
        let best = room > 0 ? price[T] : Number.POSITIVE_INFINITY;
        let second = Number.POSITIVE_INFINITY;
        let at = -1;
        for (let i = eStart[e]; i < eStart[e] + used[e]; i++) {
          const c = eCost[i] + price[eNeed[i]];
          if (c < best) {
            second = best;
            best = c;
            at = eList[i];
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
    if (tStale) {
      tCandCount = 0;
      for (let j = 0; j < tCount; j++) {
        const u = tNodes[j];
        if (toT[u] > 0 && price[u] < pT) tCand[tCandCount++] = u;
      }
      current[T] = 0;
      tStale = false;
    }
    let i = current[T];
    while (excess[T] > 0) {
      if (i < tCandCount) {
        const v = tCand[i];
        const f = toT[v];
        if (f > 0 && price[v] - pT < 0) {
          const delta = Math.min(f, excess[T]);
          toT[v] -= delta;
          excess[T] -= delta;
          gain(v, delta);
          if (toT[v] > 0) continue;
        }
        i++;
      } else {
        // relabel: the lowest price T can push to plus ε; the nodes below that price are the new arcs
        let best = Number.POSITIVE_INFINITY;
        tCandCount = 0;
        for (let j = 0; j < tCount; j++) {
          const u = tNodes[j];
          if (toT[u] > 0 && price[u] < best + epsilon) {
            if (price[u] < best) best = price[u];
            tCand[tCandCount++] = u;
          }
        }
        let kept = 0;
        for (let c = 0; c < tCandCount; c++) if (price[tCand[c]] < best + epsilon) tCand[kept++] = tCand[c];
        tCandCount = kept;
        pT = best + epsilon;
        relabels++;
        price[T] = pT;
        i = 0;
      }
    }
    current[T] = i;
  }

  /**
   * Arc fixing (Goldberg–Tarjan): in a flow that is ε-optimal with no excess left, an arc whose reduced cost
   * exceeds 2nε in size carries the same flow in every optimal flow (a cycle undoing it would cost more
   * than the at most n·ε the rest of the cycle can save). Such arcs leave the network for good: a
   * need→expert edge keeps its flow in `out`, an arc to T becomes a fixed supply of T (capacity 0), and
   * scans, relabels and price updates no longer see them. With a limit below 2nε (FIX_FACTOR) the fixing is
   * a guess the end checks (worstArc) and undoes if wrong (restoreArcs).
   */
  function fixArcs(limit: number): void {
    let dropped = false;
    for (let n = 0; n < N; n++) {
      const pn = price[n];
      let w = start[n];
      for (let k = start[n]; k < end[n]; k++) {
        const rc = price[N + edgeExpert[k]] - cost[k] - pn;
        if (rc > limit || rc < -limit) {
          out[id[k]] = flow[k];
          continue;
        }
        if (w !== k) {
          edgeExpert[w] = edgeExpert[k];
          cost[w] = cost[k];
          flow[w] = flow[k];
          id[w] = id[k];
        }
        w++;
      }
      if (w !== end[n]) dropped = true;
      end[n] = w;
    }
    if (dropped) listEdges();
    const pT = price[T];
    let kept = 0;
    for (let i = 0; i < tCount; i++) {
      const v = tNodes[i];
      const rc = pT - price[v];
      if (rc > limit || rc < -limit) {
        fixedToT[v] = toT[v];
        fixedCap[v] = cap[v];
        cap[v] = 0;
        toT[v] = 0;
      } else tNodes[kept++] = v;
    }
    tCount = kept;
  }

  /** The most negative reduced cost of a residual arc, fixed arcs included, negated (0 if none is negative). */
  function worstArc(): number {
    let worst = 0;
    for (let n = 0; n < N; n++) {
      const pn = price[n];
      for (let k = g.start[n]; k < g.start[n + 1]; k++) {
        const rc = price[N + g.edgeExpert[k]] - g.edgeWeight[k] * alpha - pn;
        worst = Math.max(worst, out[k] === 0 ? -rc : rc);
      }
    }
    const pT = price[T];
    for (let v = 0; v < T; v++) {
      const fixed = isFixedToT(v);
      const f = fixed ? fixedToT[v] : toT[v];
      const c = fixed ? fixedCap[v] : cap[v];
      const rc = pT - price[v];
      if (f < c) worst = Math.max(worst, -rc);
      if (f > 0) worst = Math.max(worst, rc);
    }
    return worst;
  }

  /** Every arc back in the network with the flow reached (a circulation: no node holds excess). */
  function restoreArcs(): void {
    loadEdges();
    for (let v = 0; v < T; v++) {
      if (isFixedToT(v)) {
        cap[v] = fixedCap[v];
        toT[v] = fixedToT[v];
      }
      tNodes[v] = v;
    }
    tCount = T;
    tStale = true;
  }
}

/**
 * The solver's per-edge arrays, carved out of one buffer: each large buffer allocated counts towards V8's
 * external-memory limit, and every crossing of it is a full garbage collection of the caller's heap (0.3–0.6 s
 * each on the 5M batch, with the batch's edges alive): one buffer crosses it once where eight arrays could
 * cross it several times.
 */
function perEdgeArrays(E: number) {
  const E8 = (E + 7) & ~7;
  const buffer = new ArrayBuffer(E8 * (2 * 8 + 5 * 4 + 1));
  let at = 0;
  const next = (bytes: number) => {
    at += E8 * bytes;
    return at - E8 * bytes;
  };
  const f64 = () => new Float64Array(buffer, next(8), E);
  const i32 = () => new Int32Array(buffer, next(4), E);
  return {
    cost: f64(),
    eCost: f64(),
    edgeExpert: i32(),
    id: i32(),
    eList: i32(),
    eNeed: i32(),
    pos: i32(),
    flow: new Uint8Array(buffer, next(1), E),
  };
}

/**
 * The edges that can carry flow (need with a slot, expert with capacity); index: their problem edge, or null
 * when every edge can (the problem itself serves then, and nothing is copied).
 */
export function liveEdges(p: FlowProblem): { problem: FlowProblem; index: Int32Array | null } {
  const E = p.edgeNeed.length;
  const live = (k: number) => p.slots[p.edgeNeed[k]] > 0 && p.capacity[p.edgeExpert[k]] > 0;
  let L = 0;
  for (let k = 0; k < E; k++) if (live(k)) L++;
  if (L === E) return { problem: p, index: null };
  const index = new Int32Array(L);
  L = 0;
  for (let k = 0; k < E; k++) if (live(k)) index[L++] = k;
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
    index,
  };
}
