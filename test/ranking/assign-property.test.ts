import fc from 'fast-check';
import { assignBatch } from '../../src/modules/ranking/engine';

interface Small {
  slots: number[];
  caps: number[];
  edges: Array<{ n: number; e: number; score: number; priority: boolean }>;
  excluded: Array<[number, number]>;
}

const small: fc.Arbitrary<Small> = fc
  .record({
    slots: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
    caps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    priority: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    raw: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 100000 })), { maxLength: 11 }),
    rawExcluded: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  })
  .map(({ slots, caps, priority, raw, rawExcluded }) => ({
    slots,
    caps,
    // scores in thousandths, as the engine produces them; duplicates of a pair are allowed
    edges: raw.map(([n, e, s]) => ({
      n: n % slots.length,
      e: e % caps.length,
      score: s / 1000,
      priority: priority[n % slots.length],
    })),
    excluded: rawExcluded.map(([n, e]) => [n % slots.length, e % caps.length] as [number, number]),
  }));

const FACTOR = 1.5;
const weightOf = (x: Small['edges'][number]) =>
  Math.round(Math.round(x.score * 1000) * (x.priority ? FACTOR : 1));

/** Tries every subset of edges: the optimum, in milli-points. */
function bruteForce(x: Small): number {
  const banned = new Set(x.excluded.map(([n, e]) => `${n}/${e}`));
  let best = 0;
  for (let mask = 0; mask < 1 << x.edges.length; mask++) {
    const slots = [...x.slots];
    const caps = [...x.caps];
    const pairs = new Set<string>();
    let total = 0;
    let ok = true;
    x.edges.forEach((edge, k) => {
      if (!ok || (mask & (1 << k)) === 0) return;
      const key = `${edge.n}/${edge.e}`;
      if (banned.has(key) || pairs.has(key) || --slots[edge.n] < 0 || --caps[edge.e] < 0) ok = false;
      pairs.add(key);
      total += weightOf(edge);
    });
    if (ok && total > best) best = total;
  }
  return best;
}

function run(x: Small) {
  return assignBatch({
    needs: x.slots.map((s, n) => ({
      id: `n${n}`,
      wanted: s + 1,
      engaged: 1,
      priority: x.edges.find((e) => e.n === n)?.priority,
    })),
    experts: x.caps.map((c, e) => ({ id: `e${e}`, capacity: c })),
    edges: x.edges.map((edge) => ({ needId: `n${edge.n}`, expertId: `e${edge.e}`, score: edge.score })),
    priorityFactor: FACTOR,
    exclude: x.excluded.map(([n, e]) => ({ needId: `n${n}`, expertId: `e${e}` })),
  });
}

describe('batch assignment on small random instances', () => {
  it('when compared with brute force, then the total is the optimum and every constraint holds', () => {
    fc.assert(
      fc.property(small, (x) => {
        const result = run(x);
        expect(Math.round(result.total * 1000)).toBe(bruteForce(x));
        for (const outcome of [result, result.greedy]) {
          const perNeed = new Map<string, number>();
          const perExpert = new Map<string, number>();
          const pairs = new Set<string>();
          for (const m of outcome.matches) {
            perNeed.set(m.needId, (perNeed.get(m.needId) ?? 0) + 1);
            perExpert.set(m.expertId, (perExpert.get(m.expertId) ?? 0) + 1);
            const key = `${m.needId}/${m.expertId}`;
            expect(pairs.has(key)).toBe(false);
            pairs.add(key);
            expect(x.excluded.some(([n, e]) => `n${n}/e${e}` === key)).toBe(false);
            expect(x.edges.some((edge) => `n${edge.n}/e${edge.e}` === key)).toBe(true);
          }
          for (const [id, k] of perNeed) expect(k).toBeLessThanOrEqual(x.slots[Number(id.slice(1))]);
          for (const [id, k] of perExpert) expect(k).toBeLessThanOrEqual(x.caps[Number(id.slice(1))]);
        }
        expect(result.greedy.total).toBeLessThanOrEqual(result.total);
      }),
      { numRuns: 400, seed: 4 },
    );
  });

  it('when run twice on the same input, then the matches are identical', () => {
    fc.assert(
      fc.property(small, (x) => {
        expect(run(x).matches).toEqual(run(x).matches);
      }),
      { numRuns: 50, seed: 5 },
    );
  });

  it('when a scarce expert suits a priority need and a plain need equally, then the priority need gets them', () => {
    const result = assignBatch({
      needs: [
        { id: 'plain', wanted: 1 },
        { id: 'key', wanted: 1, priority: true },
      ],
      experts: [{ id: 'x', capacity: 1 }],
      edges: [
        { needId: 'plain', expertId: 'x', score: 80 },
        { needId: 'key', expertId: 'x', score: 70 },
      ],
      priorityFactor: 1.5,
    });
    expect(result.matches.map((m) => m.needId)).toEqual(['key']);
    expect(result.total).toBe(105);
  });
});
