import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { OutboxEmail } from '../../src/modules/email/outbox.model';
import { withOutbox } from '../../src/modules/email/outbox-transaction';
import { verifyEmail } from '../email/email-harness';
import {
  emailJobOf,
  emailQueue,
  jobStateOf,
  messagesTo,
  outboxRecord,
  startWorkerWith,
} from './delivery-helpers';
import { eventually, startWorkflowHarness, type WorkflowHarness } from './workflow-harness';

/**
 * Several messages inside the SMTP calls of one worker process (concurrency 4) when it dies or
 * stalls; its jobs are taken over by another worker process as stalled jobs. A message is repeated
 * only if the SMTP server had accepted it and the sender had not recorded that; the one copy more
 * carries the same Message-ID. The grace period (12 s here) is how long the take-over holds back a
 * message an earlier attempt marked as sending; the lock (3 s) and stall check (1 s) are the harness's.
 */
let h: WorkflowHarness;
beforeAll(async () => {
  h = await startWorkflowHarness({ EMAIL_SENDING_GRACE_MS: '12000' });
});
afterAll(() => h.close());

const enqueueMany = (n: number) =>
  Promise.all(
    Array.from({ length: n }, async () => {
      const input = verifyEmail(h.t.config.http.publicUrl);
      const { id } = await enqueueEmail(h.t.ctx, input);
      return { id, to: input.to };
    }),
  );

const jobOf = async (id: string) => emailJobOf(h, id);

/**
 * An SMTP server that answers RCPT TO for `held` addresses never (their transactions stay open and
 * are never accepted) and takes every other message, calling `onAccepted` before it answers 250.
 */
async function startGatedSmtp(held: Set<string>, events: { onHeld(): void; onAccepted(): Promise<void> }) {
  const accepted: Array<{ to: string; messageId: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (held.has(address.address.toLowerCase())) return events.onHeld();
      callback();
    },
    onData(stream, session, callback) {
      void (async () => {
        const parsed = await simpleParser(stream);
        accepted.push({
          to: String(session.envelope.rcptTo[0]?.address).toLowerCase(),
          messageId: parsed.messageId ?? '',
        });
        await events.onAccepted();
        callback();
      })().catch(() => {});
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
    accepted,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('when a worker is killed with a batch of several messages inside SMTP, then those the server had accepted arrive at most once more with the same Message-ID, and those it had not arrive exactly once', async () => {
  const messages = await enqueueManyHeld();
  const { acceptedMail, heldMail, gate, doomed } = messages;
  try {
    await doomed.exited;
    // Both held transactions were open at the kill, and never accepted.
    expect(gate.accepted.map((m) => m.to).sort()).toEqual(acceptedMail.map((m) => m.to).sort());

    const replacement = await h.startWorker(); // sends through the harness's SMTP sink
    const all = [...acceptedMail, ...heldMail];
    await eventually(
      async () =>
        (await OutboxEmail.countDocuments({ _id: { $in: all.map((m) => m.id) }, status: 'sent' })) ===
        all.length,
      30_000,
    );
    for (const m of heldMail) expect(messagesTo(h.sink, m.to)).toHaveLength(1);
    for (const m of acceptedMail) {
      const record = await outboxRecord(m.id);
      const copies = [
        ...gate.accepted.filter((a) => a.to === m.to).map((a) => a.messageId),
        ...messagesTo(h.sink, m.to).map((r) => r.messageId),
      ];
      expect(copies.length).toBeGreaterThanOrEqual(1);
      expect(copies.length).toBeLessThanOrEqual(2);
      expect(new Set(copies)).toEqual(new Set([record?.messageId]));
    }
    expect(await replacement.stop('SIGTERM')).toBe(0);
  } finally {
    await gate.stop();
  }
}, 60_000);

/**
 * Two messages the gated server accepts and two it holds at RCPT TO, one batch job, all four inside one
 * worker's SMTP calls; the worker is killed (SIGKILL) once the two are accepted and the two are held, before
 * the server answers the last of them.
 */
async function enqueueManyHeld() {
  const [a1, a2, h1, h2] = Array.from({ length: 4 }, () => verifyEmail(h.t.config.http.publicUrl));
  const heldAddresses = new Set([h1, h2].map((m) => String(m?.to).toLowerCase()));
  let heldCount = 0;
  let acceptedCount = 0;
  let kill: () => Promise<unknown> = async () => {};
  const killWhenAllIn = async () => {
    if (heldCount === 2 && acceptedCount === 2) await kill();
  };
  const gate = await startGatedSmtp(heldAddresses, {
    onHeld: () => {
      heldCount += 1;
      void killWhenAllIn();
    },
    onAccepted: async () => {
      acceptedCount += 1;
      await killWhenAllIn();
    },
  });
  const doomed = await startWorkerWith(h, { SMTP_URL: gate.url });
  kill = () => doomed.stop('SIGKILL');
  // One step's emails: written in its transaction, dispatched after the commit as one batch job.
  const inputs = [a1, a2, h1, h2].filter((m) => m !== undefined);
  await withOutbox(h.t.ctx, async (tx) => {
    for (const input of inputs) await tx.email(input);
  });
  const records = await OutboxEmail.find({ to: { $in: inputs.map((m) => m.to) } }).lean();
  expect(new Set(records.map((r) => r.jobId)).size).toBe(1);
  const mail = (m: (typeof inputs)[number]) => {
    const record = records.find((r) => r.to === m.to);
    return { id: String(record?._id), to: m.to.toLowerCase() };
  };
  const [acceptedMail, heldMail] = [inputs.slice(0, 2).map(mail), inputs.slice(2).map(mail)];
  return { acceptedMail, heldMail, gate, doomed };
}

/** The stalled-worker test's take-over grace: longer than the test waits for anything. */
const HELD_BACK_MS = 120_000;

test('when a worker stalls inside SMTP and its jobs are taken over, then it records what it sent when it comes back, and each message arrives exactly once', async () => {
  const frozen = await h.startWorker();
  const batch = await enqueueMany(4).then((list) => list.map((m) => ({ ...m, to: m.to.toLowerCase() })));
  const ours = new Set(batch.map((m) => m.to));
  // The batch jobs that carry them (named on each record before the job was added).
  const batchJobIds = [
    ...new Set(await Promise.all(batch.map(async (m) => String((await jobOf(m.id))?.id)))),
  ];
  // At the first message the worker freezes (SIGSTOP) inside its SMTP calls: it renews no lock, so
  // another worker takes its jobs over as stalled, as after a kill; but it has not died.
  let frozeAt: number | undefined;
  const off = h.sink.onMessage((m) => {
    if (!m.envelopeTo.some((to) => ours.has(to))) return;
    off();
    frozen.child.kill('SIGSTOP');
    frozeAt = Date.now();
  });
  let resumed = false;
  try {
    await eventually(async () => frozeAt !== undefined);
    // The take-over holds a marked message back for far longer than starting a worker and noticing the
    // stall can take on a loaded machine, so the frozen worker is always back within the grace period.
    await startWorkerWith(h, { EMAIL_SENDING_GRACE_MS: String(HELD_BACK_MS) });
    // Every batch job was taken over and finished: each message was sent by it, or is held back in a
    // job of its own.
    await eventually(async () => {
      const batches = await Promise.all(batchJobIds.map((id) => emailQueue(h).getJob(id)));
      const batchStates = await Promise.all(batches.map(jobStateOf));
      if (!batches.every((j, i) => (j?.stalledCounter ?? 0) >= 1 && batchStates[i] === 'completed'))
        return false;
      const own = await Promise.all(batch.map((m) => jobOf(m.id)));
      return (await Promise.all(own.map(jobStateOf))).every((s) => ['delayed', 'completed'].includes(s));
    }, 20_000);
    frozen.child.kill('SIGCONT');
    resumed = true;

    await eventually(
      async () =>
        (await OutboxEmail.countDocuments({ _id: { $in: batch.map((m) => m.id) }, status: 'sent' })) ===
        batch.length,
      30_000,
    );
    // Every message is recorded as sent: the held-back jobs need not wait out their grace to see it.
    for (const m of batch) {
      const job = await jobOf(m.id);
      if ((await job?.getState()) === 'delayed') await job?.promote();
    }
    await eventually(async () => {
      const jobs = await Promise.all(batch.map((m) => jobOf(m.id)));
      return (await Promise.all(jobs.map((j) => j?.getState()))).every((s) => s === 'completed');
    }, 30_000);
    // The frozen worker's own SMTP calls are over once it has shut down (close() waits for its jobs).
    await frozen.stop('SIGTERM');
    for (const m of batch) {
      const record = await outboxRecord(m.id);
      const received = messagesTo(h.sink, m.to);
      expect({ to: m.to, copies: received.length }).toEqual({ to: m.to, copies: 1 });
      expect(received[0]?.messageId).toBe(record?.messageId);
    }
  } finally {
    off();
    if (!resumed) frozen.child.kill('SIGCONT');
  }
}, 60_000);
