import highsLoader from 'highs';

/**
 * The batch-assignment optimum by linear programming (HiGHS, WebAssembly): max Σ w·x subject to
 * per-need slots and per-expert capacity, 0 ≤ x ≤ 1. The constraint matrix is an interval/bipartite
 * incidence matrix, so the LP optimum is integral. Used to check the flow, not in the engine.
 */
export async function lpOptimumMilli(p: {
  slots: ArrayLike<number>;
  capacity: ArrayLike<number>;
  edgeNeed: ArrayLike<number>;
  edgeExpert: ArrayLike<number>;
  edgeWeight: ArrayLike<number>;
}): Promise<number> {
  const highs = await highsLoader();
  const E = p.edgeNeed.length;
  if (E === 0) return 0;
  const lines: string[] = ['Maximize', ' obj:'];
  for (let k = 0; k < E; k++) lines.push(` + ${p.edgeWeight[k]} x${k}`);
  lines.push('Subject To');
  const byNeed = new Map<number, number[]>();
  const byExpert = new Map<number, number[]>();
  for (let k = 0; k < E; k++) {
    (byNeed.get(p.edgeNeed[k]) ?? byNeed.set(p.edgeNeed[k], []).get(p.edgeNeed[k]) ?? []).push(k);
    (byExpert.get(p.edgeExpert[k]) ?? byExpert.set(p.edgeExpert[k], []).get(p.edgeExpert[k]) ?? []).push(k);
  }
  for (const [n, ks] of byNeed) {
    lines.push(` n${n}:`);
    for (const k of ks) lines.push(` + x${k}`);
    lines.push(` <= ${p.slots[n]}`);
  }
  for (const [e, ks] of byExpert) {
    lines.push(` e${e}:`);
    for (const k of ks) lines.push(` + x${k}`);
    lines.push(` <= ${p.capacity[e]}`);
  }
  lines.push('Bounds');
  for (let k = 0; k < E; k++) lines.push(` 0 <= x${k} <= 1`);
  lines.push('End');
  const solution = highs.solve(lines.join('\n'));
  if (solution.Status !== 'Optimal') throw new Error(`LP status ${solution.Status}`);
  return Math.round(solution.ObjectiveValue);
}
