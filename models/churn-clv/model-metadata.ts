import type { FamilyModelParameters } from '../model-families/family-model.js';
import type { HoldoutMetrics } from '../evaluation/index.js';
import type { ModelCard } from '../model-families/model-card.js';

export const CHURN_CLV_MODEL = 'churn-clv';
/** Bumped when stored artefacts change shape; older versions are not loaded (a new model is trained). */
export const CHURN_CLV_FORMAT = 3;


/** Everything needed to score with a model and to judge it, stored next to its networks' weights. */
export interface ChurnClvModelMetadata {
  model: typeof CHURN_CLV_MODEL;
  format: typeof CHURN_CLV_FORMAT;
  version: string;
  createdAt: string;
  /** Fitted on orders up to this day: BG/NBD on all of them, the network on labels (asOf - horizon, asOf]. */
  asOf: string;
  horizonDays: number;
  parameters: FamilyModelParameters;
  training: { networks: number; trainingRows: number; epochs: number[]; backend: string; seed: number; seconds: number };
  /** The card's headline metrics on the held-out time split; null when history was too short for one. */
  holdout: HoldoutMetrics | null;
  card: ModelCard;
  dataFingerprint: string;
}
