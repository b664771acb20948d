import { z } from 'zod';
import type { QueueContext } from '../../lib/queue-producers';
import { ObjectIdString } from '../../lib/schemas';

/** The `offer-deadlines` queue: delayed reminder and expiry per offer, and a periodic sweep. */
export const OFFER_DEADLINES_QUEUE = 'offer-deadlines';

export const OfferDeadlineJobData = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('remind'), matchId: ObjectIdString }).strict(),
  z.object({ kind: z.literal('expire'), matchId: ObjectIdString }).strict(),
  /** Expires overdue offers and sends due reminders whose delayed jobs were lost (e.g. Redis restarted empty). */
  z.object({ kind: z.literal('sweep') }).strict(),
  /** The daily digest of stale items to coordinators. */
  z.object({ kind: z.literal('digest') }).strict(),
]);
export type OfferDeadlineJobData = z.infer<typeof OfferDeadlineJobData>;

const queueOf = (ctx: QueueContext) => ctx.queues.get<OfferDeadlineJobData>(OFFER_DEADLINES_QUEUE);

/** The daily coordinator digest, in the office's time zone. */
export async function scheduleDailyDigest(
  ctx: QueueContext,
  when: { pattern: string; tz: string },
): Promise<void> {
  const data: OfferDeadlineJobData = { kind: 'digest' };
  await queueOf(ctx).upsertJobScheduler('daily-digest', when, { name: 'digest', data });
}

/** The sweep for overdue offers and lost reminders, every `everyMs`. */
export async function scheduleOverdueSweep(ctx: QueueContext, everyMs: number): Promise<void> {
  const data: OfferDeadlineJobData = { kind: 'sweep' };
  await queueOf(ctx).upsertJobScheduler('overdue-sweep', { every: everyMs }, { name: 'sweep', data });
}

/**
 * Schedules the reminder and the expiry of one offer. Job ids name the match and the offer's time,
 * so scheduling twice is harmless. Redis being down is logged, not thrown: the sweep expires overdue
 * offers anyway, and the processors check the recorded state before acting.
 */
export async function scheduleOfferDeadlines(
  ctx: QueueContext,
  matchId: string,
  offeredAt: Date,
  times: { remindAt: Date; expiresAt: Date },
): Promise<void> {
  const stamp = offeredAt.getTime();
  const now = Date.now();
  try {
    await queueOf(ctx).addBulk([
      {
        name: 'remind',
        data: { kind: 'remind', matchId },
        opts: { jobId: `remind-${matchId}-${stamp}`, delay: Math.max(0, times.remindAt.getTime() - now) },
      },
      {
        name: 'expire',
        data: { kind: 'expire', matchId },
        opts: { jobId: `expire-${matchId}-${stamp}`, delay: Math.max(0, times.expiresAt.getTime() - now) },
      },
    ]);
  } catch (err) {
    ctx.logger.warn(
      { matchId, err: (err as Error).message },
      'offer deadlines not scheduled; the sweep will',
    );
  }
}
