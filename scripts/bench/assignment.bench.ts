import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { toFlowProblem } from '../../src/modules/ranking/engine/assign-batch';
import { exactAssignment } from '../../src/modules/ranking/engine/exact-assignment';
import type { FlowProblem } from '../../src/modules/ranking/engine/flow-graph';
import { greedyAssignment } from '../../src/modules/ranking/engine/greedy-assignment';
import { maxWeightAssignment } from '../../src/modules/ranking/engine/min-cost-flow';
import { type Family, makeAssignInstance } from './assignment-instances';
import { type BenchModule, report, timeMs } from './bench-report';
import { lpOptimumMilli } from './lp-optimum';
import { seededRng } from './synthetic-data';

/**
 * Exact batch assignment on the plentiful and scarce families, the current solver (successive shortest
 * paths) beside the new one (shortest paths, then cost scaling for the scarce tail), solver time only; the
 * 25k instances are checked against HiGHS. The 5M instances run in child processes with a 1.5 GB heap
 * limit, so their peak memory (max RSS, instance generation included) is theirs alone.
 */
const TARGET_S: Record<string, number> = {
  'plentiful 250k': 0.5,
  'scarce 250k': 2,
  'scarce 1M': 3,
  'plentiful 5M': 20,
  'scarce 5M': 20,
};
const MEMORY_MB = 1536;
/** The current solver is stopped past this on the 5M instances (its scarce tail grows with the square). */
const CHILD_TIMEOUT_S = 300;

const SOLVERS = [
  { name: 'current (shortest paths)', solve: maxWeightAssignment, child: 'shortest-paths' },
  { name: 'new (paths + cost scaling)', solve: exactAssignment, child: 'exact' },
] as const;

const weightOf = (p: FlowProblem, chosen: Uint8Array) => {
  let total = 0;
  for (let k = 0; k < chosen.length; k++) if (chosen[k] === 1) total += p.edgeWeight[k];
  return total;
};

function timeLabel(key: string, seconds: number, cpuS: number): [string, string, boolean | undefined] {
  const target = TARGET_S[key];
  return [
    `${seconds.toFixed(2)} s (CPU ${cpuS.toFixed(2)})`,
    target ? `≤ ${target} s` : '—',
    target ? seconds <= target : undefined,
  ];
}

async function inProcess(family: Family, label: string, edges: number): Promise<void> {
  const instance = makeAssignInstance(seededRng(edges + (family === 'scarce' ? 1 : 0)), family, edges);
  const { problem } = toFlowProblem(instance);
  const key = `${family} ${label}`;
  const totals: number[] = [];
  for (const solver of SOLVERS) {
    const cpu = process.cpuUsage();
    const [chosen, ms] = timeMs(() => solver.solve(problem));
    const cpuS = process.cpuUsage(cpu).user / 1e6;
    totals.push(weightOf(problem, chosen));
    report(`exact assignment, ${key} edges, ${solver.name}`, ...timeLabel(key, ms / 1000, cpuS));
  }
  report(
    `  both solvers reach the same total, ${key}`,
    totals[0] === totals[1] ? 'equal' : totals.join(' ≠ '),
    'equal',
    totals[0] === totals[1],
  );
  report(
    `  greedy total / optimum, ${key}`,
    (weightOf(problem, greedyAssignment(problem)) / totals[1]).toFixed(4),
  );
  if (label === '25k') {
    const lp = await lpOptimumMilli(problem);
    report(
      `  HiGHS LP optimum equals the new solver's, ${key}`,
      lp === totals[1] ? 'equal' : `LP ${lp / 1000}`,
      'equal',
      lp === totals[1],
    );
  }
}

function inChild(family: Family, edges: number): void {
  const key = `${family} 5M`;
  const totals: number[] = [];
  for (const solver of SOLVERS) {
    const run = spawnSync(
      process.execPath,
      [
        `--max-old-space-size=${MEMORY_MB}`,
        '--import',
        'tsx',
        join(__dirname, 'assignment-child.ts'),
        family,
        String(edges),
        solver.child,
      ],
      { encoding: 'utf8', timeout: CHILD_TIMEOUT_S * 1000, maxBuffer: 1 << 20 },
    );
    const line = run.stdout?.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) {
      const why = run.signal
        ? `stopped after ${CHILD_TIMEOUT_S} s`
        : `failed (${run.stderr?.trim().split('\n').pop()})`;
      report(`exact assignment, ${key} edges, ${solver.name}`, why, `≤ ${TARGET_S[key]} s`, false);
      continue;
    }
    const out = JSON.parse(line) as { ms: number; cpuS: number; total: number; peakRssMb: number };
    totals.push(out.total);
    report(`exact assignment, ${key} edges, ${solver.name}`, ...timeLabel(key, out.ms / 1000, out.cpuS));
    report(
      `  peak memory (max RSS, instance included), ${key}`,
      `${out.peakRssMb.toFixed(0)} MB`,
      `≤ ${MEMORY_MB} MB`,
      out.peakRssMb <= MEMORY_MB,
    );
  }
  if (totals.length === 2) {
    report(
      `  both solvers reach the same total, ${key}`,
      totals[0] === totals[1] ? 'equal' : totals.join(' ≠ '),
      'equal',
      totals[0] === totals[1],
    );
  }
}

export const assignmentBench: BenchModule = {
  name: 'batch assignment (exact: current vs new solver, greedy beside)',
  async run() {
    for (const family of ['plentiful', 'scarce'] as Family[]) {
      for (const [label, edges] of [
        ['25k', 25_000],
        ['250k', 250_000],
        ['1M', 1_000_000],
      ] as const) {
        await inProcess(family, label, edges);
      }
      inChild(family, 5_000_000);
    }
  },
};
