import { request } from 'node:http';
import type { ProbeFigures } from './report';

/**
 * The /ready probe of a load test, in a process of its own (`fork`ed by SideWatch): in the process that
 * drives autocannon, a probe waits for that process's own busy event loop and measures the load
 * generator rather than the API. GET /ready on a new connection every 250 ms (as an orchestrator's probe
 * does), timed to the last byte; on the message 'stop' it sends its figures back and exits.
 */

const INTERVAL_MS = 250;
const TIMEOUT_MS = 5_000;

function probeReady(base: string): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(`${base}/ready`, { agent: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
    req.end();
  });
}

const base = process.argv[2];
if (!base || !process.send) throw new Error('ready-probe runs as a forked child: ready-probe.ts <base url>');
const times: number[] = [];
let failed = 0;
const pending = new Set<Promise<void>>();
const timer = setInterval(() => {
  const p = probeReady(base).then(({ ms, ok }) => {
    times.push(ms);
    if (!ok) failed += 1;
  });
  pending.add(p);
  void p.finally(() => pending.delete(p));
}, INTERVAL_MS);

process.on('message', async (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  await Promise.allSettled([...pending]);
  const figures: ProbeFigures = {
    probes: times.length,
    maxMs: times.length ? Math.max(...times) : Number.NaN,
    slow: times.filter((ms) => ms > 200).length,
    failed,
  };
  process.send?.(figures, () => process.exit(0));
});
