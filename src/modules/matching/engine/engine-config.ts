import type { FeatureName } from './engine.types';
import { type EngineConfig, WEIGHTS_V1 } from './weights.v1';

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
];

/** Points are kept as integer thousandths ("milli-points") so sums are exact. */
export function toMilli(weight: number, value: number): number {
  return Math.round(weight * value * 1000);
}

export type ConfigOverrides = Partial<Omit<EngineConfig, 'weights'>> & {
  weights?: Partial<Record<FeatureName, number>>;
};

/** Merges overrides onto v1 and checks the weights add up to 100 and every value lies in range. */
export function resolveConfig(overrides: ConfigOverrides = {}): EngineConfig {
  const config: EngineConfig = {
    ...WEIGHTS_V1,
    ...overrides,
    weights: { ...WEIGHTS_V1.weights, ...overrides.weights },
  };
  let sum = 0;
  for (const f of FEATURES) {
    const w = config.weights[f];
    if (!(w >= 0)) throw new RangeError(`weight ${f} must be ≥ 0`);
    sum += w;
  }
  if (Math.abs(sum - 100) > 1e-9) throw new RangeError(`weights add up to ${sum}, not 100`);
  if (!(config.travel.speedKmh > 0 && config.travel.scaleMinutes > 0 && config.travel.roadFactor >= 1)) {
    throw new RangeError('travel parameters out of range');
  }
  if (!(config.priorityFactor >= 1)) throw new RangeError('priorityFactor must be ≥ 1');
  return config;
}
