import { parseArgs } from 'node:util';
import { ROUTE_NAMES, type RouteName } from './routes';

/** What `npm run loadtest -- …` was asked to do. Pure: parsed here, checked in the tests. */
export interface LoadtestOptions {
  /** Seconds each phase runs (every route alone, then the mix). */
  duration: number;
  /** Connections of each route's phase alone (the targets are at 100). */
  connections: number;
  /** Connections of the mix, all routes at once (the overload target is at 500). */
  mixConnections: number;
  /** Generated experts added to the demo data set; 0 for the demo data alone. */
  experts: number;
  /** Routes to drive (each alone and in the mix); /health is always measured beside them. */
  only: RouteName[];
  /** Drive the API's own port even when HAProxy is here to stand in front of it as deployed. */
  direct: boolean;
  help: boolean;
}

export const DEFAULTS = { duration: 60, quickDuration: 10, connections: 100, mixConnections: 500 } as const;

export const USAGE = `npm run loadtest -- [options]

Starts MongoDB, Redis, the API (node dist/src/server.js; WEB_CONCURRENCY is passed on) and the workers
(node dist/workers/main.js) as separate processes, loads the demo data, then drives each route alone and
all of them at once with autocannon, and prints the figures beside the issue's targets.

  --duration <s>          seconds per phase (default ${DEFAULTS.duration})
  --quick                 ${DEFAULTS.quickDuration} s per phase
  --connections <n>       connections of each route alone (default ${DEFAULTS.connections})
  --mix-connections <n>   connections of the mix (default ${DEFAULTS.mixConnections})
  --experts <n>           add n generated experts (e.g. 100000 or 100k) and rank the driven needs again
  --only <route,…>        only these routes (${ROUTE_NAMES.join(', ')})
  --direct                drive the API's port itself; by default, when haproxy is on PATH (or in HAPROXY),
                          users come through the reverse proxy of the deployment (scripts/proxy/haproxy.cfg)
  --help                  this text`;

function count(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const m = /^(\d+)(k)?$/i.exec(raw.trim());
  const n = m ? Number(m[1]) * (m[2] ? 1000 : 1) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new Error(`${flag} wants a whole number of at least ${min}, not "${raw}"`);
  }
  return n;
}

function routeList(raw: string | undefined): RouteName[] {
  if (raw === undefined) return [...ROUTE_NAMES];
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(ROUTE_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only: unknown route ${unknown.join(', ') || '(none)'}; routes: ${ROUTE_NAMES.join(', ')}`,
    );
  }
  const picked = new Set<string>(['health', ...names]);
  return ROUTE_NAMES.filter((n) => picked.has(n));
}

/** Parses the command line (without node and the script); a bad option throws with what was wrong. */
export function parseLoadtestArgs(argv: readonly string[]): LoadtestOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      quick: { type: 'boolean', default: false },
      connections: { type: 'string' },
      'mix-connections': { type: 'string' },
      experts: { type: 'string' },
      only: { type: 'string' },
      direct: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const fallback = values.quick ? DEFAULTS.quickDuration : DEFAULTS.duration;
  return {
    duration: count('--duration', values.duration, fallback, 1),
    connections: count('--connections', values.connections, DEFAULTS.connections, 1),
    mixConnections: count('--mix-connections', values['mix-connections'], DEFAULTS.mixConnections, 1),
    experts: count('--experts', values.experts, 0, 0),
    only: routeList(values.only),
    direct: values.direct ?? false,
    help: values.help ?? false,
  };
}
