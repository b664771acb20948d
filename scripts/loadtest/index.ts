import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/lib/config';
import { freePort } from '../../test/support/local-stack';
import { startSmtpSink } from '../../test/support/smtp-sink';
import { DEMO_PASSWORD } from '../seed/accounts';
import { LOADTEST_DB, loadData } from './data';
import {
  type Driven,
  drive,
  needsWithCandidates,
  rankAgain,
  readAvailability,
  type Sessions,
  SideWatch,
  signIn,
  type Targets,
} from './drive';
import { parseLoadtestArgs, USAGE } from './options';
import { killDescendantsNow, type Started, startProcess, stopTree, until } from './processes';
import { haproxyBinary, startProxy } from './proxy';
import { queuesIdle } from './queues-idle';
import { formatPhaseTable, formatTarget, mixFigures, type RunFigures, targetLines } from './report';
import { ROUTES, type RouteSpec, splitConnections } from './routes';
import { API_ENTRY, ensureBuilt, startMongo, startRedis, WORKERS_ENTRY } from './stack';

/**
 * `npm run loadtest`: the service as it is deployed — MongoDB, Redis, the built API and the built workers,
 * each its own process — under autocannon: each route alone, then all of them at once, with /ready, RSS and
 * event-loop lag watched on the side. Prints the figures beside the targets of issue 14. See options.ts.
 */

const log = (line: string) => console.log(`[loadtest] ${line}`);
/** How long the phases wait at most for the workers to finish what the warm-up gave them. */
const SETTLE_TIMEOUT_MS = 60_000;

/** Stops, newest first, whatever was started; run once, on the way out or on Ctrl-C. */
const stops: { name: string; run: () => Promise<void> }[] = [];
let stopping: Promise<void> | undefined;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const s of stops.reverse()) {
      await s.run().catch((err: unknown) => log(`stopping ${s.name}: ${String(err)}`));
    }
  })();
  return stopping;
}

const ready = (base: string) => () =>
  fetch(`${base}/ready`, { signal: AbortSignal.timeout(2_000) })
    .then((r) => r.status === 200)
    .catch(() => false);

async function signInAll(base: string, logins: Record<keyof Sessions, string[]>): Promise<Sessions> {
  const sessions: Sessions = { coordinator: [], expert: [], employer: [] };
  for (const role of Object.keys(logins) as (keyof Sessions)[]) {
    for (const email of logins[role]) sessions[role].push(await signIn(base, email, DEMO_PASSWORD));
  }
  return sessions;
}

async function main(): Promise<void> {
  const opts = parseLoadtestArgs(process.argv.slice(2));
  if (opts.help) return void console.log(USAGE);
  const routes = ROUTES.filter((r) => opts.only.includes(r.name));
  const health = ROUTES[0];

  const dir = mkdtempSync(join(tmpdir(), 'yinling-loadtest-'));
  process.once('exit', () => {
    killDescendantsNow();
    rmSync(dir, { recursive: true, force: true });
  });
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx), and a
  // second signal without a handler would end it before everything it started is stopped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      log(`${signal}: stopping everything`);
      void stopAll().finally(() => process.exit(130));
    });
  }

  ensureBuilt(log);
  const mongo = await startMongo(join(dir, 'mongo.log'));
  stops.push({ name: 'MongoDB', run: () => mongo.stop() });
  log(`MongoDB: ${mongo.kind} ${mongo.url}`);
  const redis = await startRedis();
  stops.push({ name: 'Redis', run: () => redis.stop() });
  const mail = await startSmtpSink();
  stops.push({ name: 'SMTP sink', run: () => mail.stop() });
  log(`Redis: ${redis.url}; SMTP sink: ${mail.url}`);

  const logins = await loadData({ mongoUrl: mongo.url, redisUrl: redis.url }, opts.experts, log);

  const port = await freePort();
  // Users come through the deployment's reverse proxy when HAProxy is here (scripts/proxy/haproxy.cfg).
  const haproxy = opts.direct ? undefined : haproxyBinary();
  const proxyPort = haproxy ? await freePort() : undefined;
  const base = `http://127.0.0.1:${proxyPort ?? port}`;
  const apiUrl = `http://127.0.0.1:${port}`;
  // Probes and scrapes go to the management port, as an orchestrator's would (see MANAGEMENT_PORT).
  const managementPort = await freePort();
  const management = `http://127.0.0.1:${managementPort}`;
  const metricsToken = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    MANAGEMENT_PORT: String(managementPort),
    PUBLIC_URL: base,
    MONGO_URL: mongo.url,
    MONGO_DB: LOADTEST_DB,
    REDIS_URL: redis.url,
    SMTP_URL: mail.url,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    LINK_SECRET: randomBytes(32).toString('hex'),
    METRICS_TOKEN: metricsToken,
    // Plain HTTP on the loopback: a Secure cookie would never come back.
    COOKIE_SECURE: 'false',
    // Every person signs in from this one address, where real users come from many.
    LOGIN_MAX_PER_IP: '1000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    WORKER_HEARTBEAT_FILE: join(dir, 'worker-heartbeat'),
  };
  const api = startProcess('API', process.execPath, [API_ENTRY], env, join(dir, 'api.log'));
  stops.push({ name: 'API', run: () => stopTree(api) });
  const workers = startProcess('workers', process.execPath, [WORKERS_ENTRY], env, join(dir, 'workers.log'));
  stops.push({ name: 'workers', run: () => stopTree(workers) });
  await until('/ready', ready(apiUrl), api);
  await until('the workers’ heartbeat', () => existsSync(env.WORKER_HEARTBEAT_FILE as string), workers);
  log(
    `API ${apiUrl} (pid ${api.child.pid}, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? 'unset'}); workers up`,
  );
  if (haproxy && proxyPort) {
    const proxy = await startProxy(haproxy, dir, port, proxyPort, (url) => ready(url)());
    stops.push({ name: 'HAProxy', run: () => proxy.stop() });
    log(`users → ${proxy.url} (${proxy.version}, scripts/proxy/haproxy.cfg) → API`);
  } else {
    log(
      opts.direct
        ? 'users → the API directly (--direct)'
        : 'users → the API directly: no haproxy on PATH (or in HAPROXY)',
    );
  }

  const sessions = await signInAll(base, logins);
  const needIds = await needsWithCandidates(base, sessions.coordinator[0]);
  if (opts.experts > 0) await rankAgain(base, sessions.coordinator[0], needIds, log);
  const targets: Targets = { needIds, sessions, availability: await readAvailability(base, sessions.expert) };
  log(
    `driving: ${sessions.coordinator.length} coordinators, ${sessions.expert.length} experts, ` +
      `${sessions.employer.length} employers signed in; ${needIds.length} needs with candidate lists`,
  );

  // The workers' queues, as the API and the workers name them (QUEUE_PREFIX, else the default).
  const queueConfig = loadConfig({
    NODE_ENV: 'development',
    REDIS_URL: redis.url,
    QUEUE_PREFIX: env.QUEUE_PREFIX,
  });
  const settle = async () => {
    const { idle, waitedMs } = await queuesIdle(queueConfig, SETTLE_TIMEOUT_MS);
    const seconds = (waitedMs / 1000).toFixed(1);
    log(idle ? `the workers' queues idle after ${seconds} s` : `the workers still busy after ${seconds} s`);
  };
  const run = await measure(
    base,
    api,
    { url: management, metricsToken },
    routes,
    health,
    targets,
    opts,
    settle,
  );
  console.log('');
  console.log(
    `Per route (each alone for ${opts.duration} s; the mix: all at once; ` +
      `${base === apiUrl ? 'on the API’s own port' : 'through the proxy'}):`,
  );
  for (const line of formatPhaseTable([...run.phases, ...(run.mix ? [run.mix] : [])], run.health.okPerSec)) {
    console.log(line);
  }
  if (run.mixRoutes.length > 0) {
    console.log('');
    console.log(`In the mix (${opts.mixConnections} connections split by weight):`);
    for (const line of formatPhaseTable(run.mixRoutes, run.health.okPerSec)) console.log(line);
  }
  console.log('');
  console.log('Beside the targets of issue 14:');
  for (const line of targetLines(run)) console.log(formatTarget(line));
}

async function measure(
  /** Where users come in: the proxy when there is one, else the API's port. */
  base: string,
  api: Started,
  /** Where /ready is probed and /metrics scraped (the management port), and the scrape's token. */
  side: { url: string; metricsToken: string },
  routes: readonly RouteSpec[],
  health: RouteSpec,
  targets: Targets,
  opts: ReturnType<typeof parseLoadtestArgs>,
  /** Waits for the work the warm-up left to the workers (queuesIdle). */
  settle: () => Promise<void>,
): Promise<RunFigures & { mixRoutes: Driven['figures'][] }> {
  const pid = api.child.pid as number;
  // Warm-up, not counted: compiled code paths, connection pools and caches as after some minutes of use.
  const warm = Math.min(5, opts.duration);
  log(`warm-up: every route at once, ${routes.length * 4} connections, ${warm} s (not counted)`);
  await Promise.all(routes.map((spec) => drive(base, spec, 4, warm, targets)));
  await settle();
  const alone = new SideWatch(side.url, pid, side.metricsToken);
  alone.start();
  const phases: Driven['figures'][] = [];
  for (const spec of routes) {
    log(`${spec.label}: ${opts.connections} connections, ${opts.duration} s`);
    phases.push((await drive(base, spec, opts.connections, opts.duration, targets)).figures);
  }
  const aloneFigures = await alone.stop();
  const healthFigures = phases.find((p) => p.route === health.name) ?? phases[0];

  log(`mix: ${opts.mixConnections} connections over ${routes.length} routes, ${opts.duration} s`);
  const split = splitConnections(routes, opts.mixConnections);
  const underMix = new SideWatch(side.url, pid, side.metricsToken);
  underMix.start();
  const driven = await Promise.all(
    routes.map((spec) => drive(base, spec, split.get(spec.name) ?? 1, opts.duration, targets)),
  );
  const mixWatch = await underMix.stop();
  const mixRoutes = driven.map((d) => d.figures);
  const seconds = Math.max(...mixRoutes.map((p) => p.seconds));
  const mix = mixFigures(
    mixRoutes,
    {
      all: driven.flatMap((d) => [...d.latencies.all]),
      served: driven.flatMap((d) => [...d.latencies.served]),
    },
    { route: 'mix', label: 'mix (all routes at once)', connections: opts.mixConnections, seconds },
  );
  return {
    health: healthFigures,
    phases,
    mix,
    mixRoutes,
    ready: mixWatch.ready,
    alone: aloneFigures.process,
    underMix: mixWatch.process,
  };
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit();
  });
