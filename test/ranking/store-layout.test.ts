import { makeExpert, makeNeed, makeWorld, seededRng } from '../../scripts/bench/synthetic-data';
import {
  createExpertStore,
  type EngineExpert,
  type ExpertStore,
  rankCandidates,
} from '../../src/modules/ranking/engine';
import { decodeSlot } from '../../src/modules/ranking/engine/store-decode';

/**
 * The store keeps ids, windows, history lists and keyword bitsets in shared pools and tables: after many
 * edits and removals (slots reused, pool blocks replaced, table entries shifted) it must read back exactly
 * as a store built once from the final records.
 */
const rng = seededRng(20261129);
const world = makeWorld(rng, { counties: 30, fields: 4, subsPerField: 3, skillsPerSub: 3, employers: 12 });
const needs = Array.from({ length: 12 }, (_, n) => makeNeed(rng, world, n));
const needIds = needs.map((n) => n.id);

/** ObjectId-shaped ids mostly; some others (kept as strings) so both kinds meet in lookups and ties. */
function idOf(n: number, hex: string): string {
  if (n % 7 === 0) return `x-${n}`;
  if (n % 11 === 0) return hex.toUpperCase();
  return hex;
}

function expert(n: number, seed: number): EngineExpert {
  const e = makeExpert(seededRng(seed), world, n, needIds);
  return { ...e, id: idOf(n, e.id) };
}

const byId = (store: ExpertStore) => {
  const out = new Map<string, ReturnType<typeof decodeSlot>>();
  for (let i = 0; i < store.end; i++) {
    const id = store.side.idOf(i);
    if (id !== undefined) out.set(id, decodeSlot(store, i));
  }
  return out;
};

const idsOf = (store: ExpertStore, slots: ArrayLike<number>) =>
  Array.from(slots, (s) => store.side.idOf(s)).sort();

describe('the expert store layout', () => {
  const churned = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy });
  const latest = new Map<number, EngineExpert>();
  let seed = 1;
  for (let round = 0; round < 4; round++) {
    for (let k = 0; k < 600; k++) {
      const n = Math.floor(rng() * 900);
      if (rng() < 0.25) {
        const e = latest.get(n);
        if (e) churned.remove(e.id);
        latest.delete(n);
      } else {
        const e = expert(n, seed++);
        churned.upsert(e);
        latest.set(n, e);
      }
    }
  }
  const fresh = createExpertStore({
    regions: world.regions,
    taxonomy: world.taxonomy,
    experts: [...latest.values()],
  });

  it('when experts are edited and removed many times, then each reads back as in a store built once', () => {
    expect(churned.size).toBe(latest.size);
    expect(byId(churned)).toEqual(byId(fresh));
    for (const e of latest.values()) expect(churned.side.slotOf(e.id)).toBeDefined();
    for (let n = 0; n < 900; n++) {
      if (!latest.has(n))
        expect(churned.side.slotOf(idOf(n, `6a${n.toString(16).padStart(22, '0')}`))).toBeUndefined();
    }
    for (const employer of world.employers) {
      expect(idsOf(churned, churned.side.slotsWithEmployer(employer))).toEqual(
        idsOf(fresh, fresh.side.slotsWithEmployer(employer)),
      );
    }
    for (const id of needIds) {
      expect(idsOf(churned, churned.side.slotsClosedFor(id))).toEqual(
        idsOf(fresh, fresh.side.slotsClosedFor(id)),
      );
    }
  });

  it('when candidates tie on score, then the smaller id comes first, whatever kind of id', () => {
    for (const need of needs) {
      const ranked = rankCandidates(churned, need, { limit: 40, explain: false });
      expect(ranked).toEqual(rankCandidates(fresh, need, { limit: 40, explain: false }));
      for (let k = 1; k < ranked.length; k++) {
        const [a, b] = [ranked[k - 1], ranked[k]];
        expect(a.score > b.score || (a.score === b.score && a.expertId < b.expertId)).toBe(true);
      }
    }
  });

  it('when the store counts its bytes, then the total covers the hot columns and the side data', () => {
    const stats = fresh.memoryStats();
    expect(stats.totalBytes).toBeGreaterThan(stats.hotBytesPerExpert * fresh.size);
    expect(stats.totalBytes / fresh.size).toBeLessThan(1000);
  });
});
