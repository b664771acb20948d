import { Redis } from 'ioredis';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { verifyEmail } from '../email/email-harness';
import { type RedisProcess, startRedisServer } from '../support/local-stack';
import {
  emailJobOf,
  emailQueue,
  jobStateOf,
  messagesTo,
  outboxRecord,
  outcomeOf,
  startSilentSmtp,
  startWorkerWith,
  waitForEmailJob,
} from './delivery-helpers';
import type { WorkerProcess } from './worker-process';
import { eventually, startWorkflowHarness, type WorkflowHarness } from './workflow-harness';

/**
 * Worker processes killed with SIGKILL at each point of a delivery, then replaced: the outbox record
 * and the deterministic Message-ID decide what the new worker does. The harness's lock of 3 s and
 * stall check every 1 s let the new worker take over a dead worker's active job within seconds.
 *
 * This file has its own Redis: one test pauses Redis writes (CLIENT PAUSE), which would stall the
 * other test files on the shared one.
 */
let redis: RedisProcess;
let admin: Redis;
let h: WorkflowHarness;
let publicUrl: string;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
  h = await startWorkflowHarness({ REDIS_URL: redis.url });
  publicUrl = h.t.config.http.publicUrl;
});
afterAll(async () => {
  await h.close();
  admin.disconnect();
  await redis.stop();
});

const jobState = async (outboxId: string) => jobStateOf(await emailJobOf(h, outboxId));

/** The worker process that is alive now (each test leaves exactly one running). */
let alive: WorkerProcess | undefined;
const aliveWorker = async () => {
  alive ??= await h.startWorker();
  return alive;
};
const replaceWorker = async () => {
  alive = await h.startWorker();
  return alive;
};

test('when a worker is killed while its job is active but before the send, then a new worker sends it exactly once', async () => {
  const silent = await startSilentSmtp();
  try {
    // Its SMTP server never greets: the worker takes the job and hangs before sending anything.
    const doomed = await startWorkerWith(h, { SMTP_URL: silent.url });
    const input = verifyEmail(publicUrl);
    const { id } = await enqueueEmail(h.t.ctx, input);
    await silent.connected;
    const batchId = String((await emailJobOf(h, id))?.id);
    expect(await jobState(id)).toBe('active');
    await doomed.stop('SIGKILL');
    expect(await outboxRecord(id)).toMatchObject({ status: 'pending' });

    await replaceWorker();
    await eventually(async () => (await outboxRecord(id))?.status === 'sent', 20_000);
    // The batch was taken over from the dead worker, not added again: it sent the message, or (the
    // dead attempt's mark being younger than its grace) handed it to a job of its own that did.
    const batch = await emailQueue(h).getJob(batchId);
    expect(batch?.stalledCounter).toBe(1);
    expect(['sent', 'heldBack']).toContain(batch && outcomeOf(batch, id));
    expect(outcomeOf(await waitForEmailJob(h, id), id)).toBe('sent');
    expect(messagesTo(h.sink, input.to)).toHaveLength(1);
  } finally {
    await silent.stop();
  }
});

test('when a worker is killed after the send was recorded but before BullMQ heard the job finish, then the new worker skips it', async () => {
  const worker = await aliveWorker();
  const input = verifyEmail(publicUrl);
  const off = h.sink.onMessage(async (m) => {
    if (!m.envelopeTo.includes(input.to)) return;
    // From now on Redis holds every write, BullMQ's completion script included: the worker gets its
    // 250 and records `sent` in MongoDB, but cannot mark the job completed.
    await admin.call('CLIENT', 'PAUSE', '20000', 'WRITE');
  });
  let id = '';
  try {
    ({ id } = await enqueueEmail(h.t.ctx, input));
    await eventually(async () => (await outboxRecord(id))?.sentAt);
    await worker.stop('SIGKILL');
  } finally {
    await admin.call('CLIENT', 'UNPAUSE');
    off();
  }
  expect(await jobState(id)).toBe('active');

  await replaceWorker();
  const job = await waitForEmailJob(h, id);
  expect(outcomeOf(job, id)).toBe('skipped');
  expect(job.stalledCounter).toBe(1);
  expect(await outboxRecord(id)).toMatchObject({ status: 'sent', attempts: 1 });
  expect(messagesTo(h.sink, input.to)).toHaveLength(1);
});

test('when a worker is killed after the SMTP server took the message but before it answered, then at most one duplicate arrives, with the same Message-ID', async () => {
  const worker = await aliveWorker();
  const input = verifyEmail(publicUrl);
  const off = h.sink.onMessage(async (m) => {
    if (!m.envelopeTo.includes(input.to)) return;
    off(); // only the first delivery
    await worker.stop('SIGKILL'); // the message is stored; the 250 never reaches the worker
  });
  const { id } = await enqueueEmail(h.t.ctx, input);
  await worker.exited;
  expect(messagesTo(h.sink, input.to)).toHaveLength(1);
  expect(await outboxRecord(id)).toMatchObject({ status: 'pending', attempts: 1 });

  await replaceWorker();
  await eventually(async () => (await outboxRecord(id))?.status === 'sent', 20_000);
  const job = await waitForEmailJob(h, id);
  expect(outcomeOf(job, id)).toBe('sent');
  const record = await outboxRecord(id);
  expect(record).toMatchObject({ status: 'sent', attempts: 2 });
  const received = messagesTo(h.sink, input.to);
  // The send was never recorded, so it is repeated once: the one duplicate the design allows, which
  // mail clients fold into one message by its Message-ID.
  expect(received).toHaveLength(2);
  expect(received.map((m) => m.messageId)).toEqual([record?.messageId, record?.messageId]);
});
