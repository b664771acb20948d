import type { EngineConfig } from './engine.types';
import { WEIGHTS_V2 } from './weights.v2';

/**
 * Matching weights and parameters, version v3 — the one in use. Against v2: an expert's expression of
 * interest in a need is a factor (10 of 100 points); every other weight is v2's × 0.9. The interest
 * feature applies only to a need someone showed interest in, so a need without any is scored exactly as
 * v2 scored it (the other weights scaled back to 100).
 *
 * Never edit a published version: stored explanations name the version they were computed with.
 */
export const WEIGHTS_V3: Readonly<EngineConfig> = Object.freeze({
  ...WEIGHTS_V2,
  version: 'v3',
  weights: Object.freeze({
    mustHaveSkills: 22.5,
    niceToHaveSkills: 7.2,
    level: 9,
    honours: 4.5,
    experience: 4.5,
    travelTime: 9,
    crossRegion: 5.4,
    availabilityFit: 7.2,
    modePreference: 4.5,
    continuity: 4.5,
    loadBalance: 4.5,
    feedback: 7.2,
    interest: 10, // the expert said they are interested in this need
  }),
});
