import type { Context } from '../../src/context';
import { scheduleDailyDigest, scheduleOverdueSweep } from '../../src/modules/matches/offer-deadlines.jobs';
import { scheduleNightlyBatch } from '../../src/modules/ranking/ranking.jobs';

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Worker-process start for the match workflow: keeps the repeating jobs scheduled — the nightly
 * batch assignment and the daily digest in the talent office's time zone, and the sweep for overdue
 * offers. upsertJobScheduler is idempotent, and running it at every start restores schedules lost
 * with Redis.
 */
export async function startWorkflowSchedules(ctx: Context): Promise<void> {
  const { batchCron, digestCron, timeZone } = ctx.config.workflow;
  await scheduleNightlyBatch(ctx, { pattern: batchCron, tz: timeZone });
  await scheduleDailyDigest(ctx, { pattern: digestCron, tz: timeZone });
  await scheduleOverdueSweep(ctx, SWEEP_EVERY_MS);
}
