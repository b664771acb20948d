import { makeExpert, makeNeed, makeWorld, seededRng } from '../../scripts/bench/synthetic-data';
import {
  createExpertStore,
  type EngineExpert,
  type EngineNeed,
  type ExpertStore,
  rankCandidates,
} from '../../src/modules/ranking/engine';
import { factsFromExpert } from '../../src/modules/ranking/engine/expert-facts';
import { markNeed, planNeed, unmark } from '../../src/modules/ranking/engine/need-plan';
import { referenceContributions, sumMilli } from '../../src/modules/ranking/engine/reference-features';
import { referenceFilters } from '../../src/modules/ranking/engine/reference-filters';
import { passes, scoreAllFast, scoreSlot } from '../../src/modules/ranking/engine/score-kernel';

const rng = seededRng(20261101);
// 4 fields and 24 sub-fields: the sub-fields' gate bits run up to bit 31 (the sign bit of an int32)
const world = makeWorld(rng, { counties: 40, fields: 4, subsPerField: 6, skillsPerSub: 2, employers: 8 });
const needs: EngineNeed[] = Array.from({ length: 40 }, (_, n) => makeNeed(rng, world, n));
const needIds = needs.map((n) => n.id);
let experts: EngineExpert[] = Array.from({ length: 800 }, (_, n) => makeExpert(rng, world, n, needIds));

function reference(store: ExpertStore, records: EngineExpert[], need: EngineNeed) {
  return records.map((e) => {
    const facts = factsFromExpert(store.ctx, e);
    const contributions = referenceContributions(store.ctx, facts, need);
    return {
      id: e.id,
      ok: referenceFilters(store.ctx, facts, need).length === 0,
      milli: sumMilli(contributions),
      contributions,
    };
  });
}

function expectKernelMatchesReference(store: ExpertStore, records: EngineExpert[]) {
  let passed = 0;
  for (const need of needs) {
    const ref = reference(store, records, need);
    const plan = planNeed(store, need);
    const touched = markNeed(store, need);
    const fast = new Int32Array(store.end);
    try {
      scoreAllFast(store, plan, fast);
      for (const r of ref) {
        const slot = store.side.slotOf(r.id) ?? -1;
        expect({ id: r.id, ok: passes(store, plan, slot), milli: scoreSlot(store, plan, slot) }).toEqual({
          id: r.id,
          ok: r.ok,
          milli: r.milli,
        });
        expect(fast[slot]).toBe(r.milli);
        if (r.ok) passed++;
      }
    } finally {
      unmark(store, touched);
    }
    const expected = ref
      .filter((r) => r.ok)
      .sort((a, b) => b.milli - a.milli || (a.id < b.id ? -1 : 1))
      .slice(0, 25);
    const ranked = rankCandidates(store, need, { limit: 25 });
    expect(ranked.map((x) => [x.expertId, Math.round(x.score * 1000)])).toEqual(
      expected.map((r) => [r.id, r.milli]),
    );
    ranked.forEach((x, k) => {
      expect(x.contributions).toEqual(expected[k].contributions);
    });
  }
  return passed;
}

describe('fast kernel against the plain reference', () => {
  it('when scoring random experts and needs, then every filter verdict, score and top-N agree', () => {
    const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
    const passed = expectKernelMatchesReference(store, experts);
    // the data must exercise both outcomes, or the comparison proves little
    expect(passed).toBeGreaterThan(200);
    expect(passed).toBeLessThan(experts.length * needs.length * 0.9);
  });

  it('when experts are edited, removed and added one at a time, then the store still agrees', () => {
    const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
    const edited = experts.map((e, k) =>
      k % 7 === 0 ? { ...makeExpert(rng, world, 9999, needIds), id: e.id } : e,
    );
    for (let k = 0; k < experts.length; k += 7) store.upsert(edited[k]);
    const removed = new Set(edited.filter((_, k) => k % 11 === 3).map((e) => e.id));
    for (const id of removed) expect(store.remove(id)).toBe(true);
    const added = Array.from({ length: 50 }, (_, k) => makeExpert(rng, world, 5000 + k, needIds));
    for (const e of added) store.upsert(e);
    experts = [...edited.filter((e) => !removed.has(e.id)), ...added];
    expect(store.size).toBe(experts.length);
    expect(store.end).toBeLessThan(800 + 50); // removed slots were reused
    expectKernelMatchesReference(store, experts);
  });

  it('when experts showed interest in needs, then the ranking with the interest bonus agrees with the reference', () => {
    const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
    let lifted = 0;
    for (const [n, plain] of needs.slice(0, 16).entries()) {
      // some who meet the need (a few below the top 10, so the bonus must lift them), some who do not
      const ref = reference(store, experts, plain);
      const passing = ref.filter((r) => r.ok).sort((a, b) => b.milli - a.milli);
      const picked = [passing[12], passing[30], passing[n % 5], ref[n]].filter(Boolean).map((r) => r.id);
      const need = { ...plain, interested: [...picked, 'not-an-expert'] };
      const expected = reference(store, experts, need)
        .filter((r) => r.ok)
        .sort((a, b) => b.milli - a.milli || (a.id < b.id ? -1 : 1))
        .slice(0, 10);
      const ranked = rankCandidates(store, need, { limit: 10 });
      expect(ranked.map((x) => [x.expertId, Math.round(x.score * 1000)])).toEqual(
        expected.map((r) => [r.id, r.milli]),
      );
      ranked.forEach((x, k) => {
        expect(x.contributions).toEqual(expected[k].contributions);
      });
      const plainTop = new Set(passing.slice(0, 10).map((r) => r.id));
      lifted += ranked.filter(
        (x) => need.interested.includes(x.expertId) && !plainTop.has(x.expertId),
      ).length;
    }
    // the bonus must have mattered: some interested experts entered from below the plain top 10
    expect(lifted).toBeGreaterThan(0);
  });
});
