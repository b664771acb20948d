import { createHash } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../../lib/config';
import { ObjectIdString } from '../../lib/schemas';

/** The `email` queue's contract, shared by the API (producer) and the worker (processor). */
export const EMAIL_QUEUE = 'email';

/**
 * How many outbox messages one delivery job carries at most. BullMQ's own work per job (several Redis
 * round trips, a lock, events) costs more than sending a message through a pooled SMTP connection, so
 * messages go in batches; a message that cannot be sent at once leaves its batch for a job of its own.
 */
export const EMAIL_BATCH_SIZE = 50;

/**
 * One message: its own attempts and backoff. A batch hands a message that failed transiently (or that
 * an earlier attempt may still be sending) to such a job; jobs of this shape queued before batches
 * existed are still delivered.
 */
export const EmailJobData = z.object({ outboxId: ObjectIdString }).strict();
export type EmailJobData = z.infer<typeof EmailJobData>;

/** A batch of messages, each delivered (or handed to a job of its own) independently of the others. */
export const EmailBatchJobData = z
  .object({ outboxIds: z.array(ObjectIdString).min(1).max(EMAIL_BATCH_SIZE) })
  .strict();
export type EmailBatchJobData = z.infer<typeof EmailBatchJobData>;

/** Only outbox ids travel through Redis; the processor reloads everything else from MongoDB. */
export const EmailQueueJobData = z.union([EmailJobData, EmailBatchJobData]);
export type EmailQueueJobData = z.infer<typeof EmailQueueJobData>;

/**
 * Job ids never are all digits (BullMQ reserves those) and have no ':'. A single message's job is
 * named after its outbox id (`email-<id>`, as before batches; `email-<id>-<from>` when a batch hands it
 * on), a batch's after its first id and a digest of all of them, so adding the same batch twice while
 * its job exists is a no-op. The outbox record keeps the id of the job responsible for it (`jobId`).
 */
export const emailJobId = (outboxId: string, from?: string): string =>
  from ? `email-${outboxId}-${from}` : `email-${outboxId}`;

export function emailBatchJobId(outboxIds: string[]): string {
  const digest = createHash('sha256').update(outboxIds.join(',')).digest('hex').slice(0, 16);
  return `emails-${outboxIds[0]}-${digest}`;
}

/** The job of its own a batch hands a message to, named after the batch (a rerun of it adds nothing new). */
export const handOffJobId = (outboxId: string, batchJobId: string): string =>
  emailJobId(outboxId, batchJobId.split('-').pop());

/** The job responsible for an outbox record: the one it names, or (records from before batches) its own. */
export const jobOfRecord = (record: { _id: unknown; jobId?: string | null }): string =>
  record.jobId ?? emailJobId(String(record._id));

/** Whether a job carries one message alone (a batch's id starts `emails-`). */
export const isSingleMessageJob = (jobId: string): boolean => jobId.startsWith('email-');

/** Attempts and exponential backoff come from config; finished jobs are kept a while for inspection. */
export function emailJobOptions(config: Pick<Config, 'mail'>, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: config.mail.maxAttempts,
    backoff: { type: 'exponential', delay: config.mail.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Adds the delivery job of one outbox record (idempotent through its job id). */
export function addEmailJob(
  queue: Queue<EmailQueueJobData>,
  config: Pick<Config, 'mail'>,
  outboxId: string,
  options: { jobId?: string; delayMs?: number; attempts?: number; backoffMs?: number } = {},
) {
  const defaults = emailJobOptions(config, options.jobId ?? emailJobId(outboxId));
  return queue.add('send', EmailJobData.parse({ outboxId }), {
    ...defaults,
    delay: options.delayMs,
    attempts: options.attempts ?? defaults.attempts,
    backoff: { type: 'exponential', delay: options.backoffMs ?? config.mail.backoffMs },
  });
}

/** Adds one job for a batch of outbox records (idempotent through its job id). */
export function addEmailBatchJob(
  queue: Queue<EmailQueueJobData>,
  config: Pick<Config, 'mail'>,
  outboxIds: string[],
  jobId = emailBatchJobId(outboxIds),
) {
  return queue.add('send-batch', EmailBatchJobData.parse({ outboxIds }), emailJobOptions(config, jobId));
}
