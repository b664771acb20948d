import { z } from 'zod';
import type { QueueContext } from '../../lib/queue-producers';
import { ObjectIdString } from '../../lib/schemas';

/** The `expert-digests` queue: the weekly run, and one job per expert it finds. */
export const EXPERT_DIGESTS_QUEUE = 'expert-digests';

/** Monday 09:00 in the office's time zone (config.workflow.timeZone). */
export const WEEKLY_DIGEST_CRON = '0 9 * * 1';

export const DigestWeek = z.string().regex(/^\d{4}-W\d{2}$/);

export const ExpertDigestJobData = z.discriminatedUnion('kind', [
  /** Finds this week's recipients and adds one `expert` job for each. */
  z.object({ kind: z.literal('weekly') }).strict(),
  /** Sends one expert their digest of the week, unless it went already. */
  z.object({ kind: z.literal('expert'), expertId: ObjectIdString, week: DigestWeek }).strict(),
]);
export type ExpertDigestJobData = z.infer<typeof ExpertDigestJobData>;

const queueOf = (ctx: QueueContext) => ctx.queues.get<ExpertDigestJobData>(EXPERT_DIGESTS_QUEUE);
const WEEKLY_SCHEDULER = 'weekly-expert-digest';

/** The weekly run (idempotent: upsert). */
export async function scheduleWeeklyDigest(ctx: QueueContext, when: { pattern: string; tz: string }) {
  const data: ExpertDigestJobData = { kind: 'weekly' };
  await queueOf(ctx).upsertJobScheduler(WEEKLY_SCHEDULER, when, { name: 'weekly', data });
}

/** Whether Redis still holds the weekly run's scheduler (none survive an empty restart). */
export async function weeklyDigestScheduled(ctx: QueueContext): Promise<boolean> {
  return Boolean(await queueOf(ctx).getJobScheduler(WEEKLY_SCHEDULER));
}

/**
 * One job per expert for the week. The job id names the week and the expert, so a second weekly run
 * adds nothing while the first's jobs are kept; what lasts is the digest's record in MongoDB, which the
 * job checks before it sends.
 */
export async function enqueueExpertDigests(
  ctx: QueueContext,
  week: string,
  expertIds: readonly string[],
): Promise<void> {
  if (expertIds.length === 0) return;
  await queueOf(ctx).addBulk(
    expertIds.map((expertId) => ({
      name: 'expert',
      data: { kind: 'expert', expertId, week } as ExpertDigestJobData,
      opts: { jobId: `digest-${week}-${expertId}` },
    })),
  );
}
