import type { EngineConfig } from './engine.types';

/**
 * Matching weights and parameters, version v1 (kept for the explanations stored under it; the engine
 * now uses v2). Never edit a published version: add a new file instead.
 */
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
  keywordEvidence: 0,
  travel: { roadFactor: 1.4, speedKmh: 60, scaleMinutes: 240 },
  travelTolerance: 0,
  crossRegionBonus: { sameCounty: 0, samePrefecture: 0.3, otherPrefecture: 0.7, otherProvince: 1 },
  honoursCap: 3,
  yearsCap: 40,
  feedbackNeutral: 0.5,
  modeNoPreference: 0.5,
  continuityMinRating: 4,
  priorityFactor: 1.5,
});
