import type { FeatureVocabulary } from '../features/feature-frame.js';
import type { ModelCard } from './model-card.js';
import type { Standardizer } from './standardizer.js';

export const CHURN_CLV_MODEL = 'churn-clv';

export interface HoldoutMetrics {
  customers: number;
  churnRate: number;
  churnAuc: number;
  churnBrier: number;
  clvNormalizedGini: number;
  clvSpearman: number;
  clvDecileMape: number;
  clvTotalBias: number;
}

/** Everything needed to score with a model and to judge it, stored next to its weights. */
export interface ChurnClvModelMetadata {
  model: typeof CHURN_CLV_MODEL;
  version: string;
  family: 'ziln-network';
  createdAt: string;
  /** Training rows are features as of trainingCutoff, labels from (trainingCutoff, labelEnd]. */
  trainingCutoff: string;
  labelEnd: string;
  horizonDays: number;
  featureNames: string[];
  vocabulary: FeatureVocabulary;
  standardizer: Standardizer;
  training: { rows: number; epochs: number; validationLoss: number; backend: string; seed: number; seconds: number };
  /** The card's headline metrics (time split when history allows). */
  holdout: HoldoutMetrics;
  card: ModelCard;
  dataFingerprint: string;
}
