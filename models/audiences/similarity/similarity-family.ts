import type { AudienceFeatureWeight } from '../audience-version.js';
import type { FeatureTable } from '../features/feature-table.js';

/** What a similarity family is fitted on: seed members (positives) against the pool (negatives), as rows of one feature table. */
export interface SimilarityTrainingSet {
  table: FeatureTable;
  positives: Uint32Array;
  /** One weight per positive (predicted value for value-weighted seeds, normalised to mean 1); all 1 otherwise. */
  positiveWeights: Float64Array;
  negatives: Uint32Array;
  /** Seeds anything random in the fit, so the same input gives the same model. */
  seed: number;
}

/** A fitted model: scores any row of the table it was fitted on, and says which features drive it. */
export interface FittedSimilarity {
  family: string;
  /** Higher is more like the seed; only the order matters. */
  score(row: number): number;
  /** The features that move the score most, strongest first, named readably (`country=GB`, `web_sessions`). */
  topFeatures(limit: number): AudienceFeatureWeight[];
}

/**
 * A family of similarity models (naive Bayes, logistic regression, ...). Adding one is a folder
 * beside these and one line in SIMILARITY_FAMILIES; Publish fits every registered family and keeps
 * the one with the best held-out recall.
 */
export interface SimilarityFamily {
  id: string;
  name: string;
  fit(training: SimilarityTrainingSet): FittedSimilarity;
}

/** The strongest `limit` weights by absolute value, ties by name. */
export function strongest(weights: readonly AudienceFeatureWeight[], limit: number): AudienceFeatureWeight[] {
  return [...weights]
    .filter((w) => Number.isFinite(w.weight) && w.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.feature < b.feature ? -1 : 1))
    .slice(0, limit)
    .map((w) => ({ feature: w.feature, weight: Number(w.weight.toFixed(6)) }));
}
