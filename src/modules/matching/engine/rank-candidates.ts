import type {
  Contribution,
  EngineNeed,
  ExcludedExplanation,
  FilterFailure,
  ScoredExplanation,
} from './engine.types';
import type { ExpertStore } from './expert-store';
import { markNeed, planNeed, unmark } from './need-plan';
import { referenceContributions, sumMilli } from './reference-features';
import { referenceFilters } from './reference-filters';
import { scanInto } from './scan-kernel';
import { decodeSlot } from './store-decode';
import { TopHeap } from './top-heap';

export interface RankedCandidate {
  expertId: string;
  score: number;
  contributions: Contribution[];
}

/** Top-N slots for one need as [slot, milli-points], best first (ties: smaller expert id first). */
export function topSlots(store: ExpertStore, need: EngineNeed, limit: number): Array<[number, number]> {
  const plan = planNeed(store, need);
  const touched = markNeed(store, need);
  const heap = new TopHeap(limit, store.side.ids);
  try {
    scanInto(store, plan, heap);
  } finally {
    unmark(store, touched);
  }
  return heap.sorted();
}

/** The best `limit` candidates for one need over all experts, each with its explanation. */
export function rankCandidates(
  store: ExpertStore,
  need: EngineNeed,
  options: { limit: number; explain?: boolean },
): RankedCandidate[] {
  return topSlots(store, need, options.limit).map(([slot, milli]) => ({
    expertId: store.side.ids[slot] ?? '',
    score: milli / 1000,
    contributions:
      options.explain === false ? [] : referenceContributions(store.ctx, decodeSlot(store, slot), need),
  }));
}

/** Why this expert is (or is not) a candidate for this need. Unknown experts throw. */
export function explain(
  store: ExpertStore,
  need: EngineNeed,
  expertId: string,
): ScoredExplanation | ExcludedExplanation {
  const slot = store.side.slotOf(expertId);
  if (slot === undefined) throw new RangeError(`unknown expert ${expertId}`);
  const facts = decodeSlot(store, slot);
  const reasons: FilterFailure[] = referenceFilters(store.ctx, facts, need);
  if (reasons.length > 0) return { excluded: true, expertId, reasons };
  const contributions = referenceContributions(store.ctx, facts, need);
  return { excluded: false, expertId, score: sumMilli(contributions) / 1000, contributions };
}

export interface CandidateEdge {
  needId: string;
  expertId: string;
  score: number;
}

/** Candidate edges for a batch: the top `perNeed` experts of each need. */
export function generateCandidateEdges(
  store: ExpertStore,
  needs: readonly EngineNeed[],
  perNeed: number,
): CandidateEdge[] {
  const edges: CandidateEdge[] = [];
  for (const need of needs) {
    for (const [slot, milli] of topSlots(store, need, perNeed)) {
      edges.push({ needId: need.id, expertId: store.side.ids[slot] ?? '', score: milli / 1000 });
    }
  }
  return edges;
}
