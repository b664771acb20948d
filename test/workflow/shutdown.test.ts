import { QueueEvents } from 'bullmq';
import { EMAIL_QUEUE } from '../../src/modules/email/email.jobs';
import { enqueueEmail } from '../../src/modules/email/email.service';
import { verifyEmail } from '../email/email-harness';
import { emailQueue, messagesTo, outboxRecord, outcomeOf, sleep, waitForEmailJob } from './delivery-helpers';
import { startWorkflowHarness, type WorkflowHarness } from './workflow-harness';

/** SIGTERM is the orchestrator's "please stop": the job in hand is finished first, then the process exits. */
let h: WorkflowHarness;
let events: QueueEvents;
beforeAll(async () => {
  h = await startWorkflowHarness();
  events = new QueueEvents(EMAIL_QUEUE, {
    connection: { url: h.t.config.redis.url },
    prefix: h.t.config.queue.prefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events.close();
  await h.close();
});

test('when a worker gets SIGTERM during a job, then the job completes, the process exits 0 and nothing is left stalled or active', async () => {
  const stalled: string[] = [];
  const failed: string[] = [];
  events.on('stalled', ({ jobId }) => stalled.push(jobId));
  events.on('failed', ({ jobId }) => failed.push(jobId));

  const worker = await h.startWorker();
  const input = verifyEmail(h.t.config.http.publicUrl);
  let signalled = false;
  const off = h.sink.onMessage(async (m) => {
    if (!m.envelopeTo.includes(input.to)) return;
    // The job is active and mid-send: ask the process to stop, and answer 250 only 1.5 s later.
    signalled = worker.child.kill('SIGTERM');
    await sleep(1_500);
  });
  try {
    const { id } = await enqueueEmail(h.t.ctx, input);
    expect(await worker.exited).toBe(0);
    expect(signalled).toBe(true);

    expect(await outboxRecord(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(messagesTo(h.sink, input.to)).toHaveLength(1);
    const job = await waitForEmailJob(h, id, ['completed'], 1_000);
    expect(outcomeOf(job, id)).toBe('sent');
    expect(job.stalledCounter).toBe(0);
    expect(await emailQueue(h).getJobCounts('active', 'waiting', 'delayed', 'failed')).toEqual({
      active: 0,
      waiting: 0,
      delayed: 0,
      failed: 0,
    });
    expect(worker.output()).toContain('"stopped"');
    expect(stalled).toEqual([]);
    expect(failed).toEqual([]);
  } finally {
    off();
  }
});
