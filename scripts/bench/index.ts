import { assignmentBench } from './assignment.bench';
import type { BenchModule } from './bench-report';
import { matchingBench } from './matching.bench';

/**
 * Benchmark runner: `npm run bench` runs every module; `npm run bench -- matching` only those whose name
 * contains an argument. Add a module by importing it and listing it below.
 */
const modules: BenchModule[] = [matchingBench, assignmentBench];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const m of modules) {
    if (only.length > 0 && !only.some((o) => m.name.includes(o))) continue;
    console.log(`\n== ${m.name} ==`);
    await m.run();
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`\n  peak memory (max RSS of the whole run): ${peakMb.toFixed(0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
