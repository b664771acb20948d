import type { Context } from '../../src/context';
import {
  deadlineSchedulersPresent,
  scheduleDailyDigest,
  scheduleOverdueSweep,
} from '../../src/modules/matches/offer-deadlines.jobs';
import { restoreOpenOfferDeadlines } from '../../src/modules/matches/offer-sweep.service';
import { nightlyBatchScheduled, scheduleNightlyBatch } from '../../src/modules/ranking/ranking.jobs';

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Worker-process start for the match workflow: keeps the repeating jobs scheduled — the nightly
 * batch assignment and the daily digest in the talent office's time zone, and the sweep for overdue
 * offers — and every open offer's reminder and expiry jobs. All of it is idempotent (upsertJobScheduler,
 * deterministic job ids), so running it at every start, and whenever the schedule keeper finds Redis
 * lost them, restores what a Redis restart without persistence took.
 */
export async function startWorkflowSchedules(ctx: Context): Promise<{ offers: number }> {
  const { batchCron, digestCron, timeZone } = ctx.config.workflow;
  await scheduleNightlyBatch(ctx, { pattern: batchCron, tz: timeZone });
  await scheduleDailyDigest(ctx, { pattern: digestCron, tz: timeZone });
  await scheduleOverdueSweep(ctx, SWEEP_EVERY_MS);
  return { offers: await restoreOpenOfferDeadlines(ctx) };
}

/** Whether Redis still holds every scheduler startWorkflowSchedules made (none survive an empty restart). */
export async function workflowSchedulesPresent(ctx: Context): Promise<boolean> {
  const [batch, deadlines] = await Promise.all([nightlyBatchScheduled(ctx), deadlineSchedulersPresent(ctx)]);
  return batch && deadlines;
}
