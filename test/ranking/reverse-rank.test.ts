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
const plainNeeds: EngineNeed[] = Array.from({ length: 300 }, (_, n) => makeNeed(rng, world, n));
const needIds = plainNeeds.map((n) => n.id);
const experts: EngineExpert[] = Array.from({ length: 300 }, (_, n) => makeExpert(rng, world, n, needIds));
const needs = withInterests(plainNeeds);

/**
 * Interests as the service records them: on about a third of the needs, two experts who meet the need
 * (where there are) and one picked at random, who may not. Every other expert of such a need is scored
 * at its weights with the interest row at 0.
 */
function withInterests(plain: EngineNeed[]): EngineNeed[] {
  const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
  const meeting = plain.map(() => [] as string[]);
  for (const e of experts) {
    explainEach(store, plain, e.id).forEach((v, k) => {
      if (!v.excluded) meeting[k].push(e.id);
    });
  }
  return plain.map((need, k) => {
    if (k % 3 !== 0) return need;
    const ids = meeting[k];
    const picked = [ids[Math.floor(rng() * ids.length)], ids.at(-1), experts[Math.floor(rng() * 300)].id];
    const interested = [...new Set(picked.filter((id) => id !== undefined))];
    return { ...need, interested };
  });
}

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
    let interestedMet = 0;
    let othersInterestedMet = 0;
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
      for (const g of got) {
        const interested = needs.find((n) => n.id === g.needId)?.interested ?? [];
        if (interested.includes(e.id)) interestedMet++;
        else if (interested.length > 0) othersInterestedMet++;
      }
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
    // needs the expert showed interest in, and needs others did, both common
    expect(interestedMet).toBeGreaterThan(50);
    expect(othersInterestedMet).toBeGreaterThan(100);
  });

  it('when the expert shows or withdraws interest in a need, then their score and explanation for it follow, as the coordinator sees them', () => {
    const b = createNeedBoard({ regions: world.regions, taxonomy: world.taxonomy, needs: plainNeeds });
    const e = experts.find((x) => recommendNeeds(b, store, x.id).length >= 3);
    if (!e) throw new Error('no expert meets three needs');
    const fits = recommendNeeds(b, store, e.id);
    const last = fits[fits.length - 1];
    const plain = plainNeeds.find((n) => n.id === last.needId) as EngineNeed;
    const verdict = (need: EngineNeed) => {
      const v = explainEach(store, [need], e.id)[0];
      if (v.excluded) throw new Error('the need is not met');
      return v;
    };
    const interestRow = (need: EngineNeed) =>
      verdict(need).contributions.find((c) => c.feature === 'interest');

    // another expert shows interest: the interest row applies at 0, the other weights scaled down
    const others = { ...plain, interested: ['6a0000000000000000000abc'] };
    b.upsert(others);
    const [byOthers] = recommendNeeds(b, store, e.id, { accept: (id) => id === plain.id });
    expect(byOthers.score).toBe(verdict(others).score);
    expect(interestRow(others)).toMatchObject({ value: 0, points: 0 });

    // the expert shows interest: the bonus lifts the need
    const mine = { ...plain, interested: ['6a0000000000000000000abc', e.id] };
    b.upsert(mine);
    const lifted = recommendNeeds(b, store, e.id);
    const [fit] = explainNeedFits(b, store, e.id, [plain.id]);
    expect(fit.score).toBe(verdict(mine).score);
    expect(fit.contributions).toEqual(verdict(mine).contributions);
    expect(interestRow(mine)).toMatchObject({ value: 1 });
    expect(lifted.find((g) => g.needId === plain.id)?.score).toBe(fit.score);
    expect(fit.score).toBeGreaterThan(last.score);
    // withdrawn, and then the need removed: nothing of the interest stays behind
    b.upsert(plain);
    expect(recommendNeeds(b, store, e.id)).toEqual(fits);
    b.upsert(mine);
    b.remove(plain.id);
    expect(b.interestSlotsOf(e.id)).toBeUndefined();
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
