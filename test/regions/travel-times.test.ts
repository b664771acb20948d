import { readFileSync } from 'node:fs';
import {
  allPairsMinutes,
  compareWithKnown,
  loadInputs,
  median,
  OUT_FILE,
  serialise,
} from '../../scripts/build-travel-times';
import { listRegions } from '../../src/modules/regions/regions.service';
import {
  MAX_TRAVEL_MINUTES,
  roadMinutesBetween,
  roadTravelMinutes,
} from '../../src/modules/regions/travel-times';

const { seats, network, known } = loadInputs();
const codes = listRegions().map((r) => r.code);
const n = codes.length;
const matrix = roadTravelMinutes(codes);
const report = compareWithKnown(known, seats, matrix);
const show = (rows: typeof report) =>
  rows.map((r) => `${r.label}: model ${r.model} / known ${r.known} = ${r.ratio.toFixed(2)}`).join('\n');

describe('road travel times', () => {
  it('when the network is rebuilt, then it gives exactly the committed matrix', () => {
    const rebuilt = serialise(network, seats, allPairsMinutes(network, seats));
    expect(readFileSync(OUT_FILE, 'utf8')).toBe(rebuilt);
  });

  it('when compared with the known driving times, then every one is within 20%', () => {
    expect(known.pairs.length).toBeGreaterThanOrEqual(38);
    const worst = [...report].sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)));
    const outside = worst.filter((r) => r.ratio < 0.8 || r.ratio > 1.2);
    if (outside.length > 0)
      throw new Error(`outside 20%:\n${show(outside)}\nworst:\n${show(worst.slice(0, 8))}`);
  });

  it('when compared with straight line × 1.4 at 60 km/h, then the model is closer to the known times', () => {
    const model = median(report.map((r) => Math.abs(Math.log(r.ratio))));
    const straight = median(report.map((r) => Math.abs(Math.log(r.straight / r.known))));
    expect(model).toBeLessThan(straight / 2);
  });

  it('when reading the matrix, then it is symmetric, zero on the diagonal and every pair is reachable', () => {
    for (let i = 0; i < n; i++) {
      expect(matrix[i * n + i]).toBe(0);
      for (let j = i + 1; j < n; j++) {
        const m = matrix[i * n + j];
        if (m !== matrix[j * n + i] || m <= 0 || m >= MAX_TRAVEL_MINUTES) {
          throw new Error(`${codes[i]}–${codes[j]}: ${m} / ${matrix[j * n + i]}`);
        }
      }
    }
  });

  it('when asked for a subset in any order, then rows and columns follow the codes given', () => {
    const sub = roadTravelMinutes(['422801', '500114', '422801']);
    const qe = roadMinutesBetween('500114', '422801');
    expect([...sub]).toEqual([0, qe, 0, qe, 0, qe, 0, qe, 0]);
    expect(roadMinutesBetween('422801', '500114')).toBe(qe);
  });

  it('when a code is unknown, then it throws', () => {
    expect(() => roadTravelMinutes(['500114', '999999'])).toThrow(RangeError);
    expect(() => roadMinutesBetween('500100', '500114')).toThrow(RangeError);
  });

  it('when the whole matrix is copied, then it takes under 10 ms', () => {
    // The best of a few runs: the first ones run unoptimised, and test machines are shared.
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const started = process.hrtime.bigint();
      roadTravelMinutes(codes);
      best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    }
    expect(best).toBeLessThan(10);
  });
});
