import type { ExpertRecord } from '../experts/expert.model';
import { levelRank, SKILL_LEVELS, TITLE_LEVELS } from '../experts/expert-levels';
import type { MatchRecord } from '../matches/match.model';
import type { NeedRecord } from '../needs/need.model';
import { listRegions } from '../regions/regions.service';
import { listTaxonomyCodes } from '../taxonomy/taxonomy.service';
import type {
  EngineEngagement,
  EngineExpert,
  EngineNeed,
  EngineOffer,
  EngineRegion,
  EngineTaxonomyNode,
  StoreOptions,
} from './engine';

/** YYYY-MM-DD → whole days since 1970-01-01 (UTC), the engine's date unit. */
export const dayNumber = (isoDate: string): number =>
  Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);

export function engineRegions(): EngineRegion[] {
  return listRegions().map((r) => ({ code: r.code, lat: r.lat, lng: r.lng }));
}

/** What every expert store of this service is built from: the regions, the taxonomy (and their travel times). */
export function engineStoreOptions(): Pick<StoreOptions, 'regions' | 'taxonomy'> {
  return { regions: engineRegions(), taxonomy: engineTaxonomy() };
}

export function engineTaxonomy(): EngineTaxonomyNode[] {
  return listTaxonomyCodes().map((code) => {
    const dot = code.lastIndexOf('.');
    return dot < 0 ? { code } : { code, parent: code.slice(0, dot) };
  });
}

type MatchFacts = Pick<MatchRecord, 'needId' | 'organisationId' | 'status' | 'rating'>;

/**
 * The engine's view of an expert's history: engaged/completed matches are engagements; matches that
 * hold a place are pending offers; declined, expired and rejected ones keep the expert away from that need.
 */
export function historyOf(matches: readonly MatchFacts[]): {
  engagements: EngineEngagement[];
  offers: EngineOffer[];
} {
  const engagements: EngineEngagement[] = [];
  const offers: EngineOffer[] = [];
  for (const m of matches) {
    const needId = String(m.needId);
    switch (m.status) {
      case 'engaged':
        engagements.push({ employerId: String(m.organisationId), needId, status: 'active' });
        break;
      case 'completed':
        engagements.push({
          employerId: String(m.organisationId),
          needId,
          status: 'completed',
          rating: m.rating ?? undefined,
        });
        break;
      case 'confirmed':
      case 'awaiting_employer':
      case 'offered':
      case 'accepted':
        offers.push({ needId, status: 'pending' });
        break;
      case 'declined':
      case 'expired':
        offers.push({ needId, status: 'declined' });
        break;
      case 'rejected':
        offers.push({ needId, status: 'rejected' });
        break;
      default:
        break; // proposed and cancelled hold no place and exclude nobody
    }
  }
  return { engagements, offers };
}

/** Maps a stored profile to the engine's input; null when it cannot be matched (no county). */
export function toEngineExpert(e: ExpertRecord, matches: readonly MatchFacts[]): EngineExpert | null {
  const regionCode = e.residenceCounty ?? e.homeCounty;
  if (!regionCode || e.status === 'deleted') return null;
  const availability = e.availability ?? { windows: [], blockedDates: [], maxConcurrent: 1, paused: false };
  return {
    id: String(e._id),
    regionCode,
    skills: [...new Set([...(e.fields ?? []), ...(e.skills ?? [])])],
    title: e.title
      ? { level: levelRank(TITLE_LEVELS, e.title.level), series: e.title.series ?? undefined }
      : undefined,
    skillLevel: e.skillLevel ? levelRank(SKILL_LEVELS, e.skillLevel) : undefined,
    honours: (e.honours ?? []).map((h) => h.level),
    yearsExperience: Math.floor(e.yearsOfExperience ?? 0),
    modes: [...(e.modes ?? [])],
    availability: {
      windows: (availability.windows ?? []).map((w) => ({ from: dayNumber(w.from), to: dayNumber(w.to) })),
      blockedDates: (availability.blockedDates ?? []).map(dayNumber),
      daysPerMonth: availability.daysPerMonth ?? 0,
      maxConcurrent: availability.maxConcurrent ?? 1,
      paused: Boolean(availability.paused) || e.status === 'paused',
    },
    travel: { maxHours: e.travel?.maxHours ?? undefined, regions: [...(e.travel?.regions ?? [])] },
    ...historyOf(matches),
  };
}

export function toEngineNeed(n: NeedRecord): EngineNeed {
  if (!n.period) throw new Error(`need ${String(n._id)} has no period`);
  return {
    id: String(n._id),
    employerId: String(n.organisationId),
    regionCode: n.county,
    mustHaveSkills: [...(n.mustHaveSkills ?? [])],
    niceToHaveSkills: [...(n.niceToHaveSkills ?? [])],
    fields: [n.field],
    minTitle: n.minTitleLevel ? { level: levelRank(TITLE_LEVELS, n.minTitleLevel) } : undefined,
    minSkillLevel: n.minSkillLevel ? levelRank(SKILL_LEVELS, n.minSkillLevel) : undefined,
    mode: n.mode,
    period: { from: dayNumber(n.period.from), to: dayNumber(n.period.to) },
    daysPerMonth: n.daysPerMonth ?? undefined,
    wanted: n.expertsWanted,
    priority: n.priority,
  };
}
