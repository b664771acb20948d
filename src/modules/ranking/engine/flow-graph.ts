/** An assignment problem: need slots, expert capacities and weighted candidate edges (integer weights). */
export interface FlowProblem {
  needs: number;
  experts: number;
  slots: Int32Array;
  capacity: Int32Array;
  edgeNeed: Int32Array;
  edgeExpert: Int32Array;
  edgeWeight: Int32Array;
}

/**
 * The flow solver's view of a problem: edges renumbered need by need (CSR, input order within a need),
 * every per-edge array indexed by that number, so scanning a need's edges reads memory in sequence (an
 * index per edge cost about a fifth of the solver's time on large instances); and the initial potentials.
 * Read-only: when the problem's edges already come need by need, its own arrays are the graph's.
 */
export interface FlowGraph {
  start: Int32Array;
  /** Problem edge of each graph edge. */
  original: Int32Array;
  edgeNeed: Int32Array;
  edgeExpert: Int32Array;
  edgeWeight: Int32Array;
  /** Initial potentials of needs (0), experts (−their best weight) and T (−the best weight). */
  pot: Float64Array;
}

export function buildFlowGraph(p: FlowProblem): FlowGraph {
  const N = p.needs;
  const M = p.experts;
  const E = p.edgeNeed.length;
  const pot = new Float64Array(N + M + 1);
  let maxW = 0;
  for (let k = 0; k < E; k++) {
    const w = p.edgeWeight[k];
    const v = N + p.edgeExpert[k];
    if (-w < pot[v]) pot[v] = -w;
    if (w > maxW) maxW = w;
  }
  pot[N + M] = -maxW;
  const start = new Int32Array(N + 1);
  for (let k = 0; k < E; k++) start[p.edgeNeed[k] + 1]++;
  for (let n = 0; n < N; n++) start[n + 1] += start[n];
  const original = new Int32Array(E);
  let sorted = true;
  for (let k = 1; k < E && sorted; k++) sorted = p.edgeNeed[k - 1] <= p.edgeNeed[k];
  if (sorted) {
    // edges already need by need (as batches list them): the problem's own arrays serve, unchanged
    for (let k = 0; k < E; k++) original[k] = k;
    return { start, original, edgeNeed: p.edgeNeed, edgeExpert: p.edgeExpert, edgeWeight: p.edgeWeight, pot };
  }
  const fill = start.slice(0, N);
  for (let k = 0; k < E; k++) original[fill[p.edgeNeed[k]]++] = k;
  // plain loops: TypedArray.from with a mapping function was ~10x slower here
  const edgeNeed = new Int32Array(E);
  const edgeExpert = new Int32Array(E);
  const edgeWeight = new Int32Array(E);
  for (let q = 0; q < E; q++) {
    const k = original[q];
    edgeNeed[q] = p.edgeNeed[k];
    edgeExpert[q] = p.edgeExpert[k];
    edgeWeight[q] = p.edgeWeight[k];
  }
  return { start, original, edgeNeed, edgeExpert, edgeWeight, pot };
}
