import type { Context } from '../src/context';
import { CALL_DEADLINES_QUEUE } from '../src/modules/calls/calls.jobs';
import { EXPERT_DIGESTS_QUEUE } from '../src/modules/digests/digests.jobs';
import { EMAIL_QUEUE } from '../src/modules/email/email.jobs';
import { OFFER_DEADLINES_QUEUE } from '../src/modules/matches/offer-deadlines.jobs';
import { MATCHING_QUEUE } from '../src/modules/ranking/ranking.jobs';
import { SERVICE_DEADLINES_QUEUE } from '../src/modules/services/services.jobs';
import { startCallDeadlines } from './processors/call-deadlines.processor';
import { startEmailQueue } from './processors/email.processor';
import { startExpertDigests } from './processors/expert-digests.processor';
import { processOfferDeadlineJob } from './processors/offer-deadlines.processor';
import { processMatchingJob } from './processors/ranking.processor';
import { startScheduleKeeper } from './processors/schedule-keeper';
import { startServiceDeadlines } from './processors/service-deadlines.processor';
import { startWorkflowSchedules } from './processors/workflow.start';
import type { StartedQueue } from './started-queue';

/** One processor per queue; each feature's queue contract lives in its `*.jobs.ts`. */
export interface ProcessorEntry {
  queue: string;
  concurrency?: number;
  /** Runs once when the worker process starts, on the process's context: builds the processor. */
  start(ctx: Context): Promise<StartedQueue>;
}

export const processors: ProcessorEntry[] = [
  { queue: EMAIL_QUEUE, start: startEmailQueue },
  // Ranking is CPU-bound on one shared store: one job at a time per worker process.
  {
    queue: MATCHING_QUEUE,
    concurrency: 1,
    start: async (ctx) => {
      await startWorkflowSchedules(ctx);
      // Restores the schedules and offer deadlines if Redis loses them while this process runs.
      const keeper = startScheduleKeeper(ctx, { intervalMs: ctx.config.workflow.scheduleCheckIntervalMs });
      return {
        processor: (job) => processMatchingJob(ctx, job),
        stop: { name: 'schedule keeper', run: () => keeper.stop() },
      };
    },
  },
  {
    queue: OFFER_DEADLINES_QUEUE,
    start: async (ctx) => ({ processor: (job) => processOfferDeadlineJob(ctx, job) }),
  },
  // Talent-service requests: reminders and escalations, swept at start and every few minutes.
  { queue: SERVICE_DEADLINES_QUEUE, start: startServiceDeadlines },
  // The experts' weekly digest: a weekly run, then one job per expert.
  { queue: EXPERT_DIGESTS_QUEUE, start: startExpertDigests },
  // Open calls: each closes at its deadline; swept at start and every few minutes.
  { queue: CALL_DEADLINES_QUEUE, start: startCallDeadlines },
];
