import type { Profile } from '../profile.js';
import { requireEpochDay } from './epoch-day.js';
import { featureVector, LOOKALIKE_FEATURES } from './lookalike-features.js';
import type { FeatureVector } from './lookalike-features.js';
import { LookalikeInputError } from './lookalike-input-error.js';
import type { FeatureWeights, LookalikeModel } from './lookalike-model.js';
import { profileContact } from './profile-contact.js';

export interface LookalikeFitOptions {
  /** ISO date at which tenure is measured. */
  asOf: string;
  /** Additive smoothing pseudo-count per level; 1 (Laplace) by default. */
  smoothing?: number;
}

/**
 * Fits a smoothed naive-Bayes log-likelihood-ratio model of seed vs. reference.
 * `reference` is the population the seed is drawn from, seed included (as
 * buildLookalikeAudience passes it: candidates + seed).
 */
export function fitLookalikeModel(
  seed: readonly Profile[],
  reference: readonly Profile[],
  options: LookalikeFitOptions,
): LookalikeModel {
  const asOfDay = requireEpochDay(options.asOf, 'asOf');
  const vectorsOf = (profiles: readonly Profile[]): FeatureVector[] =>
    profiles.map((profile) => featureVector(profile, profileContact(profile), asOfDay));
  return fitFromFeatureVectors(vectorsOf(seed), vectorsOf(reference), options);
}

export function fitFromFeatureVectors(
  seed: readonly FeatureVector[],
  reference: readonly FeatureVector[],
  options: LookalikeFitOptions,
): LookalikeModel {
  const smoothing = options.smoothing ?? 1;
  if (!(smoothing > 0 && Number.isFinite(smoothing))) {
    throw new LookalikeInputError(`smoothing must be a positive number, got ${smoothing}`);
  }
  if (seed.length === 0) throw new LookalikeInputError('The seed audience is empty');
  if (reference.length === 0) throw new LookalikeInputError('The reference population is empty');
  const seedShare = (seed.length + 1) / (reference.length + 2);
  return {
    asOf: options.asOf,
    smoothing,
    seedSize: seed.length,
    referenceSize: reference.length,
    priorLogOdds: Math.log(seedShare / (1 - seedShare)),
    features: LOOKALIKE_FEATURES.map((feature, index) => featureWeights(feature, index, seed, reference, smoothing)),
  };
}

function featureWeights(
  feature: FeatureWeights['feature'],
  index: number,
  seed: readonly FeatureVector[],
  reference: readonly FeatureVector[],
  smoothing: number,
): FeatureWeights {
  const seedCounts = countLevels(seed, index);
  const referenceCounts = countLevels(reference, index);
  const values = [...new Set([...seedCounts.keys(), ...referenceCounts.keys()])].sort();
  const smoothedTotal = (n: number): number => n + smoothing * values.length;
  const levels = values.map((value) => {
    const seedCount = seedCounts.get(value) ?? 0;
    const referenceCount = referenceCounts.get(value) ?? 0;
    const seedProbability = (seedCount + smoothing) / smoothedTotal(seed.length);
    const referenceProbability = (referenceCount + smoothing) / smoothedTotal(reference.length);
    return { value, seedCount, referenceCount, logRatio: Math.log(seedProbability / referenceProbability) };
  });
  return { feature, levels };
}

function countLevels(vectors: readonly FeatureVector[], index: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const vector of vectors) {
    const value = vector[index] ?? 'unknown';
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
