import type { EngineConfig, EngineNeed, FeatureName } from './engine.types';
import { WEIGHTS_V3 } from './weights.v3';

/** Features in the order contributions are listed (and summed). */
export const FEATURES: readonly FeatureName[] = [
  'mustHaveSkills',
  'niceToHaveSkills',
  'level',
  'honours',
  'experience',
  'travelTime',
  'crossRegion',
  'availabilityFit',
  'modePreference',
  'continuity',
  'loadBalance',
  'feedback',
  'interest',
];

/** Points are kept as integer thousandths ("milli-points") so sums are exact. */
export function toMilli(weight: number, value: number): number {
  return Math.round(weight * value * 1000);
}

export type ConfigOverrides = Partial<Omit<EngineConfig, 'weights'>> & {
  weights?: Partial<Record<FeatureName, number>>;
};

/** Merges overrides onto the current version (v3) and checks the weights add up to 100 and every value lies in range. */
export function resolveConfig(overrides: ConfigOverrides = {}): EngineConfig {
  const config: EngineConfig = {
    ...WEIGHTS_V3,
    ...overrides,
    weights: { ...WEIGHTS_V3.weights, ...overrides.weights },
  };
  let sum = 0;
  for (const f of FEATURES) {
    const w = config.weights[f] ?? 0;
    if (!(w >= 0)) throw new RangeError(`weight ${f} must be ≥ 0`);
    sum += w;
  }
  if (Math.abs(sum - 100) > 1e-9) throw new RangeError(`weights add up to ${sum}, not 100`);
  if (!(config.travel.speedKmh > 0 && config.travel.scaleMinutes > 0 && config.travel.roadFactor >= 1)) {
    throw new RangeError('travel parameters out of range');
  }
  if (!(config.priorityFactor >= 1)) throw new RangeError('priorityFactor must be ≥ 1');
  if (!(config.travelTolerance >= 0 && config.keywordEvidence >= 0 && config.keywordEvidence <= 1)) {
    throw new RangeError('travelTolerance or keywordEvidence out of range');
  }
  return config;
}

/** Whether a feature says anything about this need: one that cannot tell experts apart is left out. */
export function featureApplies(feature: FeatureName, need: EngineNeed): boolean {
  switch (feature) {
    case 'mustHaveSkills':
      return need.mustHaveSkills.length > 0;
    case 'niceToHaveSkills':
      return (need.niceToHaveSkills ?? []).length > 0;
    case 'travelTime':
      return need.mode !== 'remote';
    case 'availabilityFit':
      return (need.daysPerMonth ?? 0) > 0;
    case 'interest':
      return (need.interested ?? []).length > 0;
    default:
      return true;
  }
}

/**
 * The weights for one need: 0 for the features that do not apply, the others scaled to add up to 100
 * (unchanged when every feature applies).
 */
export function needWeights(config: EngineConfig, need: EngineNeed): Record<FeatureName, number> {
  let sum = 0;
  for (const f of FEATURES) if (featureApplies(f, need)) sum += config.weights[f] ?? 0;
  const out = { ...config.weights, interest: config.weights.interest ?? 0 };
  for (const f of FEATURES) {
    if (!featureApplies(f, need)) out[f] = 0;
    else if (sum > 0 && sum !== 100) out[f] = ((config.weights[f] ?? 0) * 100) / sum;
  }
  return out;
}

/** A need to which every feature applies but interest: the weights most needs (none shown interest) get. */
const WITHOUT_INTEREST: EngineNeed = {
  id: '',
  employerId: '',
  regionCode: '',
  mustHaveSkills: ['x'],
  niceToHaveSkills: ['x'],
  mode: 'onsite',
  period: { from: 0, to: 0 },
  daysPerMonth: 1,
  wanted: 1,
};

/**
 * The weights of a need every feature but interest applies to. The store's need-independent points are
 * kept at these, so a need nobody showed interest in keeps the kernel's fast path.
 */
export function baseWeights(config: EngineConfig): Record<FeatureName, number> {
  return needWeights(config, WITHOUT_INTEREST);
}
