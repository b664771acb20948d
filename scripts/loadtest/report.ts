import type { RouteName } from './routes';

/**
 * The load test's figures and how they are printed: pure functions, so the tests can check them without
 * starting anything. A phase is one route (or the whole mix) under autocannon for a number of seconds.
 */

/** A refusal: what the overload guard and the per-user caps answer instead of queueing. */
const REFUSALS = new Set([503, 429]);

/** Latencies and statuses of one route in one phase, as the responses arrive. */
export class PhaseRecorder {
  private all: number[] = [];
  private served: number[] = [];
  readonly byStatus: Record<string, number> = {};
  refusals = 0;
  refusalsWithoutRetryAfter = 0;
  private ok = 0;

  record(status: number, ms: number, retryAfter: boolean): void {
    this.all.push(ms);
    if (status >= 200 && status < 300) this.ok += 1;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (REFUSALS.has(status)) {
      this.refusals += 1;
      if (!retryAfter) this.refusalsWithoutRetryAfter += 1;
    } else {
      this.served.push(ms);
    }
  }

  /** Everything in one phase's figures; errors (other than timeouts) and timeouts are autocannon's counts. */
  figures(base: PhaseBase, counts: { errors: number; timeouts: number }): PhaseFigures {
    return {
      ...base,
      responses: this.all.length,
      reqPerSec: base.seconds > 0 ? this.all.length / base.seconds : 0,
      okPerSec: base.seconds > 0 ? this.ok / base.seconds : 0,
      p50Ms: quantile(this.all, 0.5),
      p99Ms: quantile(this.all, 0.99),
      servedP99Ms: quantile(this.served, 0.99),
      errors: counts.errors,
      timeouts: counts.timeouts,
      byStatus: { ...this.byStatus },
      refusals: this.refusals,
      refusalsWithoutRetryAfter: this.refusalsWithoutRetryAfter,
    };
  }

  /** The latencies, all and served only, for percentiles over several routes (the mix). */
  latencies(): { all: readonly number[]; served: readonly number[] } {
    return { all: this.all, served: this.served };
  }
}

export interface PhaseBase {
  route: RouteName | 'mix';
  label: string;
  connections: number;
  seconds: number;
}

export interface PhaseFigures extends PhaseBase {
  responses: number;
  /** Every answer, refusals included. */
  reqPerSec: number;
  /** 2xx answers only: what the ratios to /health compare. */
  okPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 of the responses that were not refusals (503, 429). */
  servedP99Ms: number;
  /** Connection errors (resets, refused sockets); timeouts are counted apart. */
  errors: number;
  timeouts: number;
  byStatus: Record<string, number>;
  refusals: number;
  refusalsWithoutRetryAfter: number;
}

/** The /ready probe beside a phase: every 250 ms, each answer timed. */
export interface ProbeFigures {
  probes: number;
  maxMs: number;
  slow: number;
  failed: number;
}

/** The API's processes during a phase: RSS summed over them, and the event-loop lag /metrics reports. */
export interface ProcessFigures {
  /** CPU the load generator (autocannon, in the load test's own process) used, in cores. */
  generatorCores?: number;
  processes: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Largest p99 and max of the lag over the /metrics scrapes (each answered by one API process). */
  lagP99Ms?: number;
  lagMaxMs?: number;
  scrapes: number;
}

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** The whole mix as one phase: sums over its routes, the served p99 over all their responses. */
export function mixFigures(
  routes: readonly PhaseFigures[],
  latencies: { all: readonly number[]; served: readonly number[] },
  base: PhaseBase,
): PhaseFigures {
  const sum = (f: (p: PhaseFigures) => number) => routes.reduce((s, p) => s + f(p), 0);
  const byStatus: Record<string, number> = {};
  for (const p of routes) {
    for (const [status, n] of Object.entries(p.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
  }
  const responses = sum((p) => p.responses);
  return {
    ...base,
    responses,
    reqPerSec: base.seconds > 0 ? responses / base.seconds : 0,
    okPerSec: sum((p) => p.okPerSec),
    p50Ms: quantile(latencies.all, 0.5),
    p99Ms: quantile(latencies.all, 0.99),
    servedP99Ms: quantile(latencies.served, 0.99),
    errors: sum((p) => p.errors),
    timeouts: sum((p) => p.timeouts),
    byStatus,
    refusals: sum((p) => p.refusals),
    refusalsWithoutRetryAfter: sum((p) => p.refusalsWithoutRetryAfter),
  };
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '—');
const rate = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Statuses other than 2xx as "503×12 404×1", most frequent first. */
export function otherStatuses(byStatus: Record<string, number>): string {
  const rows = Object.entries(byStatus)
    .filter(([status]) => !status.startsWith('2'))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return rows.length === 0 ? '—' : rows.map(([status, n]) => `${status}×${n}`).join(' ');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].map(
    (l) => `  ${l.trimEnd()}`,
  );
}

/** One line per phase: req/s, 2xx/s and its ratio to /health's 2xx/s in the same run, latencies, failures. */
export function formatPhaseTable(phases: readonly PhaseFigures[], healthOkPerSec: number): string[] {
  const header = [
    'route',
    'conns',
    'req/s',
    '2xx/s',
    '× /health',
    'p50 ms',
    'p99 ms',
    'errors',
    'timeouts',
    'non-2xx',
  ];
  const rows = phases.map((p) => [
    p.label,
    String(p.connections),
    rate(p.reqPerSec),
    rate(p.okPerSec),
    healthOkPerSec > 0 ? (p.okPerSec / healthOkPerSec).toFixed(2) : '—',
    ms(p.p50Ms),
    ms(p.p99Ms),
    String(p.errors),
    String(p.timeouts),
    otherStatuses(p.byStatus),
  ]);
  return table(header, rows);
}

export interface TargetLine {
  figure: string;
  value: string;
  target: string;
  ok?: boolean;
}

/** A figure beside its target, in the layout of `npm run bench`. */
export function formatTarget({ figure, value, target, ok }: TargetLine): string {
  const mark = ok === undefined ? '' : ok ? '  ✓' : '  ✗ (misses target)';
  return `  ${figure.padEnd(58)} ${value.padStart(16)}   target ${target}${mark}`;
}

export interface RunFigures {
  health: PhaseFigures;
  phases: readonly PhaseFigures[];
  mix?: PhaseFigures;
  ready?: ProbeFigures;
  /** RSS and lag while the routes ran alone, and during the mix. */
  alone?: ProcessFigures;
  underMix?: ProcessFigures;
}

function ratioTarget(run: RunFigures, route: RouteName, min: number, p99?: number): TargetLine[] {
  const p = run.phases.find((x) => x.route === route);
  if (!p) return [];
  const ratio = run.health.okPerSec > 0 ? p.okPerSec / run.health.okPerSec : 0;
  const lines: TargetLine[] = [
    {
      figure: `${p.label} 2xx/s ÷ /health 2xx/s, ${p.connections} conns`,
      value: ratio.toFixed(2),
      target: `≥ ${min}`,
      ok: ratio >= min,
    },
  ];
  if (p99 !== undefined) {
    lines.push({
      figure: `${p.label} p99, ${p.connections} conns`,
      value: `${ms(p.p99Ms)} ms`,
      target: `≤ ${p99} ms`,
      ok: p.p99Ms <= p99,
    });
  }
  return lines;
}

function processLines(label: string, f: ProcessFigures | undefined): TargetLine[] {
  if (!f) return [];
  const lag =
    f.lagP99Ms === undefined
      ? 'not reported (/metrics did not answer)'
      : `${ms(f.lagP99Ms)} / ${ms(f.lagMaxMs ?? Number.NaN)} ms`;
  return [
    {
      figure: `API RSS ${label}, ${f.processes} process(es), peak / end`,
      value: `${f.rssPeakMb.toFixed(0)} / ${f.rssEndMb.toFixed(0)} MB`,
      target: '—',
    },
    {
      figure: `API event-loop lag ${label}, worst p99 / max (${f.scrapes} scrapes)`,
      value: lag,
      target: '—',
    },
    ...(f.generatorCores === undefined
      ? []
      : [
          {
            figure: `load generator CPU ${label} (autocannon, one process)`,
            value: `${f.generatorCores.toFixed(2)} cores`,
            // Past ~0.9 of its one core the generator, not the API, sets the pace: rates read low and
            // latencies and timeouts high.
            target: '< 0.9 (else the figures measure the generator)',
            ok: f.generatorCores < 0.9,
          },
        ]),
  ];
}

/** The targets, each with the figure measured in this run (a route not driven has none). */
export function targetLines(run: RunFigures): TargetLine[] {
  const lines = [...ratioTarget(run, 'candidates', 0.25, 300), ...ratioTarget(run, 'need-list', 0.3)];
  const { mix, ready } = run;
  if (mix) {
    const other = mix.responses - mix.refusals;
    lines.push(
      {
        figure: `mix, ${mix.connections} conns: timeouts`,
        value: String(mix.timeouts),
        target: '0',
        ok: mix.timeouts === 0,
      },
      // A 429 is the per-user cap of expensive routes refusing one person more than their share, not
      // overload: the mix has more coordinator connections than coordinators. With Retry-After it is a
      // graceful refusal too, counted apart.
      {
        figure: `mix: refusals (503/429), of them without Retry-After`,
        value: `${mix.refusals} / ${mix.refusalsWithoutRetryAfter}`,
        target: 'each a 503 or per-user 429 with Retry-After',
        ok: mix.refusalsWithoutRetryAfter === 0,
      },
      {
        figure: 'mix: of the refusals, per-user 429s (over one person’s share)',
        value: String(mix.byStatus['429'] ?? 0),
        target: '—',
      },
      { figure: `mix: requests served (not refused)`, value: String(other), target: '—' },
      {
        figure: 'mix: p99 of served requests',
        value: `${ms(mix.servedP99Ms)} ms`,
        target: '≤ 1000 ms',
        ok: mix.servedP99Ms <= 1000,
      },
      { figure: 'mix: errors (connection resets, refused sockets)', value: String(mix.errors), target: '—' },
    );
  }
  if (ready) {
    lines.push({
      figure: `/ready (management port) during the mix: slowest of ${ready.probes} (over 200 ms, failed)`,
      value: `${ms(ready.maxMs)} ms (${ready.slow}, ${ready.failed})`,
      target: 'every one ≤ 200 ms',
      ok: ready.probes > 0 && ready.slow === 0 && ready.failed === 0,
    });
  }
  return [
    ...lines,
    ...processLines('routes alone', run.alone),
    ...processLines('under the mix', run.underMix),
  ];
}
