import { z } from 'zod';
import type { QueueContext } from '../../lib/queue-producers';
import { ObjectIdString } from '../../lib/schemas';

/** The `service-deadlines` queue: per request a delayed reminder (unit) and escalation (office), and a sweep. */
export const SERVICE_DEADLINES_QUEUE = 'service-deadlines';

export const ServiceDeadlineJobData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('remind'), requestId: ObjectIdString }).strict(),
  z.object({ kind: z.literal('escalate'), requestId: ObjectIdString }).strict(),
  /** Sends the reminders and escalations whose delayed jobs were lost (Redis restarted empty, or down). */
  z.object({ kind: z.literal('sweep') }).strict(),
]);
export type ServiceDeadlineJobData = z.infer<typeof ServiceDeadlineJobData>;

const queueOf = (ctx: QueueContext) => ctx.queues.get<ServiceDeadlineJobData>(SERVICE_DEADLINES_QUEUE);
export const SERVICE_SWEEP_SCHEDULER = 'service-deadline-sweep';
/** How often the sweep runs: a lost reminder or escalation is made up at most this late. */
export const SERVICE_SWEEP_EVERY_MS = 5 * 60_000;

/** The periodic sweep, every `everyMs` (idempotent: upsert). */
export async function scheduleServiceSweep(ctx: QueueContext, everyMs: number): Promise<void> {
  const data: ServiceDeadlineJobData = { kind: 'sweep' };
  await queueOf(ctx).upsertJobScheduler(SERVICE_SWEEP_SCHEDULER, { every: everyMs }, { name: 'sweep', data });
}

/** Whether Redis still holds the sweep's scheduler (none survive an empty restart). */
export async function serviceSweepScheduled(ctx: QueueContext): Promise<boolean> {
  return Boolean(await queueOf(ctx).getJobScheduler(SERVICE_SWEEP_SCHEDULER));
}

/**
 * The reminder and escalation jobs of one request; ids name the request, so adding them again adds
 * nothing. Redis being down is logged, not thrown: the sweep makes up for it, and the processor checks
 * the recorded state before acting.
 */
export async function scheduleServiceDeadlines(
  ctx: QueueContext,
  requestId: string,
  times: { remindAt: Date; dueAt: Date },
  now = Date.now(),
): Promise<void> {
  try {
    await queueOf(ctx).addBulk([
      {
        name: 'remind',
        data: { kind: 'remind', requestId },
        opts: { jobId: `svc-remind-${requestId}`, delay: Math.max(0, times.remindAt.getTime() - now) },
      },
      {
        name: 'escalate',
        data: { kind: 'escalate', requestId },
        opts: { jobId: `svc-escalate-${requestId}`, delay: Math.max(0, times.dueAt.getTime() - now) },
      },
    ]);
  } catch (err) {
    ctx.logger.warn(
      { requestId, err: (err as Error).message },
      'service deadlines not scheduled; the sweep will',
    );
  }
}
