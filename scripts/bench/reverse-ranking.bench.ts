import {
  createExpertStore,
  createNeedBoard,
  explainNeedFits,
  recommendNeeds,
} from '../../src/modules/ranking/engine';
import { type BenchModule, quantile, report, timeMs } from './bench-report';
import { int, makeExpert, makeNeed, makeWorld, seededRng } from './synthetic-data';

/** The expert's "needs for me": one expert against every open need (seeded synthetic data, one core). */
const SHAPE = { counties: 400, fields: 6, subsPerField: 4, skillsPerSub: 5, employers: 2000 };
const NEEDS = 10_000;
const EXPERTS = 500;
const TARGET_MS = 5;

export const reverseRankingBench: BenchModule = {
  name: 'reverse ranking (needs for one expert)',
  run() {
    const rng = seededRng(15);
    const world = makeWorld(rng, SHAPE);
    const plain = Array.from({ length: NEEDS }, (_, n) => makeNeed(rng, world, n));
    const needIds = plain.map((n) => n.id);
    const experts = Array.from({ length: EXPERTS }, (_, n) => makeExpert(rng, world, n, needIds));
    // a need in four has three interested experts (about 15 interests per expert)
    const needs = plain.map((n, k) =>
      k % 4 === 0 ? { ...n, interested: [0, 1, 2].map(() => experts[int(rng, 0, EXPERTS - 1)].id) } : n,
    );
    const store = createExpertStore({ regions: world.regions, taxonomy: world.taxonomy, experts });
    const [board, buildMs] = timeMs(() =>
      createNeedBoard({ regions: world.regions, taxonomy: world.taxonomy, needs }),
    );
    report(
      `prepare the board of ${NEEDS / 1000}k open needs (a quarter with interests)`,
      `${buildMs.toFixed(0)} ms`,
    );
    // one untimed pass lets V8 optimise the scan; then every expert once, timed
    for (const e of experts.slice(0, 50)) recommendNeeds(board, store, e.id, { includeAtCapacity: true });
    // wall clock, and this thread's CPU time (less sensitive to other load on a shared machine)
    const cpuTimes: number[] = [];
    const runs = experts.map((e) => {
      const cpu = process.cpuUsage();
      const run = timeMs(() => recommendNeeds(board, store, e.id, { includeAtCapacity: true }));
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      return run;
    });
    const times = runs.map(([, ms]) => ms);
    const median = quantile(times, 0.5);
    report(
      `reverse ranking: all open needs (${NEEDS / 1000}k) for one expert, median`,
      `${median.toFixed(2)} ms`,
      `≤ ${TARGET_MS} ms`,
      median <= TARGET_MS,
    );
    report('  same, p90', `${quantile(times, 0.9).toFixed(2)} ms`);
    const cpu = `${quantile(cpuTimes, 0.5).toFixed(2)} / ${quantile(cpuTimes, 0.9).toFixed(2)} ms`;
    report("  same by the process's CPU time, median / p90", cpu);
    const met = runs.map(([fits]) => fits.length);
    report('  needs met per expert, median (max)', `${quantile(met, 0.5)} (${Math.max(...met)})`);
    const explained = experts.slice(0, 100).map((e) => {
      const page = recommendNeeds(board, store, e.id)
        .slice(0, 20)
        .map((f) => f.needId);
      return timeMs(() => explainNeedFits(board, store, e.id, page))[1];
    });
    report('  explanations of one page (20 needs), median', `${quantile(explained, 0.5).toFixed(2)} ms`);
    const edited = { ...makeNeed(seededRng(16), world, 0), id: needIds[123] };
    const [, upsertMs] = timeMs(() => board.upsert(edited));
    report('  one need edited (upsert) on the board', `${(upsertMs * 1000).toFixed(0)} µs`);
  },
};
