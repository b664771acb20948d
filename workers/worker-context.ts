import type { Config } from '../src/lib/config';
import type { Logger } from '../src/lib/logger';

/** What a queue's start hook receives from the worker process that runs it. */
export interface WorkerStartContext {
  config: Readonly<Config>;
  logger: Logger;
}
