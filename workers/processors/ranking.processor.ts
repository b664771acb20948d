import { type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import { proposeNext } from '../../src/modules/matches/rerouting.service';
import { runBatch } from '../../src/modules/ranking/batch.service';
import { MatchingJobData } from '../../src/modules/ranking/ranking.jobs';
import { rankNeed, refreshForExpert } from '../../src/modules/ranking/ranking.service';

/** The `matching` queue: rank one need, or run the batch assignment. */
export async function processMatchingJob(ctx: Context, job: Job<unknown>): Promise<string> {
  const parsed = MatchingJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid matching job data: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  if (data.kind === 'rank') {
    const snapshot = await rankNeed(ctx, data.needId);
    if (!snapshot) return 'not matchable';
    const proposed = data.reroute ? await proposeNext(data.needId) : [];
    return `ranked ${snapshot.candidates.length}, proposed ${proposed.length}`;
  }
  if (data.kind === 'expert') {
    const refreshed = await refreshForExpert(ctx, data.expertId);
    return `re-ranked ${refreshed.length} needs`;
  }
  // The nightly scheduler's jobs all say "scheduled"; each of its runs is named by its own job.
  const runId = data.runId === 'scheduled' ? `nightly-${job.timestamp}` : data.runId;
  const run = await runBatch(ctx, runId);
  return run ? `batch ${run.status}` : 'batch already done';
}
