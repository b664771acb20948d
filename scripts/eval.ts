import { EvalSetError } from '../test/ranking/eval/eval-set';
import { type EvalReport, type NeedResult, runEval } from '../test/ranking/eval/run-eval';

/**
 * `npm run eval`: ranks the evaluation set's needs (test/ranking/eval/) and prints, per need, the top 5
 * with scores, the expected experts missing from it and the excluded experts that were ranked; then the
 * overall figures beside their targets. Exit code 1 when a target is missed or the set does not resolve.
 */

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printNeed(n: NeedResult): void {
  const mark = n.violations.length > 0 ? '✗' : n.hit ? '✓' : '·';
  console.log(`\n${mark} ${n.key} ${n.title}   (ranked ${n.ranked}, NDCG@5 ${n.ndcg.toFixed(2)})`);
  const top = n.top.map((t, i) => `${i + 1}. ${t.key} ${t.name} ${t.score.toFixed(1)}`).join('   ');
  console.log(`    top 5: ${top || '(none)'}`);
  for (const m of n.misses) {
    const where = m.rank ? `ranked #${m.rank}` : m.engineSays ? `excluded: ${m.engineSays}` : 'not ranked';
    console.log(`    miss: ${m.key} ${m.name} (${m.expectedBecause}) — ${where}`);
  }
  for (const v of n.violations) {
    const where = [v.rank ? `ranked #${v.rank}` : '', v.explainScored ? 'explain() scores them' : '']
      .filter(Boolean)
      .join(', ');
    console.log(`    VIOLATION: ${v.key} ${v.name} must be excluded (${v.excludedBecause}) — ${where}`);
  }
  for (const o of n.orderViolations) {
    const [a, b] = o.ranks;
    console.log(`    order: ${o.higher} (#${a ?? '–'}) should rank above ${o.lower} (#${b}) — ${o.because}`);
  }
}

function printOverall(r: EvalReport): void {
  const o = r.overall;
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  console.log(`\n== overall: ${o.needs} needs, ${o.experts} experts ==`);
  console.log(
    `  hit@5                 ${pct(o.hitAt5).padStart(7)}   target ≥ ${pct(r.targets.hitAt5)}   ${ok(o.hitAt5 >= r.targets.hitAt5)}`,
  );
  console.log(
    `  exclusion violations  ${String(o.exclusionViolations).padStart(7)}   target = ${r.targets.exclusionViolations}        ${ok(o.exclusionViolations <= r.targets.exclusionViolations)}`,
  );
  console.log(`  all-expected@5        ${pct(o.allExpectedAt5).padStart(7)}`);
  console.log(`  NDCG@5                ${o.ndcgAt5.toFixed(3).padStart(7)}`);
  console.log(`  order violations      ${String(o.orderViolations).padStart(7)}`);
}

function main(): number {
  let report: EvalReport;
  try {
    report = runEval();
  } catch (err) {
    if (!(err instanceof EvalSetError)) throw err;
    console.error(`The evaluation set does not resolve (${err.problems.length} problems):`);
    for (const p of err.problems) console.error(`  ${p}`);
    return 1;
  }
  for (const n of report.needs) printNeed(n);
  printOverall(report);
  return report.passed ? 0 : 1;
}

process.exitCode = main();
