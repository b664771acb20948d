import type { EngineConfig, FeatureName } from './engine.types';
import { baseWeights, toMilli } from './engine-config';

/** Milli-points of the need-independent features, indexed by the stored byte. */
export interface StaticTables {
  honours: Int32Array;
  experience: Int32Array;
  load: Int32Array;
  feedback: Int32Array;
}

export function buildStaticTables(
  config: EngineConfig,
  w: Record<FeatureName, number> = baseWeights(config),
): StaticTables {
  const honours = new Int32Array(256);
  const experience = new Int32Array(256);
  const load = new Int32Array(256);
  const feedback = new Int32Array(256);
  for (let k = 0; k < 256; k++) {
    honours[k] = toMilli(w.honours, Math.min(k, config.honoursCap) / config.honoursCap);
    experience[k] = toMilli(w.experience, Math.min(k, config.yearsCap) / config.yearsCap);
    load[k] = toMilli(w.loadBalance, 1 / (1 + k));
    feedback[k] = toMilli(w.feedback, k > 0 ? (k / 10 - 1) / 4 : config.feedbackNeutral);
  }
  return { honours, experience, load, feedback };
}
