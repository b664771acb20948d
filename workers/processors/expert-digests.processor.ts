import { type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import {
  ExpertDigestJobData,
  scheduleWeeklyDigest,
  WEEKLY_DIGEST_CRON,
} from '../../src/modules/digests/digests.jobs';
import { sendWeeklyDigest, startWeeklyDigest } from '../../src/modules/digests/weekly-digest.service';
import type { StartedQueue } from '../started-queue';

/** The `expert-digests` queue: the weekly run fans out one job per expert; each reloads and decides. */
export async function processExpertDigestJob(ctx: Context, job: Job<unknown>): Promise<string> {
  const parsed = ExpertDigestJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid expert digest job data: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  switch (data.kind) {
    case 'weekly': {
      const { week, experts } = await startWeeklyDigest(ctx);
      return `${week}: ${experts} experts`;
    }
    case 'expert':
      return sendWeeklyDigest(ctx, data.expertId, data.week);
  }
}

/** At worker start: the weekly run is (re)scheduled, Monday 09:00 in the office's time zone. */
export async function startExpertDigests(ctx: Context): Promise<StartedQueue> {
  await scheduleWeeklyDigest(ctx, { pattern: WEEKLY_DIGEST_CRON, tz: ctx.config.workflow.timeZone });
  return { processor: (job) => processExpertDigestJob(ctx, job) };
}
