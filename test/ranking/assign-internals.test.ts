import fc from 'fast-check';
import { greedyOrder } from '../../src/modules/ranking/engine/greedy-assignment';
import { PairTable } from '../../src/modules/ranking/engine/pair-table';

const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2_000_000 })), {
  maxLength: 300,
});

describe('assignment internals', () => {
  it('when pairs are stored in the typed pair table, then it answers as a Map does', () => {
    fc.assert(
      fc.property(pairs, pairs, (stored, probed) => {
        const table = new PairTable(stored.length);
        const map = new Map<string, number>();
        stored.forEach(([n, e], k) => {
          const key = `${n}/${e}`;
          expect(table.getOrSet(n, e, k)).toBe(map.get(key) ?? -1);
          if (!map.has(key)) map.set(key, k);
        });
        for (const [n, e] of [...stored, ...probed]) expect(table.get(n, e)).toBe(map.get(`${n}/${e}`) ?? -1);
      }),
      { numRuns: 200, seed: 41 },
    );
  });

  it('when edges are ordered for greedy, then the order is the comparator sort (weight desc, need, expert)', () => {
    const weight = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2_000_000_000 }));
    const edges = fc.uniqueArray(
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 70_000 }), weight),
      { maxLength: 400, selector: ([n, e]) => `${n}/${e}` }, // pairs are unique after de-duplication
    );
    fc.assert(
      fc.property(edges, (list) => {
        const need = Int32Array.from(list, (x) => x[0]);
        const expert = Int32Array.from(list, (x) => x[1]);
        const w = Int32Array.from(list, (x) => x[2]);
        const expected = list
          .map((_, k) => k)
          .sort((a, b) => w[b] - w[a] || need[a] - need[b] || expert[a] - expert[b]);
        expect([...greedyOrder(need, expert, w)]).toEqual(expected);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
