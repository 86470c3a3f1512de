import type { HoldoutMetrics } from '../evaluation/index.js';
import type { ModelCard } from '../model-families/index.js';

export const CHURN_CLV_MODEL = 'churn-clv';
/** Bumped when stored artefacts change shape; the registry reads this format and the one before it (stored-model.ts). */
export const CHURN_CLV_FORMAT = 4;

/** Everything needed to judge a model, stored next to its family's parameters and networks' weights. */
export interface ChurnClvModelMetadata {
  model: typeof CHURN_CLV_MODEL;
  format: typeof CHURN_CLV_FORMAT;
  version: string;
  createdAt: string;
  /** Fitted on orders up to this day: BG/NBD on all of them, the network on labels (asOf - horizon, asOf]. */
  asOf: string;
  horizonDays: number;
  training: { networks: number; trainingRows: number; epochs: number[]; backend: string; seed: number; seconds: number };
  /** The card's headline metrics on the held-out time split; null when history was too short for one. */
  holdout: HoldoutMetrics | null;
  card: ModelCard;
  dataFingerprint: string;
}
