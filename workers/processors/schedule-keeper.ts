import type { Context } from '../../src/context';
import { withTimeout } from '../../src/lib/db';
import {
  scheduleWeeklyDigest,
  WEEKLY_DIGEST_CRON,
  weeklyDigestScheduled,
} from '../../src/modules/digests/digests.jobs';
import {
  SERVICE_SWEEP_EVERY_MS,
  scheduleServiceSweep,
  serviceSweepScheduled,
} from '../../src/modules/services/services.jobs';
import { startWorkflowSchedules, workflowSchedulesPresent } from './workflow.start';

/** BullMQ waits for a connection that is down; a check gives up its run instead and the next one tries. */
const REDIS_TIMEOUT_MS = 5_000;

/**
 * Notices when Redis lost the workflow's schedules — restarted without persistence under a running
 * worker, or emptied — and restores them: the schedulers and every open offer's reminder and expiry
 * (startWorkflowSchedules, from MongoDB), the talent-service requests' sweep (which makes up their
 * lost reminders and escalations when they fall due) and the experts' weekly digest. It checks whenever the process's Redis connection becomes
 * ready again after a disconnect, and every `intervalMs` (a loss without a disconnect, such as a
 * failover to an empty replica, shows no 'ready'). A timer rather than a scheduler, for the reason the
 * outbox reconciler gives: a scheduler would be lost with the very Redis it guards.
 *
 * The connection watched is the context's: the restore's commands go through it, and it refuses
 * commands (no offline queue) until it is ready, so its 'ready' is when the restore can run.
 * Checks in one process never overlap; several processes restoring at once is harmless.
 */
export function startScheduleKeeper(
  ctx: Context,
  options: { intervalMs: number },
): { stop(): Promise<void> } {
  const log = ctx.logger.child({ module: 'schedule-keeper' });
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const check = (reason: string) => {
    if (stopped) return;
    running ??= (async () => {
      const present = async () =>
        (await workflowSchedulesPresent(ctx)) &&
        (await serviceSweepScheduled(ctx)) &&
        (await weeklyDigestScheduled(ctx));
      if (await withTimeout(present(), REDIS_TIMEOUT_MS)) return;
      const { offers } = await withTimeout(startWorkflowSchedules(ctx), 6 * REDIS_TIMEOUT_MS);
      await withTimeout(scheduleServiceSweep(ctx, SERVICE_SWEEP_EVERY_MS), REDIS_TIMEOUT_MS);
      const weekly = { pattern: WEEKLY_DIGEST_CRON, tz: ctx.config.workflow.timeZone };
      await withTimeout(scheduleWeeklyDigest(ctx, weekly), REDIS_TIMEOUT_MS);
      log.warn({ reason, offers }, 'workflow schedules were missing from Redis; restored');
    })()
      .catch((err) => log.warn({ reason, err: (err as Error).message }, 'schedule check failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const onReady = () => check('redis reconnected');
  ctx.redis.on('ready', onReady);
  const timer = setInterval(() => check('timer'), options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      ctx.redis.off('ready', onReady);
      await running;
    },
  };
}
