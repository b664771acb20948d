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

/** The ids of this queue's job schedulers. */
const DIGEST_SCHEDULER = 'daily-digest';
const SWEEP_SCHEDULER = 'overdue-sweep';

/** The daily coordinator digest, in the office's time zone. */
export async function scheduleDailyDigest(
  ctx: QueueContext,
  when: { pattern: string; tz: string },
): Promise<void> {
  const data: OfferDeadlineJobData = { kind: 'digest' };
  await queueOf(ctx).upsertJobScheduler(DIGEST_SCHEDULER, when, { name: 'digest', data });
}

/** The sweep for overdue offers and lost reminders, every `everyMs`. */
export async function scheduleOverdueSweep(ctx: QueueContext, everyMs: number): Promise<void> {
  const data: OfferDeadlineJobData = { kind: 'sweep' };
  await queueOf(ctx).upsertJobScheduler(SWEEP_SCHEDULER, { every: everyMs }, { name: 'sweep', data });
}

/** Whether the digest and sweep schedulers are still in Redis (a restart without persistence loses them). */
export async function deadlineSchedulersPresent(ctx: QueueContext): Promise<boolean> {
  const queue = queueOf(ctx);
  const found = await Promise.all([DIGEST_SCHEDULER, SWEEP_SCHEDULER].map((id) => queue.getJobScheduler(id)));
  return found.every(Boolean);
}

/** One open offer's deadlines, as the match records them. */
export interface OfferDeadlineTimes {
  matchId: string;
  offeredAt: Date;
  remindAt: Date;
  expiresAt: Date;
  /** The reminder went out already: only the expiry is (re)scheduled. */
  reminded?: boolean;
}

/**
 * The delayed jobs of one offer. Job ids name the match and the offer's time, so adding them again
 * while they exist (or after they ran and are still kept) adds nothing; a past time runs at once.
 */
function deadlineJobs(offer: OfferDeadlineTimes, now: number) {
  const { matchId } = offer;
  const stamp = offer.offeredAt.getTime();
  const expire = {
    name: 'expire',
    data: { kind: 'expire', matchId } as OfferDeadlineJobData,
    opts: { jobId: `expire-${matchId}-${stamp}`, delay: Math.max(0, offer.expiresAt.getTime() - now) },
  };
  if (offer.reminded) return [expire];
  const remind = {
    name: 'remind',
    data: { kind: 'remind', matchId } as OfferDeadlineJobData,
    opts: { jobId: `remind-${matchId}-${stamp}`, delay: Math.max(0, offer.remindAt.getTime() - now) },
  };
  return [remind, expire];
}

/**
 * Schedules the reminder and the expiry of one offer; scheduling twice is harmless. Redis being down
 * is logged, not thrown: the sweep expires overdue offers anyway, the worker restores the jobs when
 * Redis comes back, and the processors check the recorded state before acting.
 */
export async function scheduleOfferDeadlines(
  ctx: QueueContext,
  matchId: string,
  offeredAt: Date,
  times: { remindAt: Date; expiresAt: Date },
): Promise<void> {
  try {
    await queueOf(ctx).addBulk(deadlineJobs({ matchId, offeredAt, ...times }, Date.now()));
  } catch (err) {
    ctx.logger.warn(
      { matchId, err: (err as Error).message },
      'offer deadlines not scheduled; the sweep will',
    );
  }
}

/** Adds the delayed jobs of these open offers again, with the same job ids; throws when Redis fails. */
export async function restoreOfferDeadlines(ctx: QueueContext, offers: OfferDeadlineTimes[]): Promise<void> {
  if (offers.length === 0) return;
  const now = Date.now();
  await queueOf(ctx).addBulk(offers.flatMap((offer) => deadlineJobs(offer, now)));
}
