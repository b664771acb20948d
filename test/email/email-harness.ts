import { type Job, MetricsTime, type Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger } from '../../src/lib/logger';
import { createWorker } from '../../src/lib/queue';
import { createRedis } from '../../src/lib/redis';
import { EMAIL_QUEUE, jobOfRecord } from '../../src/modules/email/email.jobs';
import { type EnqueueEmailInput, emailQueue } from '../../src/modules/email/email.service';
import { createEmailSender, type EmailSender } from '../../src/modules/email/email-sender';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { processEmailJob } from '../../workers/processors/email.processor';
import { startTestApp, type TestApp } from '../support/app';
import { uniqueEmail } from '../support/auth';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

export interface EmailHarness {
  t: TestApp;
  sink: SmtpSink;
  /** The API side's email queue (the test context's producer). */
  queue: Queue;
  sender: EmailSender;
  worker: Worker;
  workerRedis: Redis;
  close(): Promise<void>;
}

/**
 * A test app on its own database and queue prefix, an SMTP sink, the API-side producer and one real
 * BullMQ worker running the email processor — with backoff and attempts in milliseconds.
 */
export async function startEmailHarness(overrides: Record<string, string> = {}): Promise<EmailHarness> {
  const sink = await startSmtpSink();
  const t = await startTestApp({
    SMTP_URL: sink.url,
    EMAIL_BACKOFF_MS: '50',
    EMAIL_MAX_ATTEMPTS: '3',
    QUEUE_LOCK_DURATION_MS: '5000',
    ...overrides,
  });
  const logger = createLogger(t.config.log.level);
  const queue = emailQueue(t.ctx) as Queue;
  const sender = createEmailSender({ config: t.config, logger, queue });
  const workerRedis = createRedis(t.config, 'worker');
  // As workers/main.ts starts them: with BullMQ metrics, which /metrics reads.
  const worker = createWorker(
    EMAIL_QUEUE,
    (job) => processEmailJob(sender, job),
    workerRedis,
    t.config,
    logger,
    {
      metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
    },
  );
  await worker.waitUntilReady();
  return {
    t,
    sink,
    queue,
    sender,
    worker,
    workerRedis,
    close: async () => {
      await worker.close();
      await sender.close();
      workerRedis.disconnect();
      await t.close();
      await sink.stop();
    },
  };
}

/** The id of the job responsible for an outbox record now (its batch's, or its own after a hand-off). */
export async function jobIdOf(outboxId: string): Promise<string> {
  const record = await OutboxEmail.findById(outboxId).select({ jobId: 1 }).lean();
  return jobOfRecord({ _id: outboxId, jobId: record?.jobId });
}

/**
 * What a job did with one message: a single-message job returns 'sent' or 'skipped', a batch job the
 * ids of its messages by outcome.
 */
export function outcomeOf(job: Job, outboxId: string): string | undefined {
  const value: unknown = job.returnvalue;
  if (typeof value === 'string') return value;
  const outcome = (value ?? {}) as Record<string, string[]>;
  return Object.keys(outcome).find((k) => outcome[k]?.includes(outboxId));
}

/**
 * Polls the job responsible for the message (read from its outbox record each time, as a batch may
 * hand it on) until it reaches one of the states (BullMQ keeps finished jobs for a while).
 */
export async function waitForJob(
  queue: Queue,
  outboxId: string,
  states: string[] = ['completed', 'failed'],
  timeoutMs = 8_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobId = await jobIdOf(outboxId);
    const job = await queue.getJob(jobId);
    if (job && states.includes(await job.getState())) return (await queue.getJob(jobId)) as Job;
    if (Date.now() > deadline) throw new Error(`job for ${outboxId} did not reach ${states.join('/')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);

/** A verify-email message to a fresh address (the simplest kind). */
export function verifyEmail(
  publicUrl: string,
  overrides: Partial<{ to: string; name: string; language: 'zh-CN' | 'en' }> = {},
): Extract<EnqueueEmailInput, { kind: 'verify-email' }> {
  return {
    kind: 'verify-email',
    to: overrides.to ?? uniqueEmail('expert'),
    toName: overrides.name ?? '李明',
    language: overrides.language ?? 'zh-CN',
    data: {
      name: overrides.name ?? '李明',
      verifyUrl: `${publicUrl}/verify?token=abc`,
      expiresAt: inAWeek(),
    },
    related: { type: 'user', id: 'u-1' },
  };
}
