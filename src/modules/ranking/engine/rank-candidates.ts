import type {
  CandidateNote,
  Contribution,
  EngineNeed,
  ExcludedExplanation,
  FilterFailure,
  FilterName,
  ScoredExplanation,
} from './engine.types';
import { toMilli } from './engine-config';
import type { ExpertStore } from './expert-store';
import { PAUSED, REMOVED } from './expert-store';
import { levelKey, MARK_CLOSED, markNeed, type NeedPlan, planNeed, unmark } from './need-plan';
import { referenceContributions, referenceNotes, sumMilli } from './reference-features';
import { referenceFilters } from './reference-filters';
import { scanInto } from './scan-kernel';
import { atCapacity, availableIn, passes, scoreSlot, withinTravel } from './score-kernel';
import { decodeSlot } from './store-decode';
import { TopHeap } from './top-heap';

export interface RankedCandidate {
  expertId: string;
  score: number;
  contributions: Contribution[];
  notes: CandidateNote[];
}

/** An expert who misses exactly one requirement: shown apart, never ranked or proposed. */
export interface NearMiss {
  expertId: string;
  score: number;
  missed: FilterFailure;
}

/** Top-N slots for one need as [slot, milli-points], best first (ties: smaller expert id first). */
export function topSlots(store: ExpertStore, need: EngineNeed, limit: number): Array<[number, number]> {
  const plan = planNeed(store, need);
  const touched = markNeed(store, need);
  const heap = new TopHeap(limit, store.side.ids);
  try {
    scanInto(store, plan, heap);
    return withInterest(store, plan, interestedSlots(store, need), heap.sorted(), limit);
  } finally {
    unmark(store, touched);
  }
}

/** The store slots of the experts interested in the need (those not in the store left out). */
function interestedSlots(store: ExpertStore, need: EngineNeed): number[] {
  const slots = new Set<number>();
  for (const id of need.interested ?? []) {
    const slot = store.side.slotOf(id);
    if (slot !== undefined) slots.add(slot);
  }
  return [...slots];
}

/**
 * The interest feature, applied after the kernel (which scores every other feature): each interested
 * slot that passes the filters is scored with its bonus, whether or not the kernel's top-N kept it. The
 * top-N by the kernel's score holds every uninterested expert of the true top-N (an interested one only
 * gains), so the result is the top-N by the full score.
 */
function withInterest(
  store: ExpertStore,
  plan: NeedPlan,
  interested: readonly number[],
  top: Array<[number, number]>,
  limit: number,
): Array<[number, number]> {
  if (interested.length === 0) return top;
  const bonus = toMilli(plan.weights.interest, 1);
  const mine = new Set(interested);
  const out = top.filter(([slot]) => !mine.has(slot));
  for (const slot of interested) {
    if (passes(store, plan, slot)) out.push([slot, scoreSlot(store, plan, slot) + bonus]);
  }
  const ids = store.side.ids;
  out.sort((a, b) => b[1] - a[1] || (ids.compare(a[0], b[0]) < 0 ? -1 : 1));
  return out.slice(0, Math.max(0, limit));
}

/** The best `limit` candidates for one need over all experts, each with its explanation. */
export function rankCandidates(
  store: ExpertStore,
  need: EngineNeed,
  options: { limit: number; explain?: boolean },
): RankedCandidate[] {
  return topSlots(store, need, options.limit).map(([slot, milli]) => {
    const facts = options.explain === false ? undefined : decodeSlot(store, slot);
    return {
      expertId: store.side.idOf(slot) ?? '',
      score: milli / 1000,
      contributions: facts ? referenceContributions(store.ctx, facts, need) : [],
      notes: facts ? referenceNotes(store.ctx, facts, need) : [],
    };
  });
}

/** Why this expert is (or is not) a candidate for this need. Unknown experts throw. */
export function explain(
  store: ExpertStore,
  need: EngineNeed,
  expertId: string,
): ScoredExplanation | ExcludedExplanation {
  return explainEach(store, [need], expertId)[0];
}

/** explain() for one expert against several needs, reading the expert's slot once. */
export function explainEach(
  store: ExpertStore,
  needs: readonly EngineNeed[],
  expertId: string,
): Array<ScoredExplanation | ExcludedExplanation> {
  const slot = store.side.slotOf(expertId);
  if (slot === undefined) throw new RangeError(`unknown expert ${expertId}`);
  const facts = decodeSlot(store, slot);
  return needs.map((need) => verdictOf(store, facts, need, expertId));
}

function verdictOf(
  store: ExpertStore,
  facts: ReturnType<typeof decodeSlot>,
  need: EngineNeed,
  expertId: string,
): ScoredExplanation | ExcludedExplanation {
  const reasons: FilterFailure[] = referenceFilters(store.ctx, facts, need);
  if (reasons.length > 0) return { excluded: true, expertId, reasons };
  const contributions = referenceContributions(store.ctx, facts, need);
  return {
    excluded: false,
    expertId,
    score: sumMilli(contributions) / 1000,
    contributions,
    notes: referenceNotes(store.ctx, facts, need),
  };
}

/** Requirements that may be missed for a near miss: a wrong field, a pause or a refusal never is. */
const NEAR_MISS_FILTERS = new Set<FilterName>([
  'mustHave',
  'level',
  'mode',
  'availability',
  'travel',
  'capacity',
]);

/** Failures that make an expert a near miss: exactly one, of a requirement that could be met. */
export function isNearMiss(reasons: readonly FilterFailure[]): boolean {
  return reasons.length === 1 && NEAR_MISS_FILTERS.has(reasons[0].filter);
}

/**
 * The best `limit` experts of the need's field who miss exactly one requirement (a skill, the level,
 * the mode, the dates, the distance or their capacity), best score first, each with what they miss.
 * Scored as the candidates are: an expert interested in the need earns the interest feature.
 */
export function nearMisses(store: ExpertStore, need: EngineNeed, limit: number): NearMiss[] {
  const plan = planNeed(store, need);
  const touched = markNeed(store, need);
  const heap = new TopHeap(limit, store.side.ids);
  const interested = new Set(interestedSlots(store, need));
  const bonus = toMilli(plan.weights.interest, 1);
  try {
    for (let i = 0; i < store.end; i++) {
      const g = store.gate[i];
      if ((g & plan.fieldGate) === 0 || (store.flags[i] & (PAUSED | REMOVED)) !== 0) continue;
      if ((store.mark[i] & MARK_CLOSED) !== 0 || !inField(store, plan, i)) continue;
      if (missedCount(store, plan, i) !== 1) continue;
      heap.offer(scoreSlot(store, plan, i) + (interested.has(i) ? bonus : 0), i);
    }
  } finally {
    unmark(store, touched);
  }
  const out: NearMiss[] = [];
  for (const [slot, milli] of heap.sorted()) {
    const missed = referenceFilters(store.ctx, decodeSlot(store, slot), need);
    if (isNearMiss(missed)) {
      out.push({ expertId: store.side.idOf(slot) ?? '', score: milli / 1000, missed: missed[0] });
    }
  }
  return out;
}

function inField(s: ExpertStore, p: NeedPlan, i: number): boolean {
  const ft = p.fieldTests;
  if (ft.length === 0) return true;
  let any = 0;
  for (let k = 0; k < ft.length; k += 2) any |= s.bits[i * s.words + ft[k]] & ft[k + 1];
  return any !== 0;
}

function missedCount(s: ExpertStore, p: NeedPlan, i: number): number {
  let n = 0;
  const base = i * s.words;
  const rq = p.required;
  for (let k = 0; k < rq.length; k += 2) {
    if ((s.bits[base + rq[k]] & rq[k + 1]) === 0) {
      n++;
      break;
    }
  }
  if (p.levelOk[levelKey(s, p, i)] === 0) n++;
  if ((s.modes[i] & p.modeBit) === 0) n++;
  if (!availableIn(s, i, p.from, p.to)) n++;
  if (!withinTravel(s, p, i)) n++;
  if (s.maxConc[i] === 0 || atCapacity(s, i, p.from, p.to)) n++;
  return n;
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
      edges.push({ needId: need.id, expertId: store.side.idOf(slot) ?? '', score: milli / 1000 });
    }
  }
  return edges;
}
