import { toFlowProblem } from '../../src/modules/ranking/engine/assign-batch';
import { exactAssignment } from '../../src/modules/ranking/engine/exact-assignment';
import { maxWeightAssignment } from '../../src/modules/ranking/engine/min-cost-flow';
import { type Family, makeAssignInstance } from './assignment-instances';
import { timeMs } from './bench-report';
import { seededRng } from './synthetic-data';

/**
 * One exact assignment in a process of its own, so its peak memory is its own and the heap limit the
 * parent sets (--max-old-space-size) applies: `assignment-child.ts <family> <edges> <exact|shortest-paths>`.
 * Prints one JSON line: solver time, CPU seconds, total weight and peak memory.
 */
const [family, edgeArg, solver] = process.argv.slice(2);
const edges = Number(edgeArg);
const instance = makeAssignInstance(
  seededRng(edges + (family === 'scarce' ? 1 : 0)),
  family as Family,
  edges,
);
const { problem } = toFlowProblem(instance);
const solve = solver === 'exact' ? exactAssignment : maxWeightAssignment;
const cpu = process.cpuUsage();
const [chosen, ms] = timeMs(() => solve(problem));
const cpuS = process.cpuUsage(cpu).user / 1e6;
let total = 0;
for (let k = 0; k < chosen.length; k++) if (chosen[k] === 1) total += problem.edgeWeight[k];
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, cpuS, total, peakRssMb, experts: problem.experts }));
