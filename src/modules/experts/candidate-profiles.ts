import { ageBand } from './expert-masking';
import { type ExpertRecord, getExpertRecords } from './expert-records.service';

/**
 * What an employer sees of a candidate before approving them, as the privacy notice promises: the title,
 * skill level, honours, years of experience and an age band — never the contact details, the exact birth
 * year or anything else of the profile. The caller passes only experts already proposed to the employer.
 */
export interface CandidateProfile {
  title: { name: string | null; level: string; series: string | null } | null;
  skillLevel: string | null;
  tradeName: string | null;
  honours: Array<{ name: string | null; level: string; year: number | null }>;
  yearsOfExperience: number;
  ageBand: string | null;
}

/** The profile of one expert record already read (the match views read the experts once). */
export function candidateProfileOf(e: ExpertRecord): CandidateProfile {
  return {
    title: e.title
      ? { name: e.title.name ?? null, level: e.title.level, series: e.title.series ?? null }
      : null,
    skillLevel: e.skillLevel ?? null,
    tradeName: e.tradeName ?? null,
    honours: (e.honours ?? []).map((h) => ({
      name: h.name ?? null,
      level: h.level,
      year: h.year ?? null,
    })),
    yearsOfExperience: e.yearsOfExperience ?? 0,
    ageBand: e.birthYear ? ageBand(e.birthYear) : null,
  };
}

export async function candidateProfiles(
  expertIds: readonly string[],
): Promise<Map<string, CandidateProfile>> {
  const experts = await getExpertRecords([...new Set(expertIds)]);
  return new Map(experts.map((e) => [String(e._id), candidateProfileOf(e)]));
}
