import { type Job, UnrecoverableError } from 'bullmq';
import type { Context } from '../../src/context';
import {
  escalateServiceRequest,
  remindServiceRequest,
  sweepServiceDeadlines,
} from '../../src/modules/services/service-deadlines.service';
import {
  SERVICE_SWEEP_EVERY_MS,
  ServiceDeadlineJobData,
  scheduleServiceSweep,
} from '../../src/modules/services/services.jobs';
import type { StartedQueue } from '../started-queue';

/** The `service-deadlines` queue: each job re-reads the request and acts only if it is still due. */
export async function processServiceDeadlineJob(ctx: Context, job: Job<unknown>): Promise<string> {
  const parsed = ServiceDeadlineJobData.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`invalid service deadline job data: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  switch (data.kind) {
    case 'remind':
      return (await remindServiceRequest(ctx, data.requestId)) ? 'reminded' : 'not due or done';
    case 'escalate':
      return (await escalateServiceRequest(ctx, data.requestId)) ? 'escalated' : 'not due or done';
    case 'sweep': {
      const { reminded, escalated } = await sweepServiceDeadlines(ctx);
      return `reminded ${reminded}, escalated ${escalated}`;
    }
  }
}

/**
 * At worker start: the periodic sweep is (re)scheduled, and one sweep runs at once, so reminders and
 * escalations whose delayed jobs were lost while no worker ran are made up.
 */
export async function startServiceDeadlines(ctx: Context): Promise<StartedQueue> {
  await scheduleServiceSweep(ctx, SERVICE_SWEEP_EVERY_MS);
  const made = await sweepServiceDeadlines(ctx);
  ctx.logger.info(made, 'service deadlines swept at start');
  return { processor: (job) => processServiceDeadlineJob(ctx, job) };
}
