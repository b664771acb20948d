import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { uniqueName } from '../support/app';
import { freePort } from '../support/local-stack';

// The API as production starts it (src/server.ts, through tsx) with WEB_CONCURRENCY=2: a primary that
// forks two workers on one port, replaces one that dies, and stops them all on SIGTERM.
const ROOT = join(__dirname, '..', '..');

/** /health over a fresh connection (no keep-alive), so the primary hands each to the next worker. */
function healthPid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () =>
        res.statusCode === 200 ? resolve(JSON.parse(body).pid) : reject(new Error(`${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('/health did not answer in 5 s')));
  });
}

/** The status of a GET over a fresh connection. */
function statusOf(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error(`${path} did not answer in 5 s`)));
  });
}

async function pidsAnswering(port: number, tries = 12): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i += 1) pids.add(await healthPid(port));
  return pids;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('when WEB_CONCURRENCY is 2, then two workers answer on one port (probes on the management port too), a killed one is replaced, and SIGTERM stops all with exit 0', async () => {
  const port = await freePort();
  const managementPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      MANAGEMENT_PORT: String(managementPort),
      MONGO_URL: process.env.MONGO_URL,
      REDIS_URL: process.env.REDIS_URL,
      MONGO_DB: uniqueName('yinling_cluster'),
      QUEUE_PREFIX: uniqueName('c'),
      WEB_CONCURRENCY: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listening = () => out.split('\n').filter((line) => line.includes('"API listening"')).length;
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = async (condition: () => boolean, what: string, exiting = false) => {
    const deadline = Date.now() + 45_000;
    while (!condition()) {
      if (Date.now() > deadline || (!exiting && child.exitCode !== null))
        throw new Error(`no ${what}:\n${out}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  try {
    await until(() => listening() === 2, 'two workers listening');
    const first = await pidsAnswering(port);
    expect(first.size).toBe(2);
    expect(first.has(child.pid ?? -1)).toBe(false);
    // The management port: the same workers answer the probes there, and nothing else.
    expect(first.has(await healthPid(managementPort))).toBe(true);
    expect(await statusOf(managementPort, '/ready')).toBe(200);
    expect(await statusOf(managementPort, '/api/v1/regions')).toBe(404);

    const [victim, survivor] = [...first];
    process.kill(victim, 'SIGKILL');
    // Once the primary has seen the death, and while the replacement starts, the survivor answers.
    // (A connection handed to the victim in the instant it died is lost, as with any crash.)
    await until(() => out.includes('"API worker exited; starting another"'), 'notice of the death');
    expect(await healthPid(port)).toBe(survivor);
    await until(() => listening() === 3, 'a replacement worker');
    const second = await pidsAnswering(port);
    expect(second.size).toBe(2);
    expect(second.has(survivor)).toBe(true);
    expect(second.has(victim)).toBe(false);

    child.kill('SIGTERM');
    await until(() => child.exitCode !== null || child.signalCode !== null, 'exit after SIGTERM', true);
    expect(await exited).toBe(0);
    for (const pid of second) expect(alive(pid)).toBe(false);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- the server's output:\n${out}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
