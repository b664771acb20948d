import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config';
import { createLogger } from '../../src/lib/logger';
import { checkHeartbeat, startHeartbeat } from '../../workers/heartbeat';
import { testConfig } from '../support/app';
import { type RedisProcess, startRedisServer } from '../support/local-stack';
import { startWorkerProcess, type WorkerProcess } from './worker-process';
import { envFor } from './workflow-harness';

// The worker container has no HTTP port: its healthcheck (workers/healthcheck.ts) reads the heartbeat file
// the worker process writes while its Redis connection is ready.

const ROOT = join(__dirname, '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yinling-heartbeat-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const heartbeatConfig = (file: string, intervalMs = 1000) =>
  loadConfig({ WORKER_HEARTBEAT_FILE: file, WORKER_HEARTBEAT_INTERVAL_MS: String(intervalMs) });

/** Runs the healthcheck script as the container does (through tsx here, dist/ in the image). */
function healthcheck(env: Record<string, string>): { status: number | null; output: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'workers', 'healthcheck.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('the heartbeat', () => {
  afterEach(() => jest.useRealTimers());

  test('when the worker is healthy, then it writes the time at start and on every interval, and removes the file when stopped', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const file = join(dir, 'beating');
    const config = heartbeatConfig(file);
    const stop = startHeartbeat(config, createLogger('silent'), () => true);
    expect(readFileSync(file, 'utf8').trim()).toBe('1000000');
    jest.advanceTimersByTime(1000);
    expect(readFileSync(file, 'utf8').trim()).toBe('1001000');
    expect(checkHeartbeat(config).healthy).toBe(true);
    void stop.run();
    expect(existsSync(file)).toBe(false);
    expect(checkHeartbeat(config)).toEqual({ healthy: false, reason: `no heartbeat at ${file}` });
  });

  test('when Redis is not ready, then no beat is written and the check turns unhealthy after three intervals', () => {
    jest.useFakeTimers({ now: 2_000_000 });
    const file = join(dir, 'fading');
    const config = heartbeatConfig(file);
    let ready = true;
    const stop = startHeartbeat(config, createLogger('silent'), () => ready);
    ready = false;
    jest.advanceTimersByTime(3000);
    expect(readFileSync(file, 'utf8').trim()).toBe('2000000');
    expect(checkHeartbeat(config).healthy).toBe(true);
    jest.advanceTimersByTime(1000);
    expect(checkHeartbeat(config)).toMatchObject({
      healthy: false,
      reason: expect.stringMatching(/4000 ms old/),
    });
    ready = true;
    jest.advanceTimersByTime(1000);
    expect(checkHeartbeat(config).healthy).toBe(true);
    void stop.run();
  });

  test('when the file holds no time, then the check is unhealthy', () => {
    const file = join(dir, 'garbage');
    writeFileSync(file, 'not a time\n');
    expect(checkHeartbeat(heartbeatConfig(file)).healthy).toBe(false);
  });

  test('when the healthcheck script runs, then it exits 0 on a fresh heartbeat and 1 on a stale or missing one', () => {
    const file = join(dir, 'script');
    const env = { NODE_ENV: 'test', WORKER_HEARTBEAT_FILE: file, WORKER_HEARTBEAT_INTERVAL_MS: '10000' };
    expect(healthcheck(env).status).toBe(1);
    writeFileSync(file, `${Date.now()}\n`);
    expect(healthcheck(env)).toMatchObject({
      status: 0,
      output: expect.stringMatching(/^heartbeat \d+ ms old/),
    });
    writeFileSync(file, `${Date.now() - 60_000}\n`);
    expect(healthcheck(env).status).toBe(1);
  });
});

describe('a real worker process', () => {
  let redis: RedisProcess;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await redis.stop();
  });

  /** Polls the heartbeat (in this process, as the script does) until it is healthy or not. */
  async function untilHealthy(config: ReturnType<typeof heartbeatConfig>, healthy: boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (checkHeartbeat(config).healthy !== healthy) {
      if (Date.now() > deadline)
        throw new Error(`heartbeat not ${healthy ? 'healthy' : 'stale'}:\n${worker?.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('when workers/main.ts runs, then it beats while Redis is up, goes stale while it is down, and removes the file on SIGTERM', async () => {
    const file = join(dir, 'worker-process');
    const interval = 200;
    const config = heartbeatConfig(file, interval);
    const env = envFor(testConfig({ REDIS_URL: redis.url }), {
      WORKER_HEARTBEAT_FILE: file,
      WORKER_HEARTBEAT_INTERVAL_MS: String(interval),
    });
    worker = startWorkerProcess(env);
    await worker.ready;
    await untilHealthy(config, true);
    expect(healthcheck(env).status).toBe(0);

    await redis.stop();
    await untilHealthy(config, false);
    expect(healthcheck(env).status).toBe(1);

    redis = await startRedisServer(redis.port);
    await untilHealthy(config, true);

    const exited = worker.stop('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(false);
    worker = undefined;
  });
});

test('when the heartbeat file is not configured, then it defaults to the system temporary directory', () => {
  expect(loadConfig({}).worker).toEqual({
    heartbeatFile: join(tmpdir(), 'yinling-worker-heartbeat'),
    heartbeatIntervalMs: 10_000,
  });
});
