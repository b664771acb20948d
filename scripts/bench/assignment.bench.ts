import { assignBatch } from '../../src/modules/ranking/engine';
import { toFlowProblem } from '../../src/modules/ranking/engine/assign-batch';
import { type Family, makeAssignInstance } from './assignment-instances';
import { type BenchModule, report, timeMs } from './bench-report';
import { lpOptimumMilli } from './lp-optimum';
import { seededRng } from './synthetic-data';

/** Exact batch assignment on the plentiful and scarce families; the 25k instances are checked against HiGHS. */
const TARGETS: Record<string, number> = { 'plentiful 250k': 500, 'scarce 250k': 2000, 'scarce 1M': 12000 };

export const assignmentBench: BenchModule = {
  name: 'batch assignment (exact min-cost flow vs greedy)',
  async run() {
    for (const family of ['plentiful', 'scarce'] as Family[]) {
      for (const [label, edges] of [
        ['25k', 25_000],
        ['250k', 250_000],
        ['1M', 1_000_000],
      ] as const) {
        const instance = makeAssignInstance(seededRng(edges + (family === 'scarce' ? 1 : 0)), family, edges);
        const cpu = process.cpuUsage();
        const [result, ms] = timeMs(() => assignBatch(instance));
        const cpuS = (process.cpuUsage(cpu).user / 1e6).toFixed(2);
        const key = `${family} ${label}`;
        const target = TARGETS[key];
        report(
          `exact assignment, ${key} edges (${instance.experts.length} experts)`,
          `${(ms / 1000).toFixed(2)} s (CPU ${cpuS})`,
          target ? `≤ ${target / 1000} s` : '—',
          target ? ms <= target : undefined,
        );
        report(`  greedy total / optimum, ${key}`, (result.greedy.total / result.total).toFixed(4));
        if (label === '25k') {
          const lp = await lpOptimumMilli(toFlowProblem(instance).problem);
          const same = lp === Math.round(result.total * 1000);
          report(
            `  HiGHS LP optimum equals the flow's, ${key}`,
            same ? 'equal' : `LP ${lp / 1000}`,
            'equal',
            same,
          );
        }
      }
    }
  },
};
