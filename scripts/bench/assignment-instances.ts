import type { AssignExpert, AssignNeed } from '../../src/modules/ranking/engine';
import { int, objectId, type Rng } from './synthetic-data';

/**
 * Batch-assignment instance families (edges generated directly, 50 per need):
 * - plentiful: expert capacity 1–3, total expert capacity ≥ 4 × total wanted;
 * - scarce: every capacity 1, total capacity = total wanted.
 * Experts sit on a line (think region × field); a need draws most candidates near its own position and
 * some from anywhere, so popular neighbourhoods compete. Score = 10 × expert quality + 90 × fit^p, with
 * the exponent p per need log-uniform in [1/10, 10]: "generalist" needs (p small) find many good
 * candidates, "specialist" needs (p large) only a few. That mix is what makes greedy lose.
 */
export type Family = 'plentiful' | 'scarce';

export interface AssignInstance {
  needs: AssignNeed[];
  experts: AssignExpert[];
  edges: { needId: string; expertId: string; score: number }[];
}

export function makeAssignInstance(
  rng: Rng,
  family: Family,
  edgeCount: number,
  perNeed = 50,
): AssignInstance {
  const nNeeds = Math.max(1, Math.round(edgeCount / perNeed));
  const needs: AssignNeed[] = [];
  let wanted = 0;
  for (let n = 0; n < nNeeds; n++) {
    const k = int(rng, 1, 4);
    wanted += k;
    needs.push({ id: objectId(n, 'n'), wanted: k, priority: rng() < 0.2 });
  }
  const experts: AssignExpert[] = [];
  let capacity = 0;
  while (family === 'scarce' ? capacity < wanted : capacity < 4 * wanted) {
    const c = family === 'scarce' ? 1 : int(rng, 1, 3);
    experts.push({ id: objectId(experts.length), capacity: c });
    capacity += c;
  }
  const M = experts.length;
  const quality = Float64Array.from({ length: M }, () => rng());
  const window = Math.min(M, Math.max(perNeed * 4, Math.round(M / 50)));
  const edges: AssignInstance['edges'] = [];
  const picked = new Set<number>();
  for (let n = 0; n < nNeeds; n++) {
    const centre = Math.floor((n / nNeeds) * M);
    const steepness = Math.exp((2 * rng() - 1) * Math.log(10));
    picked.clear();
    const want = Math.min(perNeed, M);
    while (picked.size < want) {
      const e = rng() < 0.8 ? (centre + Math.floor((rng() - 0.5) * window) + M) % M : Math.floor(rng() * M);
      picked.add(e);
    }
    for (const e of picked) {
      const score = 10 * quality[e] + 90 * rng() ** steepness;
      edges.push({ needId: needs[n].id, expertId: experts[e].id, score: Math.round(score * 1000) / 1000 });
    }
  }
  return { needs, experts, edges };
}
