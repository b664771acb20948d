import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../../lib/config';
import { ObjectIdString } from '../../lib/schemas';

/** The `email` queue's contract, shared by the API (producer) and the worker (processor). */
export const EMAIL_QUEUE = 'email';

/** Only the outbox id travels through Redis; the processor reloads everything else from MongoDB. */
export const EmailJobData = z.object({ outboxId: ObjectIdString }).strict();
export type EmailJobData = z.infer<typeof EmailJobData>;

/**
 * The job id is derived from the outbox id, so adding the same message twice while its job exists is a
 * no-op. The prefix keeps it from ever being all digits (BullMQ reserves those) and has no ':'.
 */
export const emailJobId = (outboxId: string): string => `email-${outboxId}`;

/** Attempts and exponential backoff come from config; finished jobs are kept a while for inspection. */
export function emailJobOptions(config: Pick<Config, 'mail'>, outboxId: string): JobsOptions {
  return {
    jobId: emailJobId(outboxId),
    attempts: config.mail.maxAttempts,
    backoff: { type: 'exponential', delay: config.mail.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Adds the delivery job of one outbox record (idempotent through its job id). */
export function addEmailJob(queue: Queue<EmailJobData>, config: Pick<Config, 'mail'>, outboxId: string) {
  return queue.add('send', EmailJobData.parse({ outboxId }), emailJobOptions(config, outboxId));
}
