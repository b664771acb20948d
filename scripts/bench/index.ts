import { loadavg } from 'node:os';
import { assignmentBench } from './assignment.bench';
import type { BenchModule } from './bench-report';
import { emailBench } from './email.bench';
import { listsBench } from './lists.bench';
import { matchingBench } from './matching.bench';
import { reverseRankingBench } from './reverse-ranking.bench';
import { storeBench } from './store.bench';
import { workflowBench } from './workflow.bench';

/**
 * Benchmark runner: `npm run bench` runs every module; `npm run bench -- matching` only those whose name
 * contains an argument. Add a module by importing it and listing it below.
 */
const modules: BenchModule[] = [
  matchingBench,
  storeBench,
  reverseRankingBench,
  assignmentBench,
  workflowBench,
  emailBench,
  listsBench,
];

/** The machine is shared: figures only mean something beside the load they were measured under. */
const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const m of modules) {
    if (only.length > 0 && !only.some((o) => m.name.includes(o))) continue;
    console.log(`\n== ${m.name} ==   (load average ${loadAverage()})`);
    await m.run();
    console.log(`  (load average at the end: ${loadAverage()})`);
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`\n  peak memory (max RSS of the whole run): ${peakMb.toFixed(0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
