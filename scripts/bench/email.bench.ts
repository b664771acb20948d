import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';
import { type Context, openContext } from '../../src/context';
import { createLogger } from '../../src/lib/logger';
import { runSteps } from '../../src/lib/shutdown';
import { emailQueue, enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { startLocalStack } from '../../test/support/local-stack';
import { startSmtpSink } from '../../test/support/smtp-sink';
import { startWorkerProcess } from '../../test/workflow/worker-process';
import { envFor } from '../../test/workflow/workflow-harness';
import { type BenchModule, benchConfig, report } from './bench-report';

/**
 * Emails per second through the whole delivery path on a local stack (Redis from PATH, MongoDB from
 * MONGO_URL, a mongod, or the in-memory test server): outbox insert and batched job add in this process
 * (timed on their own, with the queue paused), then, from the queue's resume until the last message
 * arrives, one real worker process (workers/main.ts through tsx, logging at info, the configured
 * concurrency and SMTP pool) delivering to an SMTP sink here that only counts Message-IDs (see
 * startCountingSink).
 */
const EMAILS = 2_000;
const WARM_UP = 100;
const TARGET_PER_S = 300;
const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const verifyEmail = (ctx: Context, k: number) => ({
  kind: 'verify-email' as const,
  to: `bench.${k}.${randomBytes(3).toString('hex')}@example.org`,
  language: 'zh-CN' as const,
  data: { name: '李明', verifyUrl: `${ctx.config.http.publicUrl}/verify?token=t${k}`, expiresAt: new Date() },
});

/** As a busy API would: 100 steps at a time, each writing its outbox record and adding its job. */
async function enqueueMany(ctx: Context, from: number, count: number): Promise<void> {
  for (let k = from; k < from + count; k += 100) {
    const batch = Array.from({ length: Math.min(100, from + count - k) }, (_, i) => k + i);
    await Promise.all(batch.map((i) => enqueueEmail(ctx, verifyEmail(ctx, i))));
  }
}

/** What the figures need of an SMTP server: the Message-IDs it accepted, in order. */
interface CountingSink {
  url: string;
  received(): string[];
  stop(): Promise<void>;
}

/**
 * A local SMTP server (smtp-server) that accepts every message and keeps only its Message-ID, read from
 * the header block, as a mail server's queue would; the tests' sink parses each message whole
 * (mailparser), which here would cost as much CPU as the delivery it measures. EMAIL_BENCH_SINK=parse
 * runs the tests' sink instead.
 */
async function startCountingSink(): Promise<CountingSink> {
  if (process.env.EMAIL_BENCH_SINK === 'parse') {
    const sink = await startSmtpSink();
    return { url: sink.url, received: () => sink.messages.map((m) => m.messageId), stop: sink.stop };
  }
  const ids: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        ids.push(/^message-id:\s*(\S+)/im.exec(head.split('\r\n\r\n')[0] ?? '')?.[1] ?? '');
        callback();
      });
    },
  });
  server.on('error', () => {});
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => ids,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function untilReceived(sink: CountingSink, count: number, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sink.received().length < count) {
    if (Date.now() > deadline) throw new Error(`only ${sink.received().length} of ${count} emails arrived`);
    await sleep(10);
  }
}

/** CPU seconds (user + system) a child process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}
/** Jobs of the email queue completed so far (BullMQ's metrics, which the worker process records). */
const completedJobs = async (ctx: Context) =>
  (await emailQueue(ctx).getMetrics('completed', 0, 0)).meta.count;

const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function emailFigures(ctx: Context, sink: CountingSink): Promise<void> {
  const settings = workerSettings();
  const worker = startWorkerProcess(envFor(ctx.config, { SMTP_URL: sink.url, ...settings }));
  try {
    await worker.ready;
    await enqueueMany(ctx, 0, WARM_UP); // SMTP pool, compiled scripts, JIT
    await untilReceived(sink, WARM_UP);
    await sleep(500);
    const before = sink.received().length;
    // Writing the outbox is the API's work, not delivery's: it is done (and timed) with the queue
    // paused, so the delivery window below holds the worker, MongoDB and the sink alone.
    const queue = emailQueue(ctx);
    await queue.pause();
    const e0 = [now(), ownCpuSeconds()];
    await enqueueMany(ctx, 10_000, EMAILS);
    const enqueued = [now() - (e0[0] ?? 0), ownCpuSeconds() - (e0[1] ?? 0)];
    const jobs0 = await completedJobs(ctx);
    const cpu0 = [cpuSecondsOf(worker.child.pid), ownCpuSeconds()];
    const t0 = now();
    await queue.resume();
    await untilReceived(sink, before + EMAILS);
    const total = now() - t0;
    const cpu1 = [cpuSecondsOf(worker.child.pid), ownCpuSeconds()];
    // The last records are marked sent just after the sink answered them.
    await sleep(500);
    const sent = await OutboxEmail.countDocuments({ status: 'sent' });
    const ids = new Set(sink.received());
    const perS = (EMAILS / total) * 1000;
    const jobs = (await completedJobs(ctx)) - jobs0;
    report(
      `enqueue (outbox insert + job add, queue paused), ${EMAILS} messages`,
      `${((EMAILS / (enqueued[0] ?? 1)) * 1000).toFixed(0)} /s, ${(((enqueued[1] ?? 0) / EMAILS) * 1000).toFixed(2)} ms CPU each`,
    );
    report(
      `delivered (queue → worker process → SMTP sink; concurrency ${settings.EMAIL_CONCURRENCY ?? ctx.config.mail.concurrency}, SMTP pool ${settings.MAIL_POOL_MAX_CONNECTIONS ?? ctx.config.mail.poolMaxConnections})`,
      `${perS.toFixed(0)} emails/s`,
      `≥ ${TARGET_PER_S}/s`,
      perS >= TARGET_PER_S,
    );
    report('  delivery jobs completed (one per batch of up to 50)', `${jobs} for ${EMAILS} messages`);
    const perEmailMs = (a?: number, b?: number) =>
      a === undefined || b === undefined ? 'n/a' : `${(((b - a) / EMAILS) * 1000).toFixed(2)} ms`;
    report('  CPU per email, worker process', perEmailMs(cpu0[0], cpu1[0]));
    report(
      '  CPU per email, this process (MongoDB test server, counting SMTP sink)',
      perEmailMs(cpu0[1], cpu1[1]),
    );
    report(
      '  outbox records marked sent',
      `${sent} of ${EMAILS + WARM_UP}`,
      `${EMAILS + WARM_UP}`,
      sent === EMAILS + WARM_UP,
    );
    report(
      '  messages received twice',
      `${sink.received().length - ids.size}`,
      '0',
      sink.received().length === ids.size,
    );
  } finally {
    await worker.stop('SIGTERM');
  }
}

/** EMAIL_BENCH_WORKER_ENV='A=1 B=2' passes settings to the worker process, to compare tunings. */
const workerSettings = (): Record<string, string> =>
  Object.fromEntries(
    (process.env.EMAIL_BENCH_WORKER_ENV ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

export const emailBench: BenchModule = {
  name: 'email (outbox → worker process → SMTP)',
  async run() {
    const stack = await startLocalStack();
    const sink = await startCountingSink();
    const config = benchConfig(stack.mongoUrl, stack.redisUrl, { SMTP_URL: sink.url });
    console.log(`  MongoDB: ${stack.mongoBackend}; Redis: ${stack.redisUrl}`);
    console.log(
      process.env.EMAIL_BENCH_SINK === 'parse'
        ? "  SMTP sink: the tests' sink, parsing every message (mailparser)"
        : '  SMTP sink: counts Message-IDs only (EMAIL_BENCH_SINK=parse runs the parsing sink)',
    );
    const opened = await openContext(config, createLogger('silent'));
    try {
      await emailFigures(opened.ctx, sink);
    } finally {
      await mongoose.connection.dropDatabase().catch(() => {});
      await runSteps(opened.shutdownSteps);
      await sink.stop();
      await stack.stop();
    }
  },
};
