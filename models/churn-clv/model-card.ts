import type { CalibrationRow } from '../evaluation/index.js';
import type { HoldoutMetrics } from './model-metadata.js';

export interface EvaluationMetrics extends HoldoutMetrics {
  calibration: CalibrationRow[];
}

/**
 * How a model was judged. On a time split, a model trained on labels from (trainCutoff,
 * evaluationCutoff] predicts (evaluationCutoff, evaluationEnd] for customers it never saw labelled;
 * when history is too short for that, a fixed share of customers is held out instead.
 */
export interface EvaluationSplit {
  kind: 'time' | 'customer-holdout';
  trainFeaturesAsOf: string;
  evaluationFeaturesAsOf: string;
  evaluationLabels: { after: string; until: string };
  trainingCustomers: number;
  evaluationCustomers: number;
}

export interface ModelCard {
  version: string;
  family: string;
  createdAt: string;
  horizonDays: number;
  dataWindow: { firstOrder: string; lastOrder: string };
  split: EvaluationSplit;
  metrics: EvaluationMetrics;
  /** Other approaches scored on the same split, e.g. BG/NBD + Gamma-Gamma. */
  baselines: Record<string, EvaluationMetrics>;
}
