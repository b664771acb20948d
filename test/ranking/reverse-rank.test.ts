import { makeExpert, makeNeed, makeWorld, seededRng } from '../../scripts/bench/synthetic-data';
import {
  createExpertStore,
  createNeedBoard,
  type EngineExpert,
  type EngineNeed,
  explainEach,
  explainNeedFits,
  recommendNeeds,
} from '../../src/modules/ranking/engine';

const rng = seededRng(20261115);
// 4 fields and 24 sub-fields (gate bits up to the sign bit), few employers so continuity comes up often
const world = makeWorld(rng, { counties: 40, fields: 4, subsPerField: 6, skillsPerSub: 2, employers: 8 });
const needs: EngineNeed[] = Array.from({ length: 300 }, (_, n) => makeNeed(rng, world, n));
const needIds = needs.map((n) => n.id);
const experts: EngineExpert[] = Array.from({ length: 300 }, (_, n) => makeExpert(rng, world, n, needIds));

function expected(store: ReturnType<typeof createExpertStore>, expertId: string, withFull: boolean) {
  return explainEach(store, needs, expertId)
    .map((v, k) => ({ v, need: needs[k] }))
    .filter(({ v }) =>
      v.excluded ? withFull && v.reasons.length === 1 && v.reasons[0].filter === 'capacity' : true,
    );
}

describe('reverse ranking (one expert against every open need)', () => {
  const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
  const board = createNeedBoard({ regions: world.regions, taxonomy: world.taxonomy, needs });

  it('when compared with explainEach on a random population, then the same needs are met with the same scores, best first', () => {
    let met = 0;
    let explained = 0;
    for (const e of experts) {
      const want = expected(store, e.id, false);
      const got = recommendNeeds(board, store, e.id);
      const ids = new Set(want.map((x) => x.need.id));
      expect(new Set(got.map((g) => g.needId))).toEqual(ids);
      const scoreOf = new Map(want.map((x) => [x.need.id, x.v.excluded ? -1 : x.v.score]));
      for (const g of got) expect(g.score).toBe(scoreOf.get(g.needId));
      for (let k = 1; k < got.length; k++) {
        const [a, b] = [got[k - 1], got[k]];
        expect(a.score > b.score || (a.score === b.score && a.needId < b.needId)).toBe(true);
      }
      expect(got.every((g) => !g.atCapacity)).toBe(true);
      met += got.length;
      // the explanation of the first few is the coordinator's, word for word
      const shown = got.slice(0, 3);
      const fits = explainNeedFits(
        board,
        store,
        e.id,
        shown.map((g) => g.needId),
      );
      for (const [k, fit] of fits.entries()) {
        const ref = want.find((x) => x.need.id === fit.needId)?.v;
        if (!ref || ref.excluded) throw new Error('explained a need that is not met');
        expect(fit).toEqual({
          needId: fit.needId,
          score: shown[k].score,
          contributions: ref.contributions,
          notes: ref.notes,
        });
        explained++;
      }
    }
    // both outcomes must be common, or the comparison proves little
    expect(met).toBeGreaterThan(500);
    expect(met).toBeLessThan(experts.length * needs.length * 0.5);
    expect(explained).toBeGreaterThan(100);
  });

  it('when needs missed only for capacity are asked for, then they are listed too, marked at capacity', () => {
    let marked = 0;
    for (const e of experts) {
      const want = expected(store, e.id, true);
      const got = recommendNeeds(board, store, e.id, { includeAtCapacity: true });
      expect(got.map((g) => [g.needId, g.atCapacity]).sort()).toEqual(
        want.map((x) => [x.need.id, x.v.excluded]).sort(),
      );
      marked += got.filter((g) => g.atCapacity).length;
    }
    expect(marked).toBeGreaterThan(10);
  });

  it('when needs are edited, held back and removed, then the board follows one need at a time', () => {
    const b = createNeedBoard({ regions: world.regions, taxonomy: world.taxonomy, needs });
    const e = experts.find((x) => recommendNeeds(b, store, x.id).length >= 3);
    if (!e) throw new Error('no expert meets three needs');
    const [first, second, third] = recommendNeeds(b, store, e.id).map((g) => g.needId);
    b.remove(first);
    b.setListed(second, false);
    const moved = needs.find((n) => n.id === third) as EngineNeed;
    b.upsert({ ...moved, mode: moved.mode === 'remote' ? 'onsite' : 'remote', period: { from: 1, to: 2 } });
    const after = recommendNeeds(b, store, e.id).map((g) => g.needId);
    expect(after).not.toContain(first);
    expect(after).not.toContain(second);
    expect(after).not.toContain(third);
    b.setListed(second, true);
    b.upsert(moved);
    expect(recommendNeeds(b, store, e.id).map((g) => g.needId)).toEqual(
      expected(store, e.id, false)
        .filter((x) => x.need.id !== first)
        .sort((x, y) => {
          const [sx, sy] = [x.v.excluded ? 0 : x.v.score, y.v.excluded ? 0 : y.v.score];
          return sy - sx || (x.need.id < y.need.id ? -1 : 1);
        })
        .map((x) => x.need.id),
    );
    // the freed slot is reused
    const end = b.end;
    b.upsert({ ...moved, id: '6c0000000000000000000001' });
    expect(b.end).toBe(end);
  });

  it('when a filter is given, then only the needs it accepts are listed, in the same order', () => {
    const e = experts.find((x) => recommendNeeds(board, store, x.id).length >= 4);
    if (!e) throw new Error('no expert meets four needs');
    const all = recommendNeeds(board, store, e.id);
    const keep = new Set(all.filter((_, k) => k % 2 === 1).map((g) => g.needId));
    const got = recommendNeeds(board, store, e.id, { accept: (id) => keep.has(id) });
    expect(got).toEqual(all.filter((g) => keep.has(g.needId)));
  });

  it('when the expert has paused, then no need is listed', () => {
    const paused = { ...experts[0], id: '6a00000000000000000fffff' };
    paused.availability = { ...paused.availability, paused: true };
    store.upsert(paused);
    expect(recommendNeeds(board, store, paused.id, { includeAtCapacity: true })).toEqual([]);
    expect(() => recommendNeeds(board, store, '6a00000000000000000ffff0')).toThrow(RangeError);
  });
});
