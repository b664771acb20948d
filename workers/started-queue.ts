import type { Processor } from 'bullmq';
import type { ShutdownStep } from '../src/lib/shutdown';

/** A queue's processor as the worker process runs it, and how to stop what its start began. */
export interface StartedQueue {
  // biome-ignore lint/suspicious/noExplicitAny: each queue carries its own job type
  processor: Processor<any>;
  /** Jobs run at once, when the queue's own setting decides it (else the entry's, else WORKER_CONCURRENCY). */
  concurrency?: number;
  stop?: ShutdownStep;
}
