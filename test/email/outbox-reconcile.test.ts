import mongoose from 'mongoose';
import { type Context, createContext } from '../../src/context';
import { createLogger } from '../../src/lib/logger';
import { createRedis } from '../../src/lib/redis';
import { emailJobId } from '../../src/modules/email/email.jobs';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { reconcileOutbox, startOutboxReconciler } from '../../src/modules/email/outbox-reconciler';
import { type EmailHarness, jobIdOf, startEmailHarness, verifyEmail, waitForJob } from './email-harness';

let h: EmailHarness;
let publicUrl: string;

beforeAll(async () => {
  h = await startEmailHarness();
  publicUrl = h.t.config.http.publicUrl;
});
afterAll(() => h.close());

/** The test's context, but with a Redis that is unreachable (nothing listens on port 1). */
function unreachableContext(): Context & { disconnect(): void } {
  const redis = createRedis({ redis: { url: 'redis://127.0.0.1:1' } }, 'producer');
  const ctx = createContext({ config: h.t.config, logger: createLogger('silent'), redis });
  return {
    ...ctx,
    disconnect: () => {
      ctx.stopListening();
      void ctx.queues.close();
      redis.disconnect();
    },
  };
}

test('when Redis is unreachable at enqueue, then the outbox record is kept and reconcileOutbox later delivers it', async () => {
  const down = unreachableContext();
  const input = verifyEmail(publicUrl);
  const started = Date.now();
  const { id } = await enqueueEmail(down, input);
  expect(Date.now() - started).toBeLessThan(4_000);
  down.disconnect();

  const record = await OutboxEmail.findById(id).lean();
  expect(record).toMatchObject({ status: 'pending', attempts: 0 });
  // It names the batch job it was meant for, which Redis never got.
  expect(record?.jobId).toMatch(/^emails-/);
  expect(await h.queue.getJob(String(record?.jobId))).toBeUndefined();

  // Fresh records are left alone (they may belong to a transaction still open).
  expect((await reconcileOutbox(h.t.ctx)).queued).toBe(0);
  const result = await reconcileOutbox(h.t.ctx, { minAgeMs: 0 });
  expect(result.queued).toBeGreaterThanOrEqual(1);

  await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  await waitForJob(h.queue, id, ['completed']);
  expect(await OutboxEmail.findById(id).lean()).toMatchObject({ status: 'sent' });
  // Running it again changes nothing: the record is no longer pending.
  expect((await reconcileOutbox(h.t.ctx, { minAgeMs: 0 })).pending).toBe(0);
  expect(h.sink.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
});

test('when written inside a transaction, then nothing is queued before the commit and dispatch() sends it after', async () => {
  const input = verifyEmail(publicUrl, { language: 'en' });
  const session = await mongoose.startSession();
  let queued: Awaited<ReturnType<typeof enqueueEmail>> | undefined;
  try {
    await session.withTransaction(async () => {
      queued = await enqueueEmail(h.t.ctx, input, { session });
      expect(await jobIdOf(queued.id)).toBe(emailJobId(queued.id)); // no job named yet
      expect(await h.queue.getJob(emailJobId(queued.id))).toBeUndefined();
    });
  } finally {
    await session.endSession();
  }
  if (!queued) throw new Error('not enqueued');
  expect(await queued.dispatch()).toBe(true);
  const message = await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  expect(message.subject).toBe('Please confirm your email address');
});

test('when the caller forgets to dispatch, then the reconciler timer in the worker sends it', async () => {
  const input = verifyEmail(publicUrl);
  const session = await mongoose.startSession();
  await session.withTransaction(async () => {
    await enqueueEmail(h.t.ctx, input, { session });
  });
  await session.endSession();
  // The first run happens at start; minAgeMs defaults to 10 s, so age the record instead of waiting.
  // (createdAt is immutable through mongoose, hence the driver.)
  await OutboxEmail.collection.updateOne(
    { to: input.to },
    { $set: { createdAt: new Date(Date.now() - 60_000) } },
  );
  const reconciler = startOutboxReconciler(h.t.ctx, { intervalMs: 100 });
  try {
    await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  } finally {
    await reconciler.stop();
  }
});

test('when a pending message’s job has failed for good, then the reconciler marks it failed instead of looping', async () => {
  const input = verifyEmail(publicUrl);
  const down = unreachableContext();
  const { id } = await enqueueEmail(down, input);
  down.disconnect();
  // The job the record names died without the processor recording an outcome (as after too many
  // stalls): here a job of that id whose payload fails its schema.
  const jobId = await jobIdOf(id);
  const job = await h.queue.add('send', { outboxId: 'x' } as never, { jobId, attempts: 1 });
  await waitForJob(h.queue, id, ['failed']);
  expect(job.id).toBe(jobId);

  const result = await reconcileOutbox(h.t.ctx, { minAgeMs: 0 });
  expect(result.markedFailed).toBe(1);
  expect(await OutboxEmail.findById(id).lean()).toMatchObject({ status: 'failed' });
  expect(h.sink.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(0);
});
