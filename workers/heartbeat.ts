import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Config } from '../src/lib/config';
import type { Logger } from '../src/lib/logger';
import type { ShutdownStep } from '../src/lib/shutdown';

/**
 * The worker process has no HTTP port for a container healthcheck, so it proves it is alive with a file:
 * every WORKER_HEARTBEAT_INTERVAL_MS, while its Redis connection is ready and its workers run, it writes the
 * time into WORKER_HEARTBEAT_FILE. `workers/healthcheck.ts` calls the worker healthy while that time is
 * fresh (three intervals at most). A worker that hangs, or has lost Redis, stops writing and turns unhealthy.
 */
type HeartbeatConfig = Pick<Config, 'worker'>;

/** Three missed beats: one late timer is not an outage. */
export const heartbeatMaxAgeMs = (config: HeartbeatConfig): number => config.worker.heartbeatIntervalMs * 3;

/** Starts beating (once now, then on the interval); the returned step stops and removes the file. */
export function startHeartbeat(
  config: HeartbeatConfig,
  logger: Logger,
  isHealthy: () => boolean,
): ShutdownStep {
  const file = config.worker.heartbeatFile;
  const beat = () => {
    if (!isHealthy()) return;
    try {
      // Written aside and renamed, so the healthcheck never reads half a file.
      writeFileSync(`${file}.tmp`, `${Date.now()}\n`);
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      logger.warn({ err, file }, 'heartbeat not written');
    }
  };
  beat();
  const timer = setInterval(beat, config.worker.heartbeatIntervalMs);
  timer.unref();
  return {
    name: 'heartbeat',
    run: () => {
      clearInterval(timer);
      rmSync(file, { force: true });
    },
  };
}

export interface HeartbeatCheck {
  healthy: boolean;
  reason: string;
}

/** Whether the heartbeat file holds a time no older than heartbeatMaxAgeMs. */
export function checkHeartbeat(config: HeartbeatConfig, now = Date.now()): HeartbeatCheck {
  const file = config.worker.heartbeatFile;
  let written: number;
  try {
    written = Number(readFileSync(file, 'utf8').trim());
  } catch {
    return { healthy: false, reason: `no heartbeat at ${file}` };
  }
  if (!Number.isFinite(written) || written <= 0) return { healthy: false, reason: `${file} holds no time` };
  const age = now - written;
  const maxAge = heartbeatMaxAgeMs(config);
  return age <= maxAge
    ? { healthy: true, reason: `heartbeat ${age} ms old` }
    : { healthy: false, reason: `heartbeat ${age} ms old, more than ${maxAge} ms` };
}
