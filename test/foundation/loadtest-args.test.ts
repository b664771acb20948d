import { parseLoadtestArgs } from '../../scripts/loadtest/options';
import {
  formatPhaseTable,
  formatTarget,
  mixFigures,
  otherStatuses,
  type PhaseFigures,
  PhaseRecorder,
  targetLines,
} from '../../scripts/loadtest/report';
import { ROUTE_NAMES, ROUTES, splitConnections } from '../../scripts/loadtest/routes';

/** `npm run loadtest`'s option parsing and report: pure functions, nothing is started here. */

describe('loadtest options', () => {
  it('when no option is given, then every route runs 60 s at 100 connections and the mix at 500', () => {
    expect(parseLoadtestArgs([])).toEqual({
      duration: 60,
      connections: 100,
      mixConnections: 500,
      experts: 0,
      only: [...ROUTE_NAMES],
      direct: false,
      help: false,
    });
  });

  it('when --direct is given, then users drive the API itself instead of the reverse proxy', () => {
    expect(parseLoadtestArgs(['--direct']).direct).toBe(true);
  });

  it('when --quick is given, then a phase takes 10 s unless --duration says otherwise', () => {
    expect(parseLoadtestArgs(['--quick']).duration).toBe(10);
    expect(parseLoadtestArgs(['--quick', '--duration', '30']).duration).toBe(30);
  });

  it('when numbers are given, then 100k means 100000 and --only keeps /health beside the routes named', () => {
    const opts = parseLoadtestArgs([
      '--experts',
      '100k',
      '--connections=50',
      '--only',
      'need-list,candidates',
    ]);
    expect(opts.experts).toBe(100_000);
    expect(opts.connections).toBe(50);
    expect(opts.only).toEqual(['health', 'candidates', 'need-list']);
  });

  it.each([
    [['--duration', '0']],
    [['--connections', 'many']],
    [['--only', 'nowhere']],
    [['--only', '']],
    [['--speed', '3']],
    [['extra']],
  ])('when the command line is %j, then it is refused with what is wrong', (argv) => {
    expect(() => parseLoadtestArgs(argv)).toThrow();
  });
});

describe('loadtest mix', () => {
  it('when connections are split, then every route gets one and the shares follow the weights', () => {
    const split = splitConnections(ROUTES, 500);
    expect([...split.values()].reduce((s, n) => s + n, 0)).toBe(500);
    expect(Math.min(...split.values())).toBeGreaterThanOrEqual(1);
    expect(split.get('candidates')).toBeGreaterThan(split.get('health') as number);
    expect([...splitConnections(ROUTES, 3).values()].every((n) => n === 1)).toBe(true);
  });
});

const phase = (over: Partial<PhaseFigures>): PhaseFigures => ({
  route: 'health',
  label: 'GET /health',
  connections: 100,
  seconds: 10,
  responses: 1000,
  reqPerSec: 100,
  okPerSec: 100,
  p50Ms: 5,
  p99Ms: 20,
  servedP99Ms: 20,
  errors: 0,
  timeouts: 0,
  byStatus: { 200: 1000 },
  refusals: 0,
  refusalsWithoutRetryAfter: 0,
  ...over,
});

describe('loadtest report', () => {
  it('when responses are recorded, then refusals are counted apart and left out of the served p99', () => {
    const r = new PhaseRecorder();
    for (let k = 1; k <= 98; k++) r.record(200, k, false);
    r.record(503, 5000, true);
    r.record(429, 6000, false);
    const f = r.figures(
      { route: 'candidates', label: 'c', connections: 10, seconds: 2 },
      { errors: 1, timeouts: 2 },
    );
    expect(f).toMatchObject({
      responses: 100,
      reqPerSec: 50,
      okPerSec: 49,
      refusals: 2,
      refusalsWithoutRetryAfter: 1,
    });
    expect(f.servedP99Ms).toBe(98);
    expect(f.p99Ms).toBe(6000);
    expect(otherStatuses(f.byStatus)).toBe('429×1 503×1');
  });

  it('when the table is printed, then each route shows its ratio to /health', () => {
    const lines = formatPhaseTable(
      [
        phase({}),
        phase({
          route: 'candidates',
          label: 'candidates',
          reqPerSec: 40,
          okPerSec: 30,
          byStatus: { 200: 9, 503: 2 },
        }),
      ],
      100,
    );
    expect(lines[0]).toMatch(/route\s+conns\s+req\/s\s+2xx\/s\s+× \/health/);
    expect(lines[3]).toMatch(/^ {2}candidates\s+100\s+40\.0\s+30\.0\s+0\.30\s.*503×2$/);
  });

  it('when figures meet or miss the targets, then each line says so beside the target', () => {
    const mix = mixFigures(
      [phase({ timeouts: 3, refusals: 4, refusalsWithoutRetryAfter: 1, byStatus: { 200: 996, 503: 4 } })],
      { all: [1, 2, 3], served: [1, 2, 3] },
      { route: 'mix', label: 'mix', connections: 500, seconds: 10 },
    );
    const lines = targetLines({
      health: phase({}),
      phases: [
        phase({}),
        phase({ route: 'candidates', label: 'candidates', reqPerSec: 90, okPerSec: 30, p99Ms: 250 }),
      ],
      mix,
      ready: { probes: 40, maxMs: 120, slow: 0, failed: 0 },
    });
    const byFigure = (text: string) => lines.find((l) => l.figure.includes(text));
    expect(byFigure('÷ /health')).toMatchObject({ value: '0.30', ok: true });
    expect(byFigure('candidates p99')).toMatchObject({ ok: true });
    expect(byFigure('timeouts')).toMatchObject({ value: '3', ok: false });
    expect(byFigure('Retry-After')).toMatchObject({ value: '4 / 1', ok: false });
    expect(byFigure('/ready')).toMatchObject({ ok: true });
    expect(formatTarget({ figure: 'x', value: '1', target: '0', ok: false })).toMatch(/target 0 {2}✗/);
  });

  it('when the mix refuses with 503s and per-user 429s, each with Retry-After, then the refusals meet the target and the 429s are shown apart', () => {
    const mix = mixFigures(
      [phase({ refusals: 7, byStatus: { 200: 993, 503: 4, 429: 3 } })],
      { all: [1, 2, 3], served: [1, 2, 3] },
      { route: 'mix', label: 'mix', connections: 500, seconds: 10 },
    );
    const lines = targetLines({ health: phase({}), phases: [phase({})], mix });
    expect(lines.find((l) => l.figure.includes('Retry-After'))).toMatchObject({ value: '7 / 0', ok: true });
    expect(lines.find((l) => l.figure.includes('per-user 429s'))).toMatchObject({ value: '3' });
  });
});
