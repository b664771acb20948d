import type { EngagementMode, EngineDateWindow } from './engine.types';
import type { ExpertFacts } from './expert-facts';
import type { ExpertStore } from './expert-store';
import { NO_TRAVEL_LIMIT, PAUSED } from './expert-store';

const MODES: EngagementMode[] = ['onsite', 'periodic', 'remote'];

/** Reads one slot back into the plain facts shape, for the explanation (not on the hot path). */
export function decodeSlot(s: ExpertStore, i: number): ExpertFacts {
  const tax = s.ctx.taxonomy;
  const side = s.side;
  const weak = side.weak[i];
  const held = new Set<string>();
  const weakHeld = new Set<string>();
  for (let b = 0; b < tax.codes.length; b++) {
    if ((s.bits[i * s.words + (b >>> 5)] & (1 << (b & 31))) === 0) continue;
    const isWeak = weak !== null && (weak[b >>> 5] & (1 << (b & 31))) !== 0;
    (isWeak ? weakHeld : held).add(tax.codes[b]);
  }
  const modes = new Set<EngagementMode>();
  const preferredModes = new Set<EngagementMode>();
  MODES.forEach((m, k) => {
    if ((s.modes[i] & (1 << k)) !== 0) modes.add(m);
    if ((s.modes[i] & (16 << k)) !== 0) preferredModes.add(m);
  });
  // windows are kept only when the hull does not say it all (several, or cut by blocked periods)
  let windows = periods(side.windows.pairsOf(i));
  if (windows.length === 0 && s.availFrom[i] <= s.availTo[i])
    windows = [{ from: s.availFrom[i], to: s.availTo[i] }];
  const codes = s.ctx.regions.codes;
  return {
    id: side.idOf(i) ?? '',
    regionCode: codes[s.region[i]],
    held,
    weakHeld,
    titleLevel: Math.floor(s.level[i] / 6),
    titleSeries: s.series[i] === 0 ? undefined : s.seriesCodes.nameOf(s.series[i]),
    skillLevel: s.level[i] % 6,
    honours: s.honours[i],
    years: s.years[i],
    modes,
    preferredModes,
    windows,
    blocked: periods(side.blocked.pairsOf(i)),
    daysPerMonth: s.fit[i] & 31,
    maxConcurrent: s.maxConc[i],
    active: s.active[i],
    pending: s.pending[i],
    // only kept for experts who could reach their maximum: the others' periods never decide a filter
    holds: periods(side.holds[i]),
    paused: (s.flags[i] & PAUSED) !== 0,
    maxTravelMinutes: s.maxTravel[i] === NO_TRAVEL_LIMIT ? undefined : s.maxTravel[i],
    namedRegions: new Set([...(side.named[i] ?? [])].map((r) => codes[r])),
    ratingTenths: s.rating[i],
    goodEmployers: new Set(side.goodEmployers[i] ?? []),
    closedNeeds: new Set(side.closedNeeds[i] ?? []),
  };
}

function periods(pairs: ArrayLike<number> | null): EngineDateWindow[] {
  const out: EngineDateWindow[] = [];
  for (let k = 0; pairs && k < pairs.length; k += 2) out.push({ from: pairs[k], to: pairs[k + 1] });
  return out;
}
