import { type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import { closeAtDeadline, sweepCallDeadlines } from '../../src/modules/calls/call-deadlines.service';
import {
  CALL_SWEEP_EVERY_MS,
  CallDeadlineJobData,
  scheduleCallSweep,
} from '../../src/modules/calls/calls.jobs';
import type { StartedQueue } from '../started-queue';

/** The `call-deadlines` queue: each job re-reads the call and closes it only if it is still open and due. */
export async function processCallDeadlineJob(ctx: Context, job: Job<unknown>): Promise<string> {
  const parsed = CallDeadlineJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid call deadline job data: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  switch (data.kind) {
    case 'close':
      return (await closeAtDeadline(ctx, data.callId)) ? 'closed' : 'not open or not due';
    case 'sweep': {
      const { closed, scheduled } = await sweepCallDeadlines(ctx);
      return `closed ${closed}, scheduled ${scheduled}`;
    }
  }
}

/**
 * At worker start: the periodic sweep is (re)scheduled, and one sweep runs at once, so calls whose
 * deadline passed while no worker ran are closed, and the delayed closes of the others are in Redis.
 */
export async function startCallDeadlines(ctx: Context): Promise<StartedQueue> {
  await scheduleCallSweep(ctx, CALL_SWEEP_EVERY_MS);
  const made = await sweepCallDeadlines(ctx);
  ctx.logger.info(made, 'call deadlines swept at start');
  return { processor: (job) => processCallDeadlineJob(ctx, job) };
}
