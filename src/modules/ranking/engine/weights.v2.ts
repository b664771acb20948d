import type { EngineConfig } from './engine.types';
import { WEIGHTS_V1 } from './weights.v1';

/**
 * Matching weights and parameters, version v2 (kept for the explanations stored under it; the engine now uses v3). Against v1: must-have skills and the
 * need's field are hard requirements (the points now rank among those who meet them), the features that
 * do not apply to a need are left out and the rest scaled to 100, keywords count as weaker evidence
 * (0.4 of a recorded skill: below a recorded skill of the same sub-field), travel is read from road times with a 10% tolerance over the expert's limit.
 *
 * Never edit a published version: stored explanations name the version they were computed with.
 */
export const WEIGHTS_V2: Readonly<EngineConfig> = Object.freeze({
  ...WEIGHTS_V1,
  version: 'v2',
  keywordEvidence: 0.4,
  travelTolerance: 0.1,
});
