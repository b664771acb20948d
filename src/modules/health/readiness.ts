import { performance } from 'node:perf_hooks';

export interface Readiness {
  ready: boolean;
  checks: { mongo: 'up' | 'down'; redis: 'up' | 'down' };
}

/** A result older than this many READY_CACHE_MS is not answered any more: the probe waits for a new check. */
const STALE_AFTER = 5;

/**
 * /ready's answer, from the last check while it is young (`cacheMs`). Past that and up to STALE_AFTER times
 * it, the last result is still answered at once while one new check runs behind it; older, or none yet, the
 * probe waits for the check. Concurrent probes share one check. With `cacheMs` 0 every probe checks.
 * The age counts from when a check started, so a result never looks younger than what it saw.
 */
export function cachedReadiness(
  check: () => Promise<Readiness>,
  cacheMs: number,
  now: () => number = () => performance.now(),
): () => Promise<Readiness> {
  let last: { startedAt: number; result: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;
  const refresh = (): Promise<Readiness> => {
    if (running) return running;
    const startedAt = now();
    running = check()
      .then((result) => {
        last = { startedAt, result };
        return result;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return () => {
    if (cacheMs === 0) return check();
    const age = last ? now() - last.startedAt : Number.POSITIVE_INFINITY;
    if (last && age < cacheMs) return Promise.resolve(last.result);
    if (last && age < STALE_AFTER * cacheMs) {
      void refresh().catch(() => undefined);
      return Promise.resolve(last.result);
    }
    return refresh();
  };
}
