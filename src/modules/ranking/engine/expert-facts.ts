import type { EngagementMode, EngineConfig, EngineDateWindow, EngineExpert } from './engine.types';
import type { RegionMatrix } from './region-matrix';
import { MAX_MINUTES } from './region-matrix';
import type { TaxonomyIndex } from './taxonomy-index';
import { closeUpwards } from './taxonomy-index';

/**
 * An expert as the engine sees them, after the input is normalised to what the store can hold
 * (whole years, counts up to 255, travel limit in whole minutes, mean rating to one decimal).
 * Both the plain reference scorer and the explanation read this shape.
 */
export interface ExpertFacts {
  id: string;
  regionCode: string;
  /** Taxonomy codes held, closed upwards. */
  held: ReadonlySet<string>;
  /** Codes (closed upwards) found only in free-text keywords: weaker evidence, not in `held`. */
  weakHeld: ReadonlySet<string>;
  titleLevel: number;
  titleSeries: string | undefined;
  skillLevel: number;
  honours: number;
  years: number;
  modes: ReadonlySet<EngagementMode>;
  /** Accepted modes the expert prefers; empty: no preference stated. */
  preferredModes: ReadonlySet<EngagementMode>;
  windows: readonly EngineDateWindow[];
  /** Blocked periods (single dates as one-day periods), sorted and merged. */
  blocked: readonly EngineDateWindow[];
  daysPerMonth: number;
  maxConcurrent: number;
  active: number;
  pending: number;
  /** Periods of the places held (active engagements and pending offers); unknown periods hold always. */
  holds: readonly EngineDateWindow[];
  paused: boolean;
  /** The limit the expert stated, in minutes (the filter allows config.travelTolerance more); undefined: no limit. */
  maxTravelMinutes: number | undefined;
  namedRegions: ReadonlySet<string>;
  /** Mean rating × 10, rounded; 0 when unrated. */
  ratingTenths: number;
  /** Employers with an earlier engagement rated ≥ continuityMinRating. */
  goodEmployers: ReadonlySet<string>;
  /** Needs the expert declined or was rejected for. */
  closedNeeds: ReadonlySet<string>;
}

export interface EngineContext {
  config: EngineConfig;
  taxonomy: TaxonomyIndex;
  regions: RegionMatrix;
}

export const clampInt = (x: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Math.floor(Number.isFinite(x) ? x : lo)));

export function travelLimitMinutes(travel: EngineExpert['travel']): number | undefined {
  if (travel.maxHours !== undefined) return clampInt(Math.round(travel.maxHours * 60), 0, MAX_MINUTES);
  return travel.regions && travel.regions.length > 0 ? 0 : undefined;
}

export function meanRatingTenths(expert: EngineExpert): number {
  let sum = 0;
  let n = 0;
  for (const e of expert.engagements ?? []) {
    if (e.status !== 'completed' || e.rating === undefined) continue;
    sum += Math.min(5, Math.max(1, e.rating));
    n++;
  }
  return n === 0 ? 0 : Math.round((sum / n) * 10);
}

const NO_PERIODS: readonly EngineDateWindow[] = Object.freeze([]);
/** Shared by every expert with none (most have no keywords, history or named regions): one Set, not one each. */
const NO_STRINGS: ReadonlySet<string> = new Set();
const NO_MODES: ReadonlySet<EngagementMode> = new Set();

/** Whole time: a held place whose period is unknown. */
export const ALWAYS: EngineDateWindow = Object.freeze({ from: -2147483648, to: 2147483647 });

/** Sorted, merged periods (overlapping or touching ones joined). */
export function mergePeriods(periods: readonly EngineDateWindow[]): EngineDateWindow[] {
  const sorted = periods.filter((p) => p.from <= p.to).sort((a, b) => a.from - b.from);
  const out: EngineDateWindow[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else out.push({ from: p.from, to: p.to });
  }
  return out;
}

export function factsFromExpert(ctx: EngineContext, expert: EngineExpert): ExpertFacts {
  const engagements = expert.engagements ?? [];
  const offers = expert.offers ?? [];
  const held = closeUpwards(ctx.taxonomy, expert.skills);
  let weakHeld = NO_STRINGS;
  const keywords = expert.keywordSkills ?? [];
  if (keywords.length > 0) {
    const weak = new Set<string>();
    for (const c of closeUpwards(ctx.taxonomy, keywords)) if (!held.has(c)) weak.add(c);
    weakHeld = weak;
  }
  // built without intermediate arrays: this runs for every expert of a store being built
  const holds: EngineDateWindow[] = [];
  let active = 0;
  let pending = 0;
  for (const e of engagements) {
    if (e.status !== 'active') continue;
    active++;
    holds.push(e.period ?? ALWAYS);
  }
  for (const o of offers) {
    if (o.status !== 'pending') continue;
    pending++;
    holds.push(o.period ?? ALWAYS);
  }
  const a = expert.availability;
  const blockedDates = a.blockedDates ?? [];
  const blockedPeriods = a.blockedPeriods ?? [];
  return {
    id: expert.id,
    regionCode: expert.regionCode,
    held,
    weakHeld,
    titleLevel: clampInt(expert.title?.level ?? 0, 0, 4),
    titleSeries: expert.title?.series,
    skillLevel: clampInt(expert.skillLevel ?? 0, 0, 5),
    honours: Math.min(255, expert.honours?.length ?? 0),
    years: clampInt(expert.yearsExperience, 0, 255),
    modes: new Set(expert.modes),
    preferredModes:
      (expert.preferredModes?.length ?? 0) === 0
        ? NO_MODES
        : new Set(expert.preferredModes?.filter((m) => expert.modes.includes(m))),
    windows: a.windows.every((w) => w.from <= w.to) ? a.windows : a.windows.filter((w) => w.from <= w.to),
    blocked:
      blockedDates.length + blockedPeriods.length === 0
        ? NO_PERIODS
        : mergePeriods([...blockedDates.map((d) => ({ from: d, to: d })), ...blockedPeriods]),
    daysPerMonth: clampInt(expert.availability.daysPerMonth, 0, 31),
    maxConcurrent: clampInt(expert.availability.maxConcurrent, 0, 255),
    active: Math.min(255, active),
    pending: Math.min(255, pending),
    holds,
    paused: expert.availability.paused === true,
    maxTravelMinutes: travelLimitMinutes(expert.travel),
    namedRegions: (expert.travel.regions?.length ?? 0) === 0 ? NO_STRINGS : new Set(expert.travel.regions),
    ratingTenths: meanRatingTenths(expert),
    goodEmployers:
      engagements.length === 0
        ? NO_STRINGS
        : new Set(
            engagements
              .filter((e) => e.status === 'completed' && (e.rating ?? 0) >= ctx.config.continuityMinRating)
              .map((e) => e.employerId),
          ),
    closedNeeds:
      offers.length === 0
        ? NO_STRINGS
        : new Set(offers.filter((o) => o.status !== 'pending').map((o) => o.needId)),
  };
}
