import type { Queue } from 'bullmq';
import type { Config } from '../../lib/config';
import { withTimeout } from '../../lib/db';
import type { Logger } from '../../lib/logger';
import { addEmailBatchJob, EMAIL_BATCH_SIZE, type EmailQueueJobData, emailBatchJobId } from './email.jobs';
import { OutboxEmail } from './outbox.model';
import { coalesced } from './outbox-batches';

/** How long a dispatch waits for Redis before leaving its messages to the reconciler. */
const DISPATCH_TIMEOUT_MS = 2_000;

/** Hands committed outbox records to the email queue, many to a job. */
export interface EmailDispatcher {
  /** Never throws: false when the job was not added (the reconciler will add one later). */
  dispatch(outboxId: string): Promise<boolean>;
}

/**
 * One per process (on its Context). Dispatches made while an earlier batch is on its way to Redis (the
 * emails of one step, and those of the steps running beside it) are gathered into one job of up to
 * EMAIL_BATCH_SIZE messages; a dispatch alone waits for nothing. Each record is first told which job
 * carries it (`jobId`), then the job is added: if the add never happens, the reconciler finds the
 * record pending with a job that does not exist and queues it again.
 */
export function createEmailDispatcher(deps: {
  config: Readonly<Config>;
  logger: Logger;
  queue: () => Queue<EmailQueueJobData>;
}): EmailDispatcher {
  const dispatchBatch = coalesced(async (ids: string[]) => {
    const outboxIds = [...new Set(ids)];
    const jobId = emailBatchJobId(outboxIds);
    try {
      await OutboxEmail.updateMany({ _id: { $in: outboxIds }, status: 'pending' }, { $set: { jobId } });
      await withTimeout(addEmailBatchJob(deps.queue(), deps.config, outboxIds, jobId), DISPATCH_TIMEOUT_MS);
      return ids.map(() => true);
    } catch (err) {
      deps.logger.warn(
        { jobId, count: outboxIds.length, err: (err as Error).message },
        'email job not queued; the outbox reconciler will',
      );
      return ids.map(() => false);
    }
  }, EMAIL_BATCH_SIZE);
  return { dispatch: dispatchBatch };
}
