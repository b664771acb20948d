import fc from 'fast-check';
import { tenthsAddingUp } from '../../src/modules/ranking/candidate-page-view';

describe('points shown to one decimal', () => {
  it('when factor points are rounded for the page, then the rows add up to the score shown', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 12 }), (milli) => {
        const points = milli.map((m) => m / 1000);
        const score = milli.reduce((a, b) => a + b, 0) / 1000;
        const tenths = tenthsAddingUp(points);
        expect(tenths.reduce((a, b) => a + b, 0)).toBe(Math.round(score * 10));
        for (const [k, t] of tenths.entries()) expect(Math.abs(t / 10 - points[k])).toBeLessThan(0.1 + 1e-9);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
