import { makeExpert, makeNeed, makeWorld, seededRng } from '../../scripts/bench/synthetic-data';
import { createExpertStore, rankCandidates } from '../../src/modules/ranking/engine';
import { factsFromExpert } from '../../src/modules/ranking/engine/expert-facts';
import { referenceContributions, sumMilli } from '../../src/modules/ranking/engine/reference-features';
import { referenceFilters } from '../../src/modules/ranking/engine/reference-filters';

// The gate word has 24 field bits: with more fields two share a bit, the gate's field test is only a
// pre-filter and the scan must test the exact field bits. Rankings must still be the reference's.
// With fewer than 24 fields the spare gate bits hold sub-fields, up to bit 31 (an int32's sign bit).
describe.each([
  ['6 fields (each its own gate bit), 12 sub-fields', 6, 2],
  ['30 fields (gate bits shared), no sub-field bits', 30, 2],
  ['2 fields, 32 sub-fields (sub-field gate bits up to bit 31, shared)', 2, 16],
])('ranking with %s', (_name, fields, subsPerField) => {
  it('when ranking random needs and one need per sub-field, then the top-N equals the reference', () => {
    const rng = seededRng(4000 + fields);
    const world = makeWorld(rng, { counties: 20, fields, subsPerField, skillsPerSub: 2, employers: 5 });
    const needs = Array.from({ length: 40 }, (_, n) => makeNeed(rng, world, n));
    world.subs.forEach((sub, k) => {
      needs.push({ ...makeNeed(rng, world, 100 + k), mustHaveSkills: [`${sub}.0`], minTitle: undefined });
    });
    const experts = Array.from({ length: 600 }, (_, n) =>
      makeExpert(
        rng,
        world,
        n,
        needs.map((x) => x.id),
      ),
    );
    const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
    expect(store.fieldGateExact).toBe(fields <= 24);
    let ranked = 0;
    for (const need of needs) {
      const expected = experts
        .map((e) => {
          const facts = factsFromExpert(store.ctx, e);
          const ok = referenceFilters(store.ctx, facts, need).length === 0;
          return { id: e.id, ok, milli: sumMilli(referenceContributions(store.ctx, facts, need)) };
        })
        .filter((r) => r.ok)
        .sort((a, b) => b.milli - a.milli || (a.id < b.id ? -1 : 1))
        .slice(0, 15)
        .map((r) => [r.id, r.milli]);
      const got = rankCandidates(store, need, { limit: 15, explain: false });
      expect(got.map((x) => [x.expertId, Math.round(x.score * 1000)])).toEqual(expected);
      ranked += got.length;
    }
    expect(ranked).toBeGreaterThan(40);
  });
});
