import type { Processor } from 'bullmq';
import type { ShutdownStep } from '../src/lib/shutdown';
import { EMAIL_QUEUE } from '../src/modules/email/email.jobs';
import { OFFER_DEADLINES_QUEUE } from '../src/modules/matches/offer-deadlines.jobs';
import { MATCHING_QUEUE } from '../src/modules/ranking/ranking.jobs';
import { processEmailJob, startEmailWorker } from './processors/email.processor';
import { processOfferDeadlineJob } from './processors/offer-deadlines.processor';
import { processMatchingJob } from './processors/ranking.processor';
import { startWorkflowWorker } from './processors/workflow.start';
import type { WorkerStartContext } from './worker-context';

export type { WorkerStartContext };

/** One processor per queue; each feature's queue contract lives in its `*.jobs.ts`. */
export interface ProcessorEntry {
  queue: string;
  // biome-ignore lint/suspicious/noExplicitAny: each entry carries its own job type
  processor: Processor<any>;
  concurrency?: number;
  /** Runs once when the worker process starts (after its workers); returns how to stop what it began. */
  start?: (ctx: WorkerStartContext) => Promise<ShutdownStep>;
}

export const processors: ProcessorEntry[] = [
  { queue: EMAIL_QUEUE, processor: (job) => processEmailJob(job), start: startEmailWorker },
  // Ranking is CPU-bound on one shared store: one job at a time per worker process.
  { queue: MATCHING_QUEUE, processor: processMatchingJob, concurrency: 1, start: startWorkflowWorker },
  { queue: OFFER_DEADLINES_QUEUE, processor: processOfferDeadlineJob },
];
