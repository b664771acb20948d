import type { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './logger';

/** What the HTTP app needs from the process that hosts it. */
export interface AppContext {
  config: Readonly<Config>;
  logger: Logger;
  /** The API's producer connection (enableOfflineQueue: false). */
  redis: Redis;
}
