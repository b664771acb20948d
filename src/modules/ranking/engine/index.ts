/**
 * Yinling matching engine — pure code, no I/O.
 *
 * - `createExpertStore({ regions, taxonomy, experts?, config? })` builds the struct-of-arrays store;
 *   `store.upsert(expert)` / `store.remove(id)` change one expert at a time.
 * - `rankCandidates(store, need, { limit })` → the top-N `{ expertId, score, contributions }` for a need
 *   (the experts in `need.interested` earn the interest feature).
 * - `explain(store, need, expertId)` → a scored explanation, or `{ excluded: true, reasons }` naming every
 *   hard filter that excludes the expert.
 * - `generateCandidateEdges(store, needs, perNeed)` → `{ needId, expertId, score }[]` for a batch.
 * - `recommendNeeds(board, store, expertId)` → the needs of a `createNeedBoard({ regions, taxonomy })` the
 *   expert meets every requirement of, best first (the reverse ranking, scored as rankCandidates scores
 *   the pair: the needs' `interested` experts earn the interest feature); `explainNeedFits` explains some.
 * - `assignBatch({ needs, experts, edges, priorityFactor? })` → the exact maximum-total assignment under
 *   capacities, with the greedy baseline beside it.
 *
 * Scores lie on 0–100; weights and parameters are versioned (`weights.v3.ts` is current).
 */
export type { AssignExpert, AssignNeed, AssignResult, Match } from './assign-batch';
export { assignBatch } from './assign-batch';
export type * from './engine.types';
export type { ConfigOverrides } from './engine-config';
export { FEATURES } from './engine-config';
export type { StoreOptions } from './expert-store';
export { createExpertStore, ExpertStore } from './expert-store';
export type { NeedBoardOptions } from './need-board';
export { createNeedBoard, NeedBoard } from './need-board';
export type { CandidateEdge, NearMiss, RankedCandidate } from './rank-candidates';
export {
  explain,
  explainEach,
  generateCandidateEdges,
  isNearMiss,
  nearMisses,
  rankCandidates,
} from './rank-candidates';
export type { NeedFit, NeedFitOptions } from './reverse-rank';
export { explainNeedFits, recommendNeeds } from './reverse-rank';
export { WEIGHTS_V1 } from './weights.v1';
export { WEIGHTS_V2 } from './weights.v2';
export { WEIGHTS_V3 } from './weights.v3';
