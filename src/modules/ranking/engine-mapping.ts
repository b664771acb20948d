import { levelRank, SKILL_LEVELS, TITLE_LEVELS } from '../experts/expert-levels';
import type { ExpertRecord } from '../experts/expert-records.service';
import type { MatchRecord } from '../matches/match-queries.service';
import { PENDING_STATUSES } from '../matches/match-transitions';
import type { NeedRecord } from '../needs/need-records.service';
import { listRegions } from '../regions/regions.service';
import { roadTravelMinutes } from '../regions/travel-times';
import { getNode, listTaxonomyCodes, matchKeywords, resolveTradeName } from '../taxonomy/taxonomy.service';
import type {
  EngineEngagement,
  EngineExpert,
  EngineNeed,
  EngineOffer,
  EngineRegion,
  EngineTaxonomyNode,
  StoreOptions,
} from './engine';

/**
 * YYYY-MM-DD → whole days since 1970-01-01 (UTC), the engine's date unit. Read from the digits (a store
 * build parses several dates per expert); anything not a plain valid date goes through Date.parse.
 */
export function dayNumber(isoDate: string): number {
  const days = plainDayNumber(isoDate);
  return days === undefined ? Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000) : days;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function plainDayNumber(s: string): number | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[m - 1] + (m === 2 && leap ? 1 : 0)) return undefined;
  // days from civil (proleptic Gregorian), with March as the first month of the year
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The decimal number in s[from, to), or −1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function engineRegions(): EngineRegion[] {
  return listRegions().map((r) => ({
    code: r.code,
    lat: r.lat,
    lng: r.lng,
    prefecture: r.prefecture.code,
    province: r.province.code,
  }));
}

/**
 * What every expert store of this service is built from: the regions, the taxonomy and the road model's
 * travel times (without coordinators' corrections, which live in MongoDB: see ExpertStoreCache).
 */
export function engineStoreOptions(): Pick<StoreOptions, 'regions' | 'taxonomy' | 'travelMinutes'> {
  const regions = engineRegions();
  return {
    regions,
    taxonomy: engineTaxonomy(),
    travelMinutes: roadTravelMinutes(regions.map((r) => r.code)),
  };
}

export function engineTaxonomy(): EngineTaxonomyNode[] {
  return listTaxonomyCodes().map((code) => {
    const dot = code.lastIndexOf('.');
    const node = getNode(code);
    const label = node ? { 'zh-CN': node.label['zh-CN'], en: node.label.en } : undefined;
    return dot < 0 ? { code, label } : { code, parent: code.slice(0, dot), label };
  });
}

type MatchFacts = Pick<MatchRecord, 'needId' | 'organisationId' | 'status' | 'rating'>;
type Periods = ReadonlyMap<string, { from: string; to: string }>;

/**
 * The engine's view of an expert's history: engaged/completed matches are engagements; matches that
 * hold a place are pending offers; declined, expired and rejected ones keep the expert away from that need.
 * Places are held during their need's period (`periods`, by need id; unknown: always).
 */
export function historyOf(
  matches: readonly MatchFacts[],
  periods: Periods = new Map(),
): {
  engagements: EngineEngagement[];
  offers: EngineOffer[];
} {
  const engagements: EngineEngagement[] = [];
  const offers: EngineOffer[] = [];
  for (const m of matches) {
    const needId = String(m.needId);
    const p = periods.get(needId);
    const period = p ? { from: dayNumber(p.from), to: dayNumber(p.to) } : undefined;
    switch (m.status) {
      case 'engaged':
        engagements.push({ employerId: String(m.organisationId), needId, status: 'active', period });
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
        offers.push({ needId, status: 'pending', period });
        break;
      case 'declined':
      case 'expired':
      case 'withdrawn': // stepped back from this need: not proposed for it again
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

/** Match statuses whose need's period decides whether the expert has room for another need. */
export const PLACE_HOLDING: ReadonlySet<string> = new Set([...PENDING_STATUSES, 'engaged']);

/**
 * Maps a stored profile to the engine's input; null when it cannot be matched (no county). The trade
 * counts as a recorded skill; codes found in the free-text keywords are weaker evidence.
 */
export function toEngineExpert(
  e: ExpertRecord,
  matches: readonly MatchFacts[],
  periods: Periods = new Map(),
): EngineExpert | null {
  const regionCode = e.residenceCounty ?? e.homeCounty;
  if (!regionCode || e.status === 'deleted') return null;
  const availability = e.availability ?? { windows: [], blockedDates: [], maxConcurrent: 1, paused: false };
  const trade = e.tradeName ? resolveTradeName(e.tradeName)?.code : undefined;
  const tags = e.tags ?? [];
  const { engagements, offers } = historyOf(matches, periods);
  return {
    id: String(e._id),
    regionCode,
    skills: recordedSkills(e.fields, e.skills, trade),
    keywordSkills: tags.length > 0 ? matchKeywords(tags.join('，')) : [],
    title: e.title
      ? { level: levelRank(TITLE_LEVELS, e.title.level), series: e.title.series ?? undefined }
      : undefined,
    skillLevel: e.skillLevel ? levelRank(SKILL_LEVELS, e.skillLevel) : undefined,
    honours: (e.honours ?? []).map((h) => h.level),
    yearsExperience: Math.floor(e.yearsOfExperience ?? 0),
    modes: [...(e.modes ?? [])],
    preferredModes: [...(e.preferredModes ?? [])],
    availability: {
      windows: (availability.windows ?? []).map((w) => ({ from: dayNumber(w.from), to: dayNumber(w.to) })),
      blockedDates: (availability.blockedDates ?? []).map(dayNumber),
      blockedPeriods: (availability.blockedPeriods ?? []).map((w) => ({
        from: dayNumber(w.from),
        to: dayNumber(w.to),
      })),
      daysPerMonth: availability.daysPerMonth ?? 0,
      maxConcurrent: availability.maxConcurrent ?? 1,
      paused: Boolean(availability.paused) || e.status === 'paused',
    },
    travel: { maxHours: e.travel?.maxHours ?? undefined, regions: [...(e.travel?.regions ?? [])] },
    engagements,
    offers,
  };
}

/** Fields, skills and the trade's code, each once, in that order (no intermediate arrays: a build maps every expert). */
function recordedSkills(
  fields: readonly string[] | undefined,
  skills: readonly string[] | undefined,
  trade: string | undefined,
): string[] {
  const out: string[] = [];
  for (const code of fields ?? []) if (!out.includes(code)) out.push(code);
  for (const code of skills ?? []) if (!out.includes(code)) out.push(code);
  if (trade && !out.includes(trade)) out.push(trade);
  return out;
}

/** What the engine reads of a need: a need's record, or an open call asking for expertise the same way. */
export type NeedRequirements = Pick<
  NeedRecord,
  | '_id'
  | 'organisationId'
  | 'county'
  | 'field'
  | 'mustHaveSkills'
  | 'mustHaveMatch'
  | 'niceToHaveSkills'
  | 'minTitleLevel'
  | 'minTitleSeries'
  | 'minSkillLevel'
  | 'mode'
  | 'period'
  | 'daysPerMonth'
  | 'expertsWanted'
  | 'priority'
>;

export function toEngineNeed(n: NeedRequirements): EngineNeed {
  if (!n.period) throw new Error(`need ${String(n._id)} has no period`);
  return {
    id: String(n._id),
    employerId: String(n.organisationId),
    regionCode: n.county,
    mustHaveSkills: [...(n.mustHaveSkills ?? [])],
    mustHaveMatch: n.mustHaveMatch === 'exact' ? 'exact' : 'subField',
    niceToHaveSkills: [...(n.niceToHaveSkills ?? [])],
    fields: [n.field],
    minTitle: n.minTitleLevel
      ? { level: levelRank(TITLE_LEVELS, n.minTitleLevel), series: n.minTitleSeries ?? undefined }
      : undefined,
    minSkillLevel: n.minSkillLevel ? levelRank(SKILL_LEVELS, n.minSkillLevel) : undefined,
    mode: n.mode,
    period: { from: dayNumber(n.period.from), to: dayNumber(n.period.to) },
    daysPerMonth: n.daysPerMonth ?? undefined,
    wanted: n.expertsWanted,
    priority: n.priority,
  };
}
