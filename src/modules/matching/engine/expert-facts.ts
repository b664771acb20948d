import type { DayNumber, EngagementMode, EngineDateWindow, EngineExpert } from './engine.types';
import type { RegionMatrix } from './region-matrix';
import { MAX_MINUTES } from './region-matrix';
import type { TaxonomyIndex } from './taxonomy-index';
import { closeUpwards } from './taxonomy-index';
import type { EngineConfig } from './weights.v1';

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
  titleLevel: number;
  titleSeries: string | undefined;
  skillLevel: number;
  honours: number;
  years: number;
  modes: ReadonlySet<EngagementMode>;
  preferredMode: EngagementMode | undefined;
  windows: readonly EngineDateWindow[];
  blocked: readonly DayNumber[];
  daysPerMonth: number;
  maxConcurrent: number;
  active: number;
  pending: number;
  paused: boolean;
  /** undefined: no limit. */
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

export function factsFromExpert(ctx: EngineContext, expert: EngineExpert): ExpertFacts {
  const engagements = expert.engagements ?? [];
  const offers = expert.offers ?? [];
  const preferred = expert.preferredMode;
  return {
    id: expert.id,
    regionCode: expert.regionCode,
    held: closeUpwards(ctx.taxonomy, expert.skills),
    titleLevel: clampInt(expert.title?.level ?? 0, 0, 4),
    titleSeries: expert.title?.series,
    skillLevel: clampInt(expert.skillLevel ?? 0, 0, 5),
    honours: Math.min(255, expert.honours?.length ?? 0),
    years: clampInt(expert.yearsExperience, 0, 255),
    modes: new Set(expert.modes),
    preferredMode: preferred !== undefined && expert.modes.includes(preferred) ? preferred : undefined,
    windows: expert.availability.windows.filter((w) => w.from <= w.to),
    blocked: expert.availability.blockedDates ?? [],
    daysPerMonth: clampInt(expert.availability.daysPerMonth, 0, 31),
    maxConcurrent: clampInt(expert.availability.maxConcurrent, 0, 255),
    active: Math.min(255, engagements.filter((e) => e.status === 'active').length),
    pending: Math.min(255, offers.filter((o) => o.status === 'pending').length),
    paused: expert.availability.paused === true,
    maxTravelMinutes: travelLimitMinutes(expert.travel),
    namedRegions: new Set(expert.travel.regions ?? []),
    ratingTenths: meanRatingTenths(expert),
    goodEmployers: new Set(
      engagements
        .filter((e) => e.status === 'completed' && (e.rating ?? 0) >= ctx.config.continuityMinRating)
        .map((e) => e.employerId),
    ),
    closedNeeds: new Set(offers.filter((o) => o.status !== 'pending').map((o) => o.needId)),
  };
}
