import fc from 'fast-check';
import { type Family, makeAssignInstance } from '../../scripts/bench/assignment-instances';
import { seededRng } from '../../scripts/bench/synthetic-data';
import { toFlowProblem } from '../../src/modules/ranking/engine/assign-batch';
import { costScaling } from '../../src/modules/ranking/engine/cost-scaling';
import { exactAssignment } from '../../src/modules/ranking/engine/exact-assignment';
import { buildFlowGraph, type FlowProblem } from '../../src/modules/ranking/engine/flow-graph';
import { maxWeightAssignment, shortestPathRounds } from '../../src/modules/ranking/engine/min-cost-flow';

/** Small problems with integer weights: unique pairs, slots and capacities 0–3 (or more), ties likely. */
const problemsWith = (maxSlots: number): fc.Arbitrary<FlowProblem> =>
  fc
    .record({
      slots: fc.array(fc.integer({ min: 0, max: maxSlots }), { minLength: 1, maxLength: 7 }),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 9 }),
      raw: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 })), { maxLength: 30 }),
      scale: fc.constantFrom(1, 1000, 150_000),
    })
    .map(({ slots, capacity, raw, scale }) => {
      const seen = new Set<string>();
      const edges = raw
        .map(([n, e, w]) => [n % slots.length, e % capacity.length, w * scale] as const)
        .filter(([n, e]) => !seen.has(`${n}/${e}`) && seen.add(`${n}/${e}`) !== undefined);
      return {
        needs: slots.length,
        experts: capacity.length,
        slots: Int32Array.from(slots),
        capacity: Int32Array.from(capacity),
        edgeNeed: Int32Array.from(edges, (x) => x[0]),
        edgeExpert: Int32Array.from(edges, (x) => x[1]),
        edgeWeight: Int32Array.from(edges, (x) => x[2]),
      };
    });
const problems = problemsWith(3);

function total(p: FlowProblem, chosen: Uint8Array): number {
  let sum = 0;
  for (let k = 0; k < chosen.length; k++) if (chosen[k] === 1) sum += p.edgeWeight[k];
  return sum;
}

function expectFeasible(p: FlowProblem, chosen: Uint8Array): void {
  const perNeed = new Int32Array(p.needs);
  const perExpert = new Int32Array(p.experts);
  for (let k = 0; k < chosen.length; k++) {
    if (chosen[k] === 0) continue;
    perNeed[p.edgeNeed[k]]++;
    perExpert[p.edgeExpert[k]]++;
  }
  for (let n = 0; n < p.needs; n++) expect(perNeed[n]).toBeLessThanOrEqual(p.slots[n]);
  for (let e = 0; e < p.experts; e++) expect(perExpert[e]).toBeLessThanOrEqual(p.capacity[e]);
}

/** A generated batch of 5,000 edges. */
const batch = (family: Family, seed: number) =>
  toFlowProblem(makeAssignInstance(seededRng(seed), family, 5000)).problem;

/** Feasible, and as heavy as successive shortest paths alone make it. */
function expectOptimal(p: FlowProblem, chosen: Uint8Array): void {
  expectFeasible(p, chosen);
  expect(total(p, chosen)).toBe(total(p, maxWeightAssignment(p)));
}

/** Cost scaling from the state successive shortest paths reach after `units` units (graph edge order). */
function handOverAfter(p: FlowProblem, units: number, fixFactor?: number): Uint8Array {
  const g = buildFlowGraph(p);
  let routed = 0;
  const state =
    units === 0
      ? {
          flow: new Uint8Array(p.edgeNeed.length),
          pot: g.pot.slice(),
          used: new Int32Array(p.experts),
          left: p.slots.map((s) => Math.max(0, s)),
        }
      : shortestPathRounds(p, g, () => ++routed >= units);
  const flow = costScaling(p, g, state, 1000, fixFactor);
  const out = new Uint8Array(flow.length);
  for (let q = 0; q < flow.length; q++) out[g.original[q]] = flow[q];
  return out;
}

describe('exact assignment solvers agree', () => {
  it('when random small problems are solved, then the two-stage solver reaches the shortest-path optimum', () => {
    // hand over to cost scaling right after the first unit's Dijkstra
    fc.assert(
      fc.property(problems, (p) => {
        const chosen = exactAssignment(p, { growth: 0, early: 1, minNodes: 0 });
        expectOptimal(p, chosen);
      }),
      { numRuns: 300, seed: 61 },
    );
  });

  it('when cost scaling takes over after any number of units (none included), then the optimum is the same', () => {
    fc.assert(
      fc.property(problems, fc.integer({ min: 0, max: 12 }), (p, units) => {
        const chosen = handOverAfter(p, units);
        expectOptimal(p, chosen);
      }),
      { numRuns: 300, seed: 62 },
    );
  });

  it('when arcs are fixed at a reduced cost of one ε, then the fixed arcs are checked and the optimum is the same', () => {
    // far below the proved bound: many flows reached break ε-optimality on a fixed arc and are refined again
    fc.assert(
      fc.property(problemsWith(6), fc.integer({ min: 0, max: 12 }), (p, units) => {
        const chosen = handOverAfter(p, units, 1);
        expectOptimal(p, chosen);
      }),
      { numRuns: 300, seed: 65 },
    );
  });

  it.each([
    ['scarce', 77],
    ['plentiful', 78],
  ] as const)(
    'when arcs of a %s generated batch (seed %i) are fixed at one ε, then the check restores them and the optimum is the same',
    (family, seed) => {
      // without the check, about half of such batches end below the optimum
      const problem = batch(family, seed);
      let units = 0;
      for (let n = 0; n < problem.needs; n++) units += problem.slots[n];
      const chosen = handOverAfter(problem, units >> 1, 1);
      expectOptimal(problem, chosen);
    },
  );

  it('when needs hold up to 12 units and cost scaling starts from nothing, then the optimum is the same', () => {
    fc.assert(
      fc.property(problemsWith(12), (p) => {
        const chosen = handOverAfter(p, 0);
        expectOptimal(p, chosen);
      }),
      { numRuns: 200, seed: 64 },
    );
  });

  it.each([
    ['scarce', 71],
    ['plentiful', 72],
    ['scarce', 73],
  ] as const)(
    'when a %s generated batch (seed %i) is solved, then both solvers give the same total',
    (family, seed) => {
      const problem = batch(family, seed);
      const chosen = exactAssignment(problem);
      expectOptimal(problem, chosen);
    },
  );

  it('when the paths of a scarce batch grow midway, then cost scaling takes the rest to the same optimum', () => {
    // the default test (paths 4 × their early length) on a graph small enough to keep in a unit test
    const problem = batch('scarce', 76);
    const chosen = exactAssignment(problem, { growth: 1.5, early: 32, minNodes: 0 });
    expectOptimal(problem, chosen);
  });

  it.each([
    ['scarce', 74],
    ['plentiful', 75],
  ] as const)(
    'when cost scaling routes nearly all of a %s generated batch (seed %i), then both solvers give the same total',
    (family, seed) => {
      // thousands of nodes and spread weights: arcs are fixed between refinements and T is relabelled
      const problem = batch(family, seed);
      const chosen = exactAssignment(problem, { growth: 0, early: 1, minNodes: 0 });
      expectOptimal(problem, chosen);
    },
  );
});
