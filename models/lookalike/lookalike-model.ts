import type { LookalikeFeature } from './lookalike-features.js';

/** One value of one feature: how often it occurs and how much it says about seed membership. */
export interface LevelWeight {
  value: string;
  seedCount: number;
  referenceCount: number;
  /** ln(P(value | seed) / P(value | reference)), both additively smoothed. */
  logRatio: number;
}

export interface FeatureWeights {
  feature: LookalikeFeature;
  /** Sorted by value. A value not seen when fitting weighs 0: no evidence either way. */
  levels: LevelWeight[];
}

/**
 * A fitted naive-Bayes lookalike model: plain JSON, so it can be stored and every score
 * explained as the sum of one logRatio per feature.
 */
export interface LookalikeModel {
  /** ISO date tenure is measured at, when fitting and when scoring. */
  asOf: string;
  /** Additive (Laplace when 1) pseudo-count per level. */
  smoothing: number;
  seedSize: number;
  referenceSize: number;
  /** logit of the smoothed share of the seed in the reference: (seed + 1) / (reference + 2). */
  priorLogOdds: number;
  features: FeatureWeights[];
}
