import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../../src/lib/config';

/** Prints one benchmark figure beside its target. */
export function report(figure: string, value: string, target = '—', ok?: boolean): void {
  const mark = ok === undefined ? '' : ok ? '  ✓' : '  ✗ (misses target)';
  console.log(`  ${figure.padEnd(58)} ${value.padStart(16)}   target ${target}${mark}`);
}

/** A full garbage collection now: V8's gc exposed at run time, so `npm run bench` needs no node flag. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

export function timeMs<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return [out, Number(process.hrtime.bigint() - t0) / 1e6];
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

export interface BenchModule {
  name: string;
  run(): Promise<void> | void;
}

/** A benchmark's configuration: quiet, on its own database and queue prefix, with `extra` settings. */
export function benchConfig(mongoUrl: string, redisUrl: string, extra: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    MONGO_DB: `yinling_bench_${randomBytes(4).toString('hex')}`,
    QUEUE_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
    ...extra,
  });
}
