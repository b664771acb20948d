import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { waitForRedis } from '../../src/lib/redis';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { Expert } from '../../src/modules/experts/expert.model';
import { Match } from '../../src/modules/matches/match.model';
import { OFFER_DEADLINES_QUEUE } from '../../src/modules/matches/offer-deadlines.jobs';
import { MATCHING_QUEUE } from '../../src/modules/ranking/ranking.jobs';
import { SERVICE_DEADLINES_QUEUE, SERVICE_SWEEP_SCHEDULER } from '../../src/modules/services/services.jobs';
import { createExpertAs } from '../support/experts.factory';
import { type RedisProcess, startRedisServer } from '../support/local-stack';
import { createOpenNeed } from '../support/needs.factory';
import { registerEmployer } from '../support/organisations.factory';
import { messagesTo, startWorkerWith } from './delivery-helpers';
import type { WorkerProcess } from './worker-process';
import {
  eventually,
  proposeWhenRanked,
  startWorkflowHarness,
  type WorkflowHarness,
} from './workflow-harness';

/**
 * Redis loses the workflow's schedules under a running worker process: restarted empty on the same
 * port (the worker's connection drops and comes back), or emptied without a disconnect (FLUSHALL, as
 * a failover to an empty replica would). The worker must notice and restore the job schedulers and
 * each open offer's reminder and expiry from MongoDB, so the offer is still reminded and expired.
 * Offers here run 8 s with the reminder 4 s before; the sweep runs every 5 minutes, so within a test
 * only the restored delayed jobs can remind and expire. This file has its own Redis to restart.
 */
let redis: RedisProcess;
let h: WorkflowHarness;
let worker: WorkerProcess;

beforeAll(async () => {
  redis = await startRedisServer();
  h = await startWorkflowHarness({
    REDIS_URL: redis.url,
    OFFER_DEADLINE_SECONDS: '8',
    OFFER_REMINDER_SECONDS_BEFORE: '4',
  });
  worker = await h.startWorker();
});
afterAll(async () => {
  await h.close();
  await redis.stop();
});

const deadlinesQueue = () => h.t.ctx.queues.get(OFFER_DEADLINES_QUEUE) as Queue;
const matchingQueue = () => h.t.ctx.queues.get(MATCHING_QUEUE) as Queue;

const schedulerIds = async () => {
  const ids = await Promise.all([
    matchingQueue().getJobScheduler('nightly-batch'),
    deadlinesQueue().getJobScheduler('daily-digest'),
    deadlinesQueue().getJobScheduler('overdue-sweep'),
    (h.t.ctx.queues.get(SERVICE_DEADLINES_QUEUE) as Queue).getJobScheduler(SERVICE_SWEEP_SCHEDULER),
  ]);
  return ids.map((s) => (s ? 'present' : null));
};

/** A confirmed offer to a new expert (ranked by the worker process); returns its match and expert email. */
async function offeredMatch(name: string) {
  const employer = await registerEmployer(h.t.app, { verified: true });
  const expertId = await createExpertAs(h.t.app, h.coordinator, {
    name,
    fields: ['agriculture'],
    skills: ['agriculture.tea.processing'],
    title: { level: 'full_senior', series: 'agriculture' },
    modes: ['onsite', 'periodic', 'remote'],
  });
  const need = await createOpenNeed(h.t.app, employer.header, { expertsWanted: 1, employerApproval: false });
  const matchId = await proposeWhenRanked(h, need.id, expertId);
  const confirmed = await request(h.t.app)
    .post(`/api/v1/matches/${matchId}/confirm`)
    .set(h.coordinator.header);
  expect(confirmed.body.status).toBe('offered');
  const match = await Match.findById(matchId).lean();
  const expert = await Expert.findById(expertId).lean();
  return {
    matchId,
    expertEmail: String(expert?.email),
    expireJobId: `expire-${matchId}-${match?.offeredAt?.getTime()}`,
  };
}

/** The offer is reminded (the email reaches the expert) and then expires (the coordinator is told). */
async function expectRemindedAndExpired(offer: { matchId: string; expertEmail: string }) {
  const related = { 'related.id': offer.matchId };
  const reminder = await eventually(
    () => OutboxEmail.findOne({ ...related, kind: 'offer-reminder', status: 'sent' }).lean(),
    20_000,
  );
  expect(messagesTo(h.sink, offer.expertEmail).map((m) => m.messageId)).toContain(reminder.messageId);
  await eventually(async () => (await Match.findById(offer.matchId).lean())?.status === 'expired', 20_000);
  await eventually(() =>
    OutboxEmail.findOne({ ...related, kind: 'offer-expired-coordinator', status: 'sent' }).lean(),
  );
  expect(await OutboxEmail.countDocuments({ ...related, kind: 'offer-reminder' })).toBe(1);
}

test('when Redis restarts empty under a running worker, then the worker restores the schedulers and the offer is still reminded and expired', async () => {
  expect(await schedulerIds()).not.toContain(null);
  const offer = await offeredMatch('重启专家');
  expect(await deadlinesQueue().getJob(offer.expireJobId)).toBeDefined();

  const probe = new Redis(redis.url, { maxRetriesPerRequest: null });
  probe.on('error', () => {});
  await probe.set('restart-marker', '1');
  await redis.stop();
  redis = await startRedisServer(redis.port);
  // Empty: the marker is gone (the worker may have restored its keys already).
  expect(await probe.exists('restart-marker')).toBe(0);
  probe.disconnect();
  await waitForRedis(h.t.redis, 10_000);

  // The harness's check interval is the default minute: the worker's reconnect is what restores them.
  await eventually(async () => !(await schedulerIds()).includes(null));
  await eventually(async () => (await deadlinesQueue().getJob(offer.expireJobId)) ?? false);
  await expectRemindedAndExpired(offer);
  expect(worker.output()).toContain('redis reconnected');
});

test('when Redis is emptied without a disconnect, then the periodic check restores the schedulers and the offer is still reminded and expired', async () => {
  expect(await worker.stop('SIGTERM')).toBe(0);
  const checking = await startWorkerWith(h, { SCHEDULE_CHECK_INTERVAL_MS: '300' });
  const offer = await offeredMatch('清空专家');
  expect(await deadlinesQueue().getJob(offer.expireJobId)).toBeDefined();

  const admin = new Redis(redis.url);
  await admin.flushall();
  admin.disconnect();
  expect(await deadlinesQueue().getJobScheduler('overdue-sweep')).toBeUndefined();

  await eventually(async () => !(await schedulerIds()).includes(null));
  await eventually(async () => (await deadlinesQueue().getJob(offer.expireJobId)) ?? false);
  await expectRemindedAndExpired(offer);
  expect(checking.output()).toContain('"reason":"timer"');
});
