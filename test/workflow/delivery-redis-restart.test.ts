import { Redis } from 'ioredis';
import request from 'supertest';
import { waitForRedis } from '../../src/lib/redis';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { verifyEmail } from '../email/email-harness';
import { createExpertAs } from '../support/experts.factory';
import { type RedisProcess, startRedisServer } from '../support/local-stack';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { emailJobOf, jobStateOf, messagesTo, outboxRecord } from './delivery-helpers';
import type { WorkerProcess } from './worker-process';
import {
  eventually,
  proposeWhenRanked,
  startWorkflowHarness,
  type WorkflowHarness,
} from './workflow-harness';

/**
 * Redis without persistence, stopped and started empty on the same port: the API and the workers
 * reconnect by themselves, and the outbox reconciler in the worker (every second here; it leaves
 * records younger than 10 s alone) re-queues what Redis lost or never got. The two tests run in
 * order on one outage: the first takes Redis down, the second brings it back.
 */
let redis: RedisProcess;
let h: WorkflowHarness;
let worker: WorkerProcess;
let matchId: string;
let expertId: string;
let expertEmail: string;
const pendingIds: string[] = [];
const recipients: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  h = await startWorkflowHarness({ REDIS_URL: redis.url });
  worker = await h.startWorker();
  const employer = await registerEmployer(h.t.app, { verified: true });
  expertId = await createExpertAs(h.t.app, h.coordinator, {
    name: '断线专家',
    fields: ['agriculture'],
    skills: ['agriculture.tea.processing'],
    title: { level: 'full_senior', series: 'agriculture' },
    modes: ['onsite', 'periodic', 'remote'],
  });
  expertEmail = String((await Expert.findById(expertId).lean())?.email);
  const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  matchId = await proposeWhenRanked(h, need.id, expertId);
});
afterAll(async () => {
  await h.close();
  await redis.stop();
});

const enqueueSome = (n: number) =>
  Promise.all(
    Array.from({ length: n }, async () => {
      const input = verifyEmail(h.t.config.http.publicUrl);
      recipients.push(input.to);
      const { id } = await enqueueEmail(h.t.ctx, input);
      pendingIds.push(id);
      return id;
    }),
  );

test('when Redis goes down with jobs waiting, then messages and a confirmation made during the outage are recorded in MongoDB', async () => {
  // No worker runs, so the first three jobs wait in Redis, and are lost with it.
  expect(await worker.stop('SIGTERM')).toBe(0);
  const waiting = await enqueueSome(3);
  for (const id of waiting) expect(await jobStateOf(await emailJobOf(h, id))).toBe('waiting');
  await redis.stop();

  // Enqueued while Redis is down: each waits at most its dispatch timeout, then stays pending.
  await enqueueSome(2);
  const confirmed = await request(h.t.app)
    .post(`/api/v1/matches/${matchId}/confirm`)
    .set(h.coordinator.header);
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('offered');

  // The state change and its email were written together, nothing half-done.
  expect(await Match.findById(matchId).lean()).toMatchObject({ status: 'offered' });
  expect((await Expert.findById(expertId).lean())?.pendingOffers).toBe(1);
  const offer = await OutboxEmail.findOne({ kind: 'offer', 'related.id': matchId }).lean();
  expect(offer).toMatchObject({ status: 'pending', to: expertEmail, attempts: 0 });
  pendingIds.push(String(offer?._id));
  recipients.push(expertEmail);
  expect(await OutboxEmail.countDocuments({ _id: { $in: pendingIds }, status: 'pending' })).toBe(6);
  for (const to of recipients) expect(messagesTo(h.sink, to)).toHaveLength(0);
});

test('when Redis comes back empty on the same port, then the reconciler delivers every pending message exactly once', async () => {
  redis = await startRedisServer(redis.port);
  const probe = new Redis(redis.url);
  expect(await probe.dbsize()).toBe(0);
  probe.disconnect();
  await waitForRedis(h.t.redis, 10_000);
  expect(await emailJobOf(h, pendingIds[0] as string)).toBeUndefined();

  await h.startWorker();
  await eventually(
    async () => (await OutboxEmail.countDocuments({ _id: { $in: pendingIds }, status: 'sent' })) === 6,
    30_000,
  );
  for (const to of recipients) expect(messagesTo(h.sink, to)).toHaveLength(1);
  const offerMail = messagesTo(h.sink, expertEmail)[0];
  expect(offerMail?.text).toContain('/offers/respond?token=');
  const offerRecord = await outboxRecord(pendingIds[5] as string);
  expect(offerMail?.messageId).toBe(offerRecord?.messageId);
});
