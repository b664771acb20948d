import { setTimeout as sleep } from 'node:timers/promises';
import { QUEUES } from '../../src/context';
import type { Config } from '../../src/lib/config';
import { createQueue } from '../../src/lib/queue';
import { createRedis } from '../../src/lib/redis';

/** Job states that mean the workers still have work: what is due (delayed jobs wait for their time). */
const BUSY = ['waiting', 'active', 'prioritized', 'waiting-children'] as const;
const POLL_MS = 250;

/**
 * Waits until no queue holds a job waiting or running, or `timeoutMs` passes: the work the warm-up left
 * for the workers (rankings after availability edits, emails) is done before a phase is measured, so the
 * first phase (/health, which every ratio divides by) does not share the cores with it.
 */
export async function queuesIdle(
  config: Pick<Config, 'redis' | 'queue'>,
  timeoutMs: number,
): Promise<{ idle: boolean; waitedMs: number }> {
  const connection = createRedis(config, 'worker');
  const queues = QUEUES.map((name) => createQueue(name, connection, config));
  const started = performance.now();
  try {
    for (;;) {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...BUSY)));
      const waitedMs = performance.now() - started;
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return { idle: true, waitedMs };
      if (waitedMs > timeoutMs) return { idle: false, waitedMs };
      await sleep(POLL_MS);
    }
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  }
}
