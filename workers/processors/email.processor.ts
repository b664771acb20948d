import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import { EmailQueueJobData } from '../../src/modules/email/email.jobs';
import { emailQueue } from '../../src/modules/email/email.service';
import {
  type BatchOutcome,
  deliverOutboxBatch,
  deliverOutboxEmail,
  HeldBackError,
  PermanentEmailError,
} from '../../src/modules/email/email-delivery.service';
import { createEmailSender, type EmailSender } from '../../src/modules/email/email-sender';
import { startOutboxReconciler } from '../../src/modules/email/outbox-reconciler';
import type { StartedQueue } from '../started-queue';

/**
 * The `email` queue: parse the job (a bad payload is never retried) and deliver through the outbox
 * service. A batch job delivers its messages and hands those that need another try to jobs of their
 * own, logging one line for the batch. A single-message job (such a hand-off, or a job queued before
 * batches) tells BullMQ which failures are worth a retry; a message held back (an earlier attempt may
 * still be sending it) goes back to the delayed set until its grace period ends, without using up an
 * attempt.
 */
export async function processEmailJob(
  sender: EmailSender,
  job: Job<unknown>,
  token?: string,
): Promise<'sent' | 'skipped' | BatchOutcome> {
  const parsed = EmailQueueJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid email job data: ${parsed.error.issues[0]?.message}`);
  if ('outboxIds' in parsed.data) {
    const outcome = await deliverOutboxBatch(sender, parsed.data.outboxIds, String(job.id));
    const counts = Object.fromEntries(Object.entries(outcome).map(([k, ids]) => [k, ids.length]));
    sender.logger.info({ jobId: job.id, ...counts }, 'email batch delivered');
    return outcome;
  }
  const { outboxId } = parsed.data;
  // attemptsMade counts the attempts already finished, so this one is the last when it reaches the limit.
  const isLast = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  try {
    const result = await deliverOutboxEmail(sender, outboxId, { isLast });
    sender.logger.info({ jobId: job.id, outboxId, result }, 'email delivered');
    return result;
  } catch (err) {
    if (err instanceof PermanentEmailError) throw new UnrecoverableError(err.message);
    if (err instanceof HeldBackError) {
      sender.logger.info({ jobId: job.id, until: err.until }, 'email held back');
      await job.moveToDelayed(err.until.getTime(), token);
      throw new DelayedError();
    }
    throw err;
  }
}

/**
 * The email queue's start in the worker process: one sender (one SMTP pool, templates compiled once,
 * outbox writes batched) for its jobs, EMAIL_CONCURRENCY of them at once, and the outbox reconciler,
 * now and every OUTBOX_RECONCILE_INTERVAL_MS, re-queueing through the process's queue producers.
 */
export async function startEmailQueue(ctx: Context): Promise<StartedQueue> {
  const sender = createEmailSender({
    config: ctx.config,
    logger: ctx.logger.child({ module: 'email' }),
    queue: emailQueue(ctx),
  });
  const reconciler = startOutboxReconciler(ctx, { intervalMs: ctx.config.mail.reconcileIntervalMs });
  return {
    processor: (job, token) => processEmailJob(sender, job, token),
    // Deliveries mostly wait on SMTP and MongoDB; many at once also fill the outbox batches.
    concurrency: ctx.config.mail.concurrency,
    stop: {
      name: 'email',
      run: async () => {
        await reconciler.stop();
        await sender.close();
      },
    },
  };
}
