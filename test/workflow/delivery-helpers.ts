import { createServer, type Socket } from 'node:net';
import type { Job, Queue } from 'bullmq';
import { emailQueue as queueOf } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { jobIdOf } from '../email/email-harness';
import type { SinkMessage, SmtpSink } from '../support/smtp-sink';
import { startWorkerProcess, type WorkerProcess } from './worker-process';
import type { WorkflowHarness } from './workflow-harness';

/** The API side's email queue (the test context's producer), for reading job states. */
export const emailQueue = (h: Pick<WorkflowHarness, 't'>): Queue => queueOf(h.t.ctx) as Queue;

export const outboxRecord = (id: string) => OutboxEmail.findById(id).lean();

export const messagesTo = (sink: SmtpSink, address: string): SinkMessage[] =>
  sink.filter((m) => m.envelopeTo.includes(address.toLowerCase()));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker process of this harness with some settings changed (e.g. another SMTP_URL). */
export async function startWorkerWith(
  h: WorkflowHarness,
  overrides: Record<string, string> = {},
): Promise<WorkerProcess> {
  const w = startWorkerProcess({ ...h.workerEnv, ...overrides });
  h.workers.push(w);
  await w.ready;
  return w;
}

/** The job responsible for an outbox record now (its batch's, or its own after a hand-off). */
export async function emailJobOf(h: Pick<WorkflowHarness, 't'>, outboxId: string): Promise<Job | undefined> {
  return emailQueue(h).getJob(await jobIdOf(outboxId));
}

/** The job's state, or 'missing'. */
export const jobStateOf = async (job: Job | undefined) => (job ? await job.getState() : 'missing');

export { outcomeOf } from '../email/email-harness';

/**
 * Polls the job responsible for an outbox record (read from the record each time: a batch may hand
 * the message to a job of its own) until it is in one of `states`.
 */
export async function waitForEmailJob(
  h: Pick<WorkflowHarness, 't'>,
  outboxId: string,
  states: string[] = ['completed'],
  timeoutMs = 15_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  let last = 'missing';
  for (;;) {
    const job = await emailJobOf(h, outboxId);
    last = await jobStateOf(job);
    if (job?.id && states.includes(last)) return (await emailQueue(h).getJob(job.id)) as Job;
    if (Date.now() > deadline) throw new Error(`email job ${outboxId} is ${last}, not ${states.join('/')}`);
    await sleep(50);
  }
}

/**
 * An SMTP "server" that accepts connections and never greets: a sender connected to it hangs before
 * it can send anything, so its job stays active. Resolves `connected` at the first connection.
 */
export async function startSilentSmtp() {
  const sockets = new Set<Socket>();
  let onConnect: () => void = () => {};
  const connected = new Promise<void>((resolve) => {
    onConnect = resolve;
  });
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnect();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connected,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
