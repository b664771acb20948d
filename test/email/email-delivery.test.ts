import mongoose from 'mongoose';
import request from 'supertest';
import { addEmailJob } from '../../src/modules/email/email.jobs';
import { dispatchEmail, dispatchEmails, enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { staffUser, uniqueEmail } from '../support/auth';
import {
  type EmailHarness,
  inAWeek,
  jobIdOf,
  outcomeOf,
  startEmailHarness,
  verifyEmail,
  waitForJob,
} from './email-harness';

let h: EmailHarness;
let publicUrl: string;

beforeAll(async () => {
  h = await startEmailHarness();
  publicUrl = h.t.config.http.publicUrl;
});
afterAll(() => h.close());

const outbox = (id: string) => OutboxEmail.findById(id).lean();

test('when an offer is enqueued, then it is delivered once with HTML and text parts in the person’s language', async () => {
  const to = uniqueEmail('expert');
  const { id } = await enqueueEmail(h.t.ctx, {
    kind: 'offer',
    to,
    toName: 'Wang Fang',
    language: 'en',
    data: {
      matchId: '665f1c2e8b3e4a0012345678',
      expertName: 'Wang Fang',
      needTitle: 'Orchard disease control',
      organisationName: 'Qianjiang Kiwi Cooperative',
      regionName: 'Qianjiang',
      answerBy: new Date('2026-03-01T10:00:00Z'),
      acceptUrl: `${publicUrl}/offers/answer?token=a1`,
      declineUrl: `${publicUrl}/offers/answer?token=d1`,
      offered: ['Periodic visits, 4 days a month', 'March to June 2026'],
      reasons: ['Senior agronomist with 30 years in fruit-tree pathology', 'Lives 40 minutes away'],
    },
    related: { type: 'match', id: '665f1c2e8b3e4a0012345678' },
  });

  const message = await h.sink.waitFor((m) => m.envelopeTo.includes(to));
  expect(message.subject).toBe('Invitation: Orchard disease control at Qianjiang Kiwi Cooperative');
  expect(message.html).toContain('Why we suggested you');
  // Handlebars escapes '=' as an entity, which is still the same URL inside an HTML attribute.
  expect(message.html).toContain('href="http://localhost:3000/offers/answer?token&#x3D;a1"');
  expect(message.html).toContain('font-size:20px');
  expect(message.text).toContain('Lives 40 minutes away');
  expect(message.text).toContain('Sunday, March 1, 2026 at 18:00 (China time)');
  expect(message.from).toBe('no-reply@yinling.local');

  const job = await waitForJob(h.queue, id);
  expect(job.name).toBe('send-batch');
  expect(outcomeOf(job, id)).toBe('sent');
  const record = await outbox(id);
  expect(record).toMatchObject({ status: 'sent', attempts: 1 });
  expect(record?.sentAt).toBeInstanceOf(Date);
  expect(message.messageId).toBe(record?.messageId);
  expect(record?.messageId).toBe(`<${id}@yinling.local>`);
  expect(h.sink.filter((m) => m.envelopeTo.includes(to))).toHaveLength(1);
});

test('when a message is zh-CN, then subject and body are in Chinese with the date in Beijing time', async () => {
  const input = verifyEmail(publicUrl, { language: 'zh-CN', name: '张桂兰' });
  await enqueueEmail(h.t.ctx, input);
  const message = await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  expect(message.subject).toBe('请确认您的邮箱地址');
  expect(message.html).toContain('张桂兰，您好');
  expect(message.text).toContain('（北京时间）');
  expect(message.html).toContain('<html lang="zh-CN">');
});

test('when the same message is dispatched again after its job completed and was removed, then still one email is sent', async () => {
  const input = verifyEmail(publicUrl);
  const { id } = await enqueueEmail(h.t.ctx, input);
  await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  const first = await waitForJob(h.queue, id);
  await first.remove();

  expect(await dispatchEmail(h.t.ctx, id)).toBe(true);
  const second = await waitForJob(h.queue, id);
  expect(outcomeOf(second, id)).toBe('skipped');
  expect(h.sink.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
});

test('when the server rejects the recipient (550), then the message is marked failed without a retry', async () => {
  const input = verifyEmail(publicUrl);
  h.sink.rejectRecipients(input.to);
  const { id } = await enqueueEmail(h.t.ctx, input);

  const job = await waitForJob(h.queue, id, ['completed']);
  expect(outcomeOf(job, id)).toBe('failed');
  expect(job.attemptsMade).toBe(1);
  expect(await jobIdOf(id)).toBe(job.id); // no job of its own: nothing retries it
  const record = await outbox(id);
  expect(record).toMatchObject({ status: 'failed', attempts: 1 });
  expect(record?.failedAt).toBeInstanceOf(Date);
  expect(record?.lastError).toContain('550');
  expect(record?.lastError).not.toContain(input.to);
  expect(h.sink.refusals.filter((r) => r.to.includes(input.to))).toHaveLength(1);
});

test('when the server fails transiently (451) twice, then the message is retried and delivered', async () => {
  const input = verifyEmail(publicUrl);
  h.sink.failTransiently(2);
  const { id } = await enqueueEmail(h.t.ctx, input);

  await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  // The batch's attempt failed; the message's own job (attempts 2 and 3) retried it.
  const job = await waitForJob(h.queue, id, ['completed']);
  expect(job.id).toMatch(new RegExp(`^email-${id}-`));
  expect(job.returnvalue).toBe('sent');
  expect(job.attemptsMade).toBe(2);
  expect(h.sink.refusals.filter((r) => r.to.includes(input.to))).toHaveLength(2);
  expect(await outbox(id)).toMatchObject({ status: 'sent', attempts: 3 });
  expect(h.sink.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
});

test('when every attempt fails transiently, then after the last one the message is marked failed', async () => {
  const input = verifyEmail(publicUrl);
  h.sink.failTransiently(3, 421);
  const { id } = await enqueueEmail(h.t.ctx, input);

  const job = await waitForJob(h.queue, id, ['failed']);
  expect(job.id).toMatch(new RegExp(`^email-${id}-`));
  expect(job.attemptsMade).toBe(2); // after the batch's attempt
  expect(await outbox(id)).toMatchObject({ status: 'failed', attempts: 3 });
});

/** Records written in one transaction and dispatched together, as a step's emails are: one batch. */
type EnqueueInput = ReturnType<typeof verifyEmail>;

async function oneBatch(inputs: EnqueueInput[]): Promise<string[]> {
  const session = await mongoose.startSession();
  const ids: string[] = [];
  try {
    await session.withTransaction(async () => {
      ids.length = 0;
      for (const input of inputs) ids.push((await enqueueEmail(h.t.ctx, input, { session })).id);
    });
  } finally {
    await session.endSession();
  }
  expect(await dispatchEmails(h.t.ctx, ids)).toEqual(ids.map(() => true));
  return ids;
}

test('when one message of a batch is refused and another fails transiently, then the others are sent once and only the transient one is retried', async () => {
  const inputs = Array.from({ length: 4 }, () => verifyEmail(publicUrl));
  const [refused, ...rest] = inputs as [EnqueueInput, ...EnqueueInput[]];
  h.sink.rejectRecipients(refused.to);
  h.sink.failTransiently(1); // whichever of the three others reaches DATA first
  const ids = await oneBatch(inputs);
  const [refusedId, ...others] = ids as [string, ...string[]];

  await Promise.all(rest.map((m) => h.sink.waitFor((x) => x.envelopeTo.includes(m.to))));
  const batch = await waitForJob(h.queue, refusedId, ['completed']);
  expect(batch.name).toBe('send-batch');
  expect(batch.data).toEqual({ outboxIds: ids });
  expect(batch.returnvalue).toMatchObject({ failed: [refusedId], heldBack: [], skipped: [] });
  const { retried, sent } = batch.returnvalue as { retried: string[]; sent: string[] };
  expect(retried).toHaveLength(1);
  expect(new Set([...retried, ...sent])).toEqual(new Set(others));
  const own = await waitForJob(h.queue, retried[0] as string, ['completed']);
  expect(own.returnvalue).toBe('sent');
  for (const id of others)
    expect(await outbox(id)).toMatchObject({ status: 'sent', attempts: retried.includes(id) ? 2 : 1 });
  for (const m of rest) expect(h.sink.filter((x) => x.envelopeTo.includes(m.to))).toHaveLength(1);
  expect(await outbox(refusedId)).toMatchObject({ status: 'failed', attempts: 1 });
});

test('when a single-message job from before batches is still queued, then it is delivered as before', async () => {
  const input = verifyEmail(publicUrl);
  const session = await mongoose.startSession();
  let id = '';
  await session.withTransaction(async () => {
    id = (await enqueueEmail(h.t.ctx, input, { session })).id;
  });
  await session.endSession();
  await OutboxEmail.updateOne({ _id: id }, { $unset: { jobId: 1 } }); // as records written then
  await addEmailJob(h.queue, h.t.config, id);

  const job = await waitForJob(h.queue, id, ['completed']);
  expect(job.id).toBe(`email-${id}`);
  expect(job.returnvalue).toBe('sent');
  expect(h.sink.filter((m) => m.envelopeTo.includes(input.to))).toHaveLength(1);
});

test('when a name contains <script>, then it arrives escaped in the HTML part', async () => {
  const input = verifyEmail(publicUrl, { name: '<script>alert(1)</script>老王' });
  await enqueueEmail(h.t.ctx, input);
  const message = await h.sink.waitFor((m) => m.envelopeTo.includes(input.to));
  expect(message.html).not.toContain('<script>');
  expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;老王');
});

test('when `to` carries CRLF and a Bcc header, then validation refuses it and nothing is written', async () => {
  const before = await OutboxEmail.countDocuments();
  const input = { ...verifyEmail(publicUrl), to: 'victim@example.com\r\nBcc: attacker@evil.example' };
  await expect(enqueueEmail(h.t.ctx, input)).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
    httpStatus: 400,
    details: [expect.objectContaining({ path: 'to' })],
  });
  expect(await OutboxEmail.countDocuments()).toBe(before);
});

test('when data misses a field or links away from PUBLIC_URL, then validation names the field', async () => {
  const base = verifyEmail(publicUrl);
  await expect(
    enqueueEmail(h.t.ctx, {
      ...base,
      data: { name: 'x', verifyUrl: 'https://evil.example/verify', expiresAt: inAWeek() },
    }),
  ).rejects.toMatchObject({
    httpStatus: 400,
    details: [expect.objectContaining({ path: 'data.verifyUrl' })],
  });
  await expect(
    // @ts-expect-error: the kind's data requires expiresAt
    enqueueEmail(h.t.ctx, { ...base, data: { name: 'x', verifyUrl: `${publicUrl}/v` } }),
  ).rejects.toMatchObject({ details: [expect.objectContaining({ path: 'data.expiresAt' })] });
});

test('when a job carries a payload that fails its schema, then it fails at once without retrying', async () => {
  const job = await h.queue.add('send', { outboxId: 'not-an-id' } as never, {
    jobId: 'email-bad-payload',
    attempts: 3,
  });
  const deadline = Date.now() + 5_000;
  while ((await job.getState()) !== 'failed' && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  const failed = await h.queue.getJob('email-bad-payload');
  expect(failed?.attemptsMade).toBe(1);
  expect(failed?.failedReason).toContain('invalid email job data');
});

test('when a coordinator asks for failed messages, then the refused one is listed without its data; anonymous callers may not ask', async () => {
  const input = verifyEmail(publicUrl);
  h.sink.rejectRecipients(input.to);
  const { id } = await enqueueEmail(h.t.ctx, input);
  await waitForJob(h.queue, id, ['completed']);
  expect(await outbox(id)).toMatchObject({ status: 'failed' });

  const coordinator = await staffUser(h.t.app, 'coordinator');
  const res = await request(h.t.app)
    .get('/api/v1/email/outbox?status=failed&pageSize=100')
    .set(coordinator.header);
  expect(res.status).toBe(200);
  const item = res.body.items.find((i: { id: string }) => i.id === id);
  expect(item).toMatchObject({ kind: 'verify-email', to: input.to, status: 'failed', attempts: 1 });
  expect(item.lastError).toContain('550');
  expect(item).not.toHaveProperty('data');

  expect((await request(h.t.app).get('/api/v1/email/outbox')).status).toBe(401);
});

test('when /metrics is scraped, then it reports the email queue’s depth and finished jobs', async () => {
  const input = verifyEmail(publicUrl);
  const { id } = await enqueueEmail(h.t.ctx, input);
  await waitForJob(h.queue, id, ['completed']);
  const res = await request(h.t.app).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.text).toMatch(/yinling_queue_jobs\{queue="email",state="waiting"\} \d+/);
  expect(res.text).toMatch(/yinling_queue_jobs\{queue="email",state="failed"\} \d+/);
  const completed = res.text.match(
    /yinling_queue_jobs_finished_total\{queue="email",outcome="completed"\} (\d+)/,
  );
  expect(Number(completed?.[1])).toBeGreaterThan(0);
});
