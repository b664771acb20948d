import { z } from 'zod';
import file from './data/travel-times.json';

/**
 * Driving minutes between county seats from the committed road model (data/travel-times.json, built by
 * scripts/build-travel-times.ts; see data/README.md). Loaded and validated once per process; the matrix is
 * symmetric and stored as its upper triangle.
 */

/** Minutes at or above this mean "unreachable" (the matching engine's cap). */
export const MAX_TRAVEL_MINUTES = 65534;

const TravelTimesFile = z.object({
  description: z.string(),
  networkVersion: z.number().int(),
  encoding: z.literal('upper-triangle-uint16le-base64'),
  codes: z.array(z.string().regex(/^\d{6}$/)).min(1),
  minutes: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

function load() {
  const data = TravelTimesFile.parse(file);
  const n = data.codes.length;
  const bytes = Buffer.from(data.minutes, 'base64');
  if (bytes.length !== n * (n - 1)) {
    throw new Error(
      `travel-times.json: ${bytes.length} bytes of minutes, expected ${n * (n - 1)} for ${n} codes`,
    );
  }
  const full = new Uint16Array(n * n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = Math.min(MAX_TRAVEL_MINUTES, bytes.readUInt16LE(o));
      o += 2;
      full[i * n + j] = m;
      full[j * n + i] = m;
    }
  }
  const indexOf = new Map<string, number>();
  data.codes.forEach((code, i) => {
    if (indexOf.has(code)) throw new Error(`travel-times.json: ${code} appears twice`);
    indexOf.set(code, i);
  });
  return { n, full, indexOf };
}

const matrix = load();

function indexOfCode(code: string): number {
  const i = matrix.indexOf.get(code);
  if (i === undefined) throw new RangeError(`no travel times for region ${code}`);
  return i;
}

/** Whether the road model knows this county code. */
export function hasRoadTimes(code: string): boolean {
  return matrix.indexOf.has(code);
}

/**
 * The row-major R × R driving minutes between `codes`, in their order (0 on the diagonal, capped at
 * MAX_TRAVEL_MINUTES). Throws a RangeError on a code the model does not know. A fresh array each call.
 */
export function roadTravelMinutes(codes: readonly string[]): Uint16Array {
  const r = codes.length;
  const idx = Int32Array.from(codes, indexOfCode);
  const out = new Uint16Array(r * r);
  const { n, full } = matrix;
  for (let a = 0; a < r; a++) {
    const row = idx[a] * n;
    const base = a * r;
    for (let b = 0; b < r; b++) out[base + b] = full[row + idx[b]];
  }
  return out;
}

/** Driving minutes from one county seat to another by the road model. */
export function roadMinutesBetween(from: string, to: string): number {
  return matrix.full[indexOfCode(from) * matrix.n + indexOfCode(to)];
}
