import request from 'supertest';
import type { Config } from '../../src/lib/config';
import { startTestApp, type TestApp } from '../support/app';
import { type SignedIn, staffUser } from '../support/auth';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

export interface WorkflowHarness {
  t: TestApp;
  sink: SmtpSink;
  coordinator: SignedIn;
  /** The environment a worker process of this test runs with. */
  workerEnv: Record<string, string>;
  workers: WorkerProcess[];
  startWorker(): Promise<WorkerProcess>;
  close(): Promise<void>;
}

/** The variables that make a worker process share this test's database, queues and SMTP sink. */
export function envFor(config: Readonly<Config>, extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MONGO_URL: config.mongo.url,
    MONGO_DB: config.mongo.dbName,
    REDIS_URL: config.redis.url,
    QUEUE_PREFIX: config.queue.prefix,
    PUBLIC_URL: config.http.publicUrl,
    ...extra,
  };
}

/**
 * Experts the office registers in person are first welcomed (the expert-invitation email). These tests
 * follow offers and their delivery, so the sink they read leaves the welcomes out.
 */
const WELCOME_SUBJECTS = [
  '欢迎加入银龄人才服务，请设置您的登录密码',
  'Welcome to the Yinling Senior Talent Service: set your password',
];
const isWelcome = (m: SinkMessage) => WELCOME_SUBJECTS.includes(m.subject);
function withoutWelcomes(sink: SmtpSink): SmtpSink {
  return {
    ...sink,
    filter: (predicate) => sink.filter((m) => !isWelcome(m) && predicate(m)),
    waitFor: (predicate, timeoutMs) => sink.waitFor((m) => !isWelcome(m) && predicate(m), timeoutMs),
    onMessage: (hook) => sink.onMessage((m) => (isWelcome(m) ? undefined : hook(m))),
  };
}

/**
 * An API app in the test process and real worker processes beside it, on one database, one queue
 * prefix and one SMTP sink; deadlines and backoff in seconds.
 */
export async function startWorkflowHarness(overrides: Record<string, string> = {}): Promise<WorkflowHarness> {
  const sink = withoutWelcomes(await startSmtpSink());
  const settings = {
    SMTP_URL: sink.url,
    EMAIL_BACKOFF_MS: '100',
    EMAIL_MAX_ATTEMPTS: '4',
    OUTBOX_RECONCILE_INTERVAL_MS: '1000',
    QUEUE_LOCK_DURATION_MS: '3000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    OFFER_DEADLINE_SECONDS: '600',
    OFFER_REMINDER_SECONDS_BEFORE: '60',
    SHUTDOWN_TIMEOUT_MS: '20000',
    ...overrides,
  };
  const t = await startTestApp(settings);
  const coordinator = await staffUser(t.app, 'coordinator');
  const workerEnv = envFor(t.config, settings);
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const w = startWorkerProcess(workerEnv);
    workers.push(w);
    await w.ready;
    return w;
  };
  return {
    t,
    sink,
    coordinator,
    workerEnv,
    workers,
    startWorker,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await t.close();
      await sink.stop();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false | null>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the worker process has ranked the expert onto the need's candidate list. */
export async function untilRanked(h: WorkflowHarness, needId: string, expertId: string): Promise<void> {
  await eventually(async () => {
    const res = await request(h.t.app).get(`/api/v1/needs/${needId}/candidates`).set(h.coordinator.header);
    return (
      res.status === 200 && res.body.candidates.some((c: { expertId: string }) => c.expertId === expertId)
    );
  });
}

/**
 * Proposes the expert for the need once the worker process has ranked them onto its candidate list
 * (opening the need queued the ranking); returns the match id.
 */
export async function proposeWhenRanked(
  h: WorkflowHarness,
  needId: string,
  expertId: string,
): Promise<string> {
  await untilRanked(h, needId, expertId);
  const proposed = await request(h.t.app)
    .post(`/api/v1/needs/${needId}/matches`)
    .set(h.coordinator.header)
    .send({ expertId });
  if (proposed.status !== 201)
    throw new Error(`proposal failed: ${proposed.status} ${JSON.stringify(proposed.body)}`);
  return proposed.body.id as string;
}
