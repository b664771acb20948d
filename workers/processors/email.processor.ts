import { type Job, UnrecoverableError } from 'bullmq';
import type { ShutdownStep } from '../../src/lib/shutdown';
import { EmailJobData } from '../../src/modules/email/email.jobs';
import { configureEmailSender, type EmailSender } from '../../src/modules/email/email.runtime';
import { deliverOutboxEmail, PermanentEmailError } from '../../src/modules/email/email-delivery.service';
import { startOutboxReconciler } from '../../src/modules/email/outbox-reconciler';
import type { WorkerStartContext } from '../worker-context';

/**
 * The `email` queue: parse the job (a bad payload is never retried), deliver through the outbox
 * service, and tell BullMQ which failures are worth a retry.
 */
export async function processEmailJob(job: Job<unknown>, sender?: EmailSender): Promise<'sent' | 'skipped'> {
  const parsed = EmailJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid email job data: ${parsed.error.issues[0]?.message}`);
  // attemptsMade counts the attempts already finished, so this one is the last when it reaches the limit.
  const isLast = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  try {
    return await deliverOutboxEmail(parsed.data.outboxId, { isLast }, sender);
  } catch (err) {
    if (err instanceof PermanentEmailError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

/**
 * Worker-process start hook: binds the sender (one SMTP pool, templates compiled once) and runs the
 * outbox reconciler now and every OUTBOX_RECONCILE_INTERVAL_MS. It re-queues through the process's
 * queue producers, which the worker process binds before any start hook runs.
 */
export async function startEmailWorker(ctx: WorkerStartContext): Promise<ShutdownStep> {
  const logger = ctx.logger.child({ module: 'email' });
  const sender = configureEmailSender({ config: ctx.config, logger });
  const reconciler = startOutboxReconciler({ intervalMs: ctx.config.mail.reconcileIntervalMs });
  return {
    name: 'email',
    run: async () => {
      await reconciler.stop();
      await sender.close();
    },
  };
}
