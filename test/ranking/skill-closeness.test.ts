import { makeExpert, makeNeed, makeWorld, seededRng } from '../../scripts/bench/synthetic-data';
import { type ConfigOverrides, createExpertStore, rankCandidates } from '../../src/modules/ranking/engine';
import { factsFromExpert } from '../../src/modules/ranking/engine/expert-facts';
import { markNeed, planNeed, unmark } from '../../src/modules/ranking/engine/need-plan';
import { referenceContributions, sumMilli } from '../../src/modules/ranking/engine/reference-features';
import { referenceFilters } from '../../src/modules/ranking/engine/reference-filters';
import { scoreAllFast, scoreSlot } from '../../src/modules/ranking/engine/score-kernel';

const rng = seededRng(20261127);
const world = makeWorld(rng, { counties: 30, fields: 3, subsPerField: 3, skillsPerSub: 4, employers: 6 });
const needs = Array.from({ length: 30 }, (_, n) => makeNeed(rng, world, n));
const experts = Array.from({ length: 400 }, (_, n) =>
  makeExpert(
    rng,
    world,
    n,
    needs.map((x) => x.id),
  ),
);

// The kernels sum skill closeness as integers when every value is a multiple of 1/1024 and fall back to
// the float sum otherwise; both must give the reference's points to the milli-point.
describe.each<[string, ConfigOverrides['closeness']]>([
  ['v1 closeness (0.5, 0.25: integer sums)', undefined],
  ['other exact closeness (0.375, 0.125)', { sameSubField: 0.375, sameField: 0.125 }],
  ['inexact closeness (0.3, 0.1: float sums in skill order)', { sameSubField: 0.3, sameField: 0.1 }],
  ['closeness of zero', { sameSubField: 0, sameField: 0 }],
])('skill closeness with %s', (_name, closeness) => {
  it('when scoring and ranking random experts, then the kernels agree with the reference', () => {
    const store = createExpertStore({
      regions: world.regions,
      taxonomy: world.taxonomy,
      experts,
      config: closeness ? { closeness } : undefined,
    });
    for (const need of needs) {
      const plan = planNeed(store, need);
      const touched = markNeed(store, need);
      const fast = new Int32Array(store.end);
      const ref = experts.map((e) => {
        const facts = factsFromExpert(store.ctx, e);
        return {
          id: e.id,
          ok: referenceFilters(store.ctx, facts, need).length === 0,
          milli: sumMilli(referenceContributions(store.ctx, facts, need)),
        };
      });
      try {
        scoreAllFast(store, plan, fast);
        for (const r of ref) {
          const slot = store.side.slotOf(r.id) ?? -1;
          expect([r.id, fast[slot], scoreSlot(store, plan, slot)]).toEqual([r.id, r.milli, r.milli]);
        }
      } finally {
        unmark(store, touched);
      }
      const expected = ref
        .filter((r) => r.ok)
        .sort((a, b) => b.milli - a.milli || (a.id < b.id ? -1 : 1))
        .slice(0, 20)
        .map((r) => [r.id, r.milli]);
      const ranked = rankCandidates(store, need, { limit: 20, explain: false });
      expect(ranked.map((x) => [x.expertId, Math.round(x.score * 1000)])).toEqual(expected);
    }
  });
});
