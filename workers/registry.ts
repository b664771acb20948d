import type { Processor } from 'bullmq';

/** One processor per queue; each feature's queue contract lives in its `*.jobs.ts`. */
export interface ProcessorEntry {
  queue: string;
  // biome-ignore lint/suspicious/noExplicitAny: each entry carries its own job type
  processor: Processor<any>;
  concurrency?: number;
}

export const processors: ProcessorEntry[] = [];
