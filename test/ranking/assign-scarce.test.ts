import { makeAssignInstance } from '../../scripts/bench/assignment-instances';
import { lpOptimumMilli } from '../../scripts/bench/lp-optimum';
import { seededRng } from '../../scripts/bench/synthetic-data';
import { assignBatch } from '../../src/modules/ranking/engine';
import { toFlowProblem } from '../../src/modules/ranking/engine/assign-batch';

describe('batch assignment on seeded scarce instances', () => {
  it.each([11, 12, 13])(
    'when experts are scarce (seed %i), then the flow reaches the LP optimum and greedy is ≥ 5%% below',
    async (seed) => {
      const instance = makeAssignInstance(seededRng(seed), 'scarce', 2500);
      expect(instance.edges.length).toBeGreaterThanOrEqual(1000);
      expect(instance.experts.every((e) => e.capacity === 1)).toBe(true);
      const result = assignBatch(instance);
      const optimum = await lpOptimumMilli(toFlowProblem(instance).problem);
      expect(Math.round(result.total * 1000)).toBe(optimum);
      expect(result.greedy.total).toBeLessThanOrEqual(0.95 * result.total);
    },
  );

  it('when experts are plentiful, then the flow still reaches the LP optimum', async () => {
    const instance = makeAssignInstance(seededRng(21), 'plentiful', 5000);
    const result = assignBatch(instance);
    expect(Math.round(result.total * 1000)).toBe(await lpOptimumMilli(toFlowProblem(instance).problem));
  });
});
