import type { FeatureName } from './engine.types';

/**
 * Matching weights and parameters, version v1. A score is Σ weight × value over the features, each value
 * normalised to [0, 1], so the weights add up to 100 and a score lies on 0–100.
 *
 * Change weights by adding a new versioned file (weights.v2.ts), never by editing this one: stored match
 * explanations name the version they were computed with.
 */
export interface EngineConfig {
  version: string;
  weights: Record<FeatureName, number>;
  /** Taxonomy closeness when a need's skill is not held exactly: same sub-field, same field. */
  closeness: { sameSubField: number; sameField: number };
  /** Travel time = haversine distance × roadFactor ÷ speedKmh; the travel feature falls linearly to 0 at scaleMinutes. */
  travel: { roadFactor: number; speedKmh: number; scaleMinutes: number };
  /** Cross-region policy bonus (value 0–1) by distance class between the expert's county and the need's. */
  crossRegionBonus: {
    sameCounty: number;
    samePrefecture: number;
    otherPrefecture: number;
    otherProvince: number;
  };
  /** Honours and years of experience count up to these caps. */
  honoursCap: number;
  yearsCap: number;
  /** Feedback value for an expert without any rating yet (ratings map 1→0, 5→1). */
  feedbackNeutral: number;
  /** Mode-preference value when the expert states no preferred mode. */
  modeNoPreference: number;
  /** Continuity: an earlier engagement with the same employer rated at least this. */
  continuityMinRating: number;
  /** Batch assignment: edges of priority (key-enterprise) needs weigh this many times more. */
  priorityFactor: number;
}

export const WEIGHTS_V1: Readonly<EngineConfig> = Object.freeze({
  version: 'v1',
  weights: Object.freeze({
    mustHaveSkills: 25, // the need's must-have skills, with taxonomy closeness
    niceToHaveSkills: 8, // nice-to-have skills, same closeness
    level: 10, // title or skill level above the need's minimum
    honours: 5, // awards, model worker, outstanding contribution...
    experience: 5, // years of experience
    travelTime: 10, // shorter travel from the expert's county
    crossRegion: 6, // policy: bring talent across the border region
    availabilityFit: 8, // days per month offered against days needed
    modePreference: 5, // the need's mode is the expert's preferred one
    continuity: 5, // an earlier well-rated engagement with the same employer
    loadBalance: 5, // fewer current engagements
    feedback: 8, // past feedback ratings
  }),
  closeness: { sameSubField: 0.5, sameField: 0.25 },
  travel: { roadFactor: 1.4, speedKmh: 60, scaleMinutes: 240 },
  crossRegionBonus: { sameCounty: 0, samePrefecture: 0.3, otherPrefecture: 0.7, otherProvince: 1 },
  honoursCap: 3,
  yearsCap: 40,
  feedbackNeutral: 0.5,
  modeNoPreference: 0.5,
  continuityMinRating: 4,
  priorityFactor: 1.5,
});
