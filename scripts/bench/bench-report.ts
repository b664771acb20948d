/** Prints one benchmark figure beside its target. */
export function report(figure: string, value: string, target = '—', ok?: boolean): void {
  const mark = ok === undefined ? '' : ok ? '  ✓' : '  ✗ (misses target)';
  console.log(`  ${figure.padEnd(58)} ${value.padStart(16)}   target ${target}${mark}`);
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
