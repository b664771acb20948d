import cluster, { type Worker } from 'node:cluster';
import { type Config, ConfigError, getConfig } from './lib/config';
import { createLogger, type Logger } from './lib/logger';

/** A worker that lived this long was healthy: its death restarts it at once and clears its backoff. */
const STABLE_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
/** The primary waits this much beyond a worker's own shutdown timer before it kills what is left. */
const PRIMARY_GRACE_MS = 5_000;

/**
 * Runs `work` (a process entry, e.g. the API's runProcess) in this process when WEB_CONCURRENCY is 1 or
 * this is already a cluster worker; otherwise this process becomes the cluster's primary and forks
 * WEB_CONCURRENCY workers that run the same entry and share its port (the primary hands out connections).
 * Sessions and rate limits live in Redis, so any worker may answer any request.
 */
export function runClustered(name: string, work: () => void): void {
  if (!cluster.isPrimary) {
    work();
    return;
  }
  let config: Readonly<Config>;
  try {
    config = getConfig();
  } catch (err) {
    // The same readable message runProcess gives: the operator has a variable to fix.
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  if (config.http.processes <= 1) {
    work();
    return;
  }
  runPrimary(config, createLogger(config.log.level, { process: `${name}-primary` }));
}

/**
 * The primary forks the workers and starts another in place of one that dies, after a delay that
 * doubles while replacements keep dying young (250 ms … 30 s), so a worker that cannot start (MongoDB
 * down) is retried without a crash loop. On SIGTERM/SIGINT it sends each worker SIGTERM, whose own
 * shutdown routine stops accepting, finishes its requests and closes its connections, and exits when
 * all have: 0 when every worker exited 0, else 1 (also when one is still running after its shutdown
 * timeout and the grace, which is then killed).
 */
function runPrimary(config: Readonly<Config>, logger: Logger): void {
  const size = config.http.processes;
  const slots = new Map<number, { slot: number; startedAt: number }>();
  const youngDeaths: number[] = new Array(size).fill(0);
  const restarts = new Set<NodeJS.Timeout>();
  let stopping = false;
  let failed = false;

  const fork = (slot: number): Worker => {
    const worker = cluster.fork();
    slots.set(worker.id, { slot, startedAt: Date.now() });
    return worker;
  };

  const finish = () => {
    logger.info({ code: failed ? 1 : 0 }, 'all API workers stopped');
    process.exit(failed ? 1 : 0);
  };

  cluster.on('exit', (worker, code, signal) => {
    const started = slots.get(worker.id);
    slots.delete(worker.id);
    if (!started) return;
    if (stopping) {
      if (code !== 0) failed = true;
      if (slots.size === 0) finish();
      return;
    }
    const { slot } = started;
    youngDeaths[slot] = Date.now() - started.startedAt < STABLE_AFTER_MS ? youngDeaths[slot] + 1 : 0;
    const delay =
      youngDeaths[slot] === 0
        ? 0
        : Math.min(FIRST_RESTART_DELAY_MS * 2 ** (youngDeaths[slot] - 1), MAX_RESTART_DELAY_MS);
    logger.error(
      { pid: worker.process.pid, code, signal, restartInMs: delay },
      'API worker exited; starting another',
    );
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork(slot);
    }, delay);
    restarts.add(timer);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: slots.size }, 'stopping API workers');
    for (const timer of restarts) clearTimeout(timer);
    if (slots.size === 0) {
      finish();
      return;
    }
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      logger.error({ left: slots.size }, 'API workers did not stop in time; killing them');
      failed = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + PRIMARY_GRACE_MS);
    timer.unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  logger.info({ workers: size, port: config.http.port }, 'starting API workers');
  for (let slot = 0; slot < size; slot += 1) fork(slot);
}
