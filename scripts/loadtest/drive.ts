import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { treeRss } from './processes';
import { type PhaseFigures, PhaseRecorder, type ProbeFigures, type ProcessFigures } from './report';
import type { Role, RouteName, RouteSpec } from './routes';

const READY_PROBE = join(__dirname, 'ready-probe.ts');

/**
 * Drives the running API: signs people in, finds the needs to open, runs autocannon per route, and
 * watches /ready, the API's RSS and its event-loop lag on the side.
 */

export interface Session {
  email: string;
  cookie: string;
  csrfToken: string;
}
export type Sessions = Record<Role, Session[]>;

/**
 * fetch for the setup steps: a refusal (503, 429) is waited out as its Retry-After asks, as a client
 * would, since the service may refuse while it warms up.
 */
async function setupFetch(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, init);
    if ((res.status !== 503 && res.status !== 429) || attempt >= 30) return res;
    await res.arrayBuffer();
    const seconds = Number(res.headers.get('retry-after'));
    await new Promise((r) =>
      setTimeout(r, 1000 * (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) : 1)),
    );
  }
}

/** Signs in with a cookie session through the login API, as the login form does. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const res = await setupFetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken?: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { email, cookie, csrfToken: body.csrfToken ?? '' };
}

async function getJson<T>(
  base: string,
  path: string,
  session: Session,
): Promise<{ status: number; body: T }> {
  const res = await setupFetch(`${base}${path}`, { headers: { cookie: session.cookie } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Up to `max` needs that have a candidate list, found as a coordinator would: the list, then each. */
export async function needsWithCandidates(base: string, coordinator: Session, max = 8): Promise<string[]> {
  const list = await getJson<{ items: { id: string }[] }>(base, '/api/v1/needs?pageSize=100', coordinator);
  const ids: string[] = [];
  for (const { id } of list.body.items ?? []) {
    const res = await setupFetch(`${base}/api/v1/needs/${id}/candidates`, {
      headers: { cookie: coordinator.cookie },
    });
    await res.arrayBuffer();
    if (res.status === 200) ids.push(id);
    if (ids.length >= max) break;
  }
  if (ids.length === 0) throw new Error('no need has a candidate list: the demo data set did not rank any');
  return ids;
}

const computedAt = async (base: string, id: string, s: Session) =>
  (await getJson<{ computedAt?: string }>(base, `/api/v1/needs/${id}/candidates`, s)).body.computedAt;

/** Ranks the needs again (over the generated experts too) and waits until each list is new, or gives up. */
export async function rankAgain(
  base: string,
  s: Session,
  ids: readonly string[],
  log: (line: string) => void,
  timeoutMs = 600_000,
): Promise<void> {
  const before = new Map<string, string | undefined>();
  for (const id of ids) {
    before.set(id, await computedAt(base, id, s));
    const res = await setupFetch(`${base}/api/v1/needs/${id}/rank`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
    });
    if (res.status !== 202) throw new Error(`rank ${id}: ${res.status} ${await res.text()}`);
  }
  const t0 = Date.now();
  const pending = new Set(ids);
  while (pending.size > 0 && Date.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 1_000));
    for (const id of [...pending]) if ((await computedAt(base, id, s)) !== before.get(id)) pending.delete(id);
  }
  const took = ((Date.now() - t0) / 1000).toFixed(0);
  log(`data: ${ids.length - pending.size} of ${ids.length} candidate lists ranked again in ${took} s`);
}

const EXPERT_QUERIES = ['王', '李', '张', 'wang', 'li', 'zh', '向德明', 'xdm', '刘', 'chen', '杨', 'huang'];

export interface Targets {
  needIds: readonly string[];
  sessions: Sessions;
  /** Each expert's availability as read at the start, for the PATCH to write back with a change. */
  availability: Map<string, Record<string, unknown>>;
}

/** Reads each expert's availability (the PATCH sends the whole object back, daysPerMonth changed). */
export async function readAvailability(base: string, experts: readonly Session[]) {
  const out = new Map<string, Record<string, unknown>>();
  for (const s of experts) {
    const me = await getJson<{ availability?: Record<string, unknown> }>(base, '/api/v1/experts/me', s);
    if (me.status !== 200 || !me.body.availability)
      throw new Error(`GET /api/v1/experts/me as ${s.email}: ${me.status}`);
    out.set(s.email, me.body.availability);
  }
  return out;
}

type Req = { method: string; path: string; headers: Record<string, string>; body?: string };

/** The request for the k-th call of a route by the `person`-th of its role: which need, which search. */
export function requestFor(spec: RouteSpec, k: number, t: Targets, person = k): Req {
  const people = spec.role ? t.sessions[spec.role] : [];
  const s = people[person % Math.max(1, people.length)];
  const headers: Record<string, string> = s ? { cookie: s.cookie } : {};
  const need = t.needIds[k % t.needIds.length];
  switch (spec.name) {
    case 'health':
      return { method: 'GET', path: '/health', headers };
    case 'candidates':
      return { method: 'GET', path: `/api/v1/needs/${need}/candidates`, headers };
    case 'need-page':
      return { method: 'GET', path: `/coordinator/needs/${need}`, headers };
    case 'expert-home':
      return { method: 'GET', path: '/expert', headers };
    case 'employer-home':
      return { method: 'GET', path: '/employer', headers };
    case 'need-list':
      return { method: 'GET', path: '/api/v1/needs?pageSize=20', headers };
    case 'expert-search': {
      const q = encodeURIComponent(EXPERT_QUERIES[k % EXPERT_QUERIES.length]);
      return { method: 'GET', path: `/api/v1/experts?q=${q}&pageSize=20`, headers };
    }
    case 'availability': {
      const availability = { ...t.availability.get(s.email), daysPerMonth: 4 + (k % 12) };
      return {
        method: 'PATCH',
        path: '/api/v1/experts/me',
        headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: JSON.stringify({ availability }),
      };
    }
  }
}

const hasRetryAfter = (headers: Record<string, string | string[]>) =>
  Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after');

export interface Driven {
  figures: PhaseFigures;
  latencies: { all: readonly number[]; served: readonly number[] };
}

type Requests = NonNullable<Parameters<typeof autocannon>[0]['requests']>;

/** The next person of each role to open a connection, over every phase driven on the same targets. */
const seats = new WeakMap<Targets, Map<Role, number>>();
function nextPerson(t: Targets, role: Role | undefined): number {
  if (!role) return 0;
  const counts = seats.get(t) ?? new Map<Role, number>();
  seats.set(t, counts);
  const n = counts.get(role) ?? 0;
  counts.set(role, n + 1);
  return n;
}

/** One autocannon instance on one route; resolves with its figures when the duration is over. */
export async function drive(
  base: string,
  spec: RouteSpec,
  connections: number,
  seconds: number,
  targets: Targets,
): Promise<Driven> {
  const recorder = new PhaseRecorder();
  let k = 0;
  let retryAfter = false;
  const requestsOf = (person: number): Requests => [
    {
      ...requestFor(spec, 0, targets, person),
      setupRequest: (req) => ({ ...req, ...requestFor(spec, k++, targets, person) }),
      // Runs just before the 'response' event of the same response: the header travels through this flag.
      onResponse: (_status, _body, _context, headers) => {
        retryAfter = hasRetryAfter(headers);
      },
    },
  ];
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: requestsOf(0),
    // A connection is one person, as a browser is: it sends one request at a time with one session, the
    // people of a role taken in turn. The per-user cap of expensive routes then refuses only where one
    // person really holds more connections than it allows (the mix, with more connections than people).
    setupClient: (client) => client.setRequests(requestsOf(nextPerson(targets, spec.role))),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    recorder.record(status, ms, retryAfter);
  });
  const result = await instance;
  const base_ = { route: spec.name, label: spec.label, connections, seconds: result.duration };
  // autocannon counts a timeout as an error too: the errors reported are the others.
  const counts = { errors: result.errors - result.timeouts, timeouts: result.timeouts };
  return { figures: recorder.figures(base_, counts), latencies: recorder.latencies() };
}

function lagFrom(metrics: string, name: string): number | undefined {
  const m = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(metrics);
  return m ? Number(m[1]) * 1000 : undefined;
}

/**
 * /ready every 250 ms (from a process of its own: ready-probe.ts), RSS every second, /metrics every 2 s,
 * and this process's CPU (the load generator's: near one core, the figures measure it, not the API),
 * from start() until stop().
 */
export class SideWatch {
  private probe?: ChildProcess;
  private cpu0 = process.cpuUsage();
  private t0 = performance.now();
  private rss: { mb: number; processes: number }[] = [];
  private lagP99: number[] = [];
  private lagMax: number[] = [];
  private scrapes = 0;
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly base: string,
    private readonly apiPid: number,
    private readonly metricsToken: string,
  ) {}

  start(): void {
    const track = (p: Promise<unknown>) => {
      this.inFlight.add(p);
      p.finally(() => this.inFlight.delete(p));
    };
    this.probe = fork(READY_PROBE, [this.base], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
    this.timers.push(
      setInterval(() => this.rss.push(treeRss(this.apiPid)), 1_000),
      setInterval(() => track(this.scrape()), 2_000),
    );
  }

  private async scrape(): Promise<void> {
    try {
      const res = await fetch(`${this.base}/metrics`, {
        headers: { authorization: `Bearer ${this.metricsToken}` },
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status !== 200) return void (await res.arrayBuffer());
      const text = await res.text();
      const p99 = lagFrom(text, 'yinling_nodejs_eventloop_lag_p99_seconds');
      const max = lagFrom(text, 'yinling_nodejs_eventloop_lag_max_seconds');
      if (p99 !== undefined) this.lagP99.push(p99);
      if (max !== undefined) this.lagMax.push(max);
      this.scrapes += 1;
    } catch {
      // refused or slow under load: a missing sample, counted by `scrapes`
    }
  }

  async stop(): Promise<{ ready: ProbeFigures; process: ProcessFigures }> {
    for (const t of this.timers) clearInterval(t);
    const cpu = process.cpuUsage(this.cpu0);
    const generatorCores = (cpu.user + cpu.system) / 1000 / (performance.now() - this.t0);
    this.rss.push(treeRss(this.apiPid));
    const [ready] = await Promise.all([this.readyFigures(), Promise.allSettled([...this.inFlight])]);
    const last = this.rss[this.rss.length - 1];
    return {
      ready,
      process: {
        generatorCores,
        processes: Math.max(...this.rss.map((r) => r.processes)),
        rssPeakMb: Math.max(...this.rss.map((r) => r.mb)),
        rssEndMb: last.mb,
        lagP99Ms: this.lagP99.length ? Math.max(...this.lagP99) : undefined,
        lagMaxMs: this.lagMax.length ? Math.max(...this.lagMax) : undefined,
        scrapes: this.scrapes,
      },
    };
  }

  private readyFigures(): Promise<ProbeFigures> {
    const probe = this.probe;
    const none: ProbeFigures = { probes: 0, maxMs: Number.NaN, slow: 0, failed: 0 };
    if (!probe?.connected) return Promise.resolve(none);
    return new Promise((resolve) => {
      probe.once('message', (figures) => resolve(figures as ProbeFigures));
      probe.once('exit', () => resolve(none));
      probe.send('stop');
    });
  }
}

export type { RouteName };
