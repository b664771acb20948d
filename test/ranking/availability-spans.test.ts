import fc from 'fast-check';
import type { EngineDateWindow, EngineExpert, EngineNeed } from '../../src/modules/ranking/engine';
import { explain, rankCandidates } from '../../src/modules/ranking/engine';
import { availableSpans } from '../../src/modules/ranking/engine/availability-spans';
import { factsFromExpert } from '../../src/modules/ranking/engine/expert-facts';
import { planNeed } from '../../src/modules/ranking/engine/need-plan';
import { availableDays } from '../../src/modules/ranking/engine/reference-filters';
import { passes } from '../../src/modules/ranking/engine/score-kernel';
import { buildExpert, buildNeed, storeOf } from './support/engine-fixtures';

const D0 = 20000;
const window = fc
  .tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -3, max: 25 }))
  .map(([a, len]): EngineDateWindow => ({ from: D0 + a, to: D0 + a + len })); // len < 0: an empty window
const availability = fc.record({
  windows: fc.array(window, { maxLength: 12 }),
  blocked: fc.array(fc.integer({ min: D0 - 8, max: D0 + 90 }), { maxLength: 40 }),
  periods: fc.array(window, { maxLength: 4 }),
});
const period = fc
  .tuple(fc.integer({ min: -10, max: 90 }), fc.integer({ min: -2, max: 30 }))
  .map(([a, len]) => ({ from: D0 + a, to: D0 + a + len }));

function daySet(
  windows: readonly EngineDateWindow[],
  blocked: readonly number[],
  periods: readonly EngineDateWindow[] = [],
): number[] {
  const days = new Set<number>();
  for (const w of windows) for (let d = w.from; d <= w.to; d++) days.add(d);
  for (const d of blocked) days.delete(d);
  for (const p of periods) for (let d = p.from; d <= p.to; d++) days.delete(d);
  return [...days].sort((a, b) => a - b);
}

function expertWith(
  windows: EngineDateWindow[],
  blocked: number[],
  blockedPeriods: EngineDateWindow[] = [],
): EngineExpert {
  return buildExpert({
    availability: { windows, blockedDates: blocked, blockedPeriods, daysPerMonth: 10, maxConcurrent: 2 },
  });
}

/** The kernel's verdict against the plain reference, and that rankCandidates agrees. */
function expectAgrees(expert: EngineExpert, need: EngineNeed): void {
  const store = storeOf([expert]);
  const slot = store.side.slotOf(expert.id) ?? -1;
  const facts = factsFromExpert(store.ctx, expert);
  const expected = availableDays(facts, need.period.from, need.period.to) > 0;
  expect(passes(store, planNeed(store, need), slot)).toBe(expected);
  expect(rankCandidates(store, need, { limit: 5 }).length).toBe(expected ? 1 : 0);
  expect(explain(store, need, expert.id).excluded).toBe(!expected);
}

describe('availability spans', () => {
  it('when built from random windows, blocked dates and periods, then they hold exactly the available days', () => {
    fc.assert(
      fc.property(availability, ({ windows, blocked, periods }) => {
        const store = storeOf([]);
        const facts = factsFromExpert(store.ctx, expertWith(windows, blocked, periods));
        const spans = availableSpans(facts.windows, facts.blocked);
        const days: number[] = [];
        for (let k = 0; k < spans.length; k += 2) {
          expect(spans[k]).toBeLessThanOrEqual(spans[k + 1]);
          // sorted and disjoint, with a gap between spans
          if (k > 0) expect(spans[k]).toBeGreaterThan(spans[k - 1] + 1);
          for (let d = spans[k]; d <= spans[k + 1]; d++) days.push(d);
        }
        expect(days).toEqual(daySet(windows, blocked, periods));
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  it('when the kernel filters random availability, then it agrees with the reference', () => {
    fc.assert(
      fc.property(availability, period, ({ windows, blocked, periods }, p) => {
        expectAgrees(expertWith(windows, blocked, periods), buildNeed({ period: p }));
      }),
      { numRuns: 300, seed: 32 },
    );
  });

  it.each<[string, EngineDateWindow[], number[], boolean]>([
    ['a window ends on the period’s first day', [{ from: 20050, to: 20100 }], [], true],
    ['a window starts on the period’s last day', [{ from: 20160, to: 20200 }], [], true],
    ['a window ends the day before the period', [{ from: 20050, to: 20099 }], [], false],
    ['the only touching day is blocked', [{ from: 20050, to: 20100 }], [20100], false],
    [
      'blocked dates cover every day of the overlap',
      [{ from: 20150, to: 20300 }],
      range(20150, 20160),
      false,
    ],
    ['blocked dates leave the last day', [{ from: 20150, to: 20300 }], range(20150, 20159), true],
    ['blocked dates cover one day of a one-day window', [{ from: 20120, to: 20120 }], [20120], false],
    ['thirty one-day windows, all blocked', manyWindows(30), range(20100, 20160), false],
    [
      'thirty one-day windows, one left',
      manyWindows(30),
      range(20100, 20160).filter((d) => d !== 20132),
      true,
    ],
    ['thirty one-day windows, nothing blocked', manyWindows(30), [], true],
    ['no window at all', [], [], false],
    ['only an empty window (from > to)', [{ from: 20130, to: 20120 }], [], false],
  ])('when %s, then the kernel agrees with the reference', (_name, windows, blocked, expected) => {
    const expert = expertWith(windows, blocked);
    const need = buildNeed({ period: { from: 20100, to: 20160 } });
    expect(explain(storeOf([expert]), need, expert.id).excluded).toBe(!expected);
    expectAgrees(expert, need);
  });

  it('when the need’s period is inverted (from > to), then no expert passes', () => {
    expectAgrees(
      expertWith([{ from: 19000, to: 21000 }], []),
      buildNeed({ period: { from: 20160, to: 20100 } }),
    );
  });

  it('when one slot is edited many times (more, fewer, one span), then it still agrees', () => {
    const store = storeOf([]);
    const rng = fc.sample(fc.tuple(availability, period), { numRuns: 200, seed: 33 });
    const ids = ['a', 'b', 'c'].map((x) => buildExpert({ id: `65${x.repeat(22)}` }).id);
    rng.forEach(([{ windows, blocked, periods }, p], k) => {
      const id = ids[k % ids.length];
      if (k % 17 === 16) store.remove(id);
      const expert = { ...expertWith(windows, blocked, periods), id };
      store.upsert(expert);
      const need = buildNeed({ period: p });
      const facts = factsFromExpert(store.ctx, expert);
      const expected = availableDays(facts, p.from, p.to) > 0;
      expect(passes(store, planNeed(store, need), store.side.slotOf(id) ?? -1)).toBe(expected);
    });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/** n one-day windows on every other day from 20100, shuffled so the input is not sorted. */
function manyWindows(n: number): EngineDateWindow[] {
  return Array.from({ length: n }, (_, k) => 20100 + 2 * ((k * 7) % n)).map((d) => ({ from: d, to: d }));
}
