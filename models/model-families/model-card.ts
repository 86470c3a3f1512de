import type { BtydModels } from '../btyd-predictor/index.js';
import type { EvaluationMetrics } from '../evaluation/index.js';
import type { BtydCalibration } from './btyd/btyd-calibration.js';
import type { ModelFamilyId } from './model-family.js';
import type { WindowCounts } from './selection/window-counts.js';

export type { EvaluationMetrics, HoldoutMetrics } from '../evaluation/index.js';

/** The baselines every card reports, scored on the model's own split. */
export const BASELINES = {
  btyd: 'bg-nbd+gamma-gamma',
  gradientBoosting: 'gradient-boosting',
} as const;

/**
 * The held-out time split: models fitted on the history up to evaluationFeaturesAsOf (the network
 * on labels (trainFeaturesAsOf, evaluationFeaturesAsOf]) predict (evaluationLabels.after, .until],
 * which none of them saw. BTYD calibration is fitted on that window, so a calibrated family's
 * Brier score and decile MAPE there are in-sample for two parameters; its ranking metrics are not.
 */
export interface EvaluationSplit {
  kind: 'time';
  trainFeaturesAsOf: string;
  evaluationFeaturesAsOf: string;
  evaluationLabels: { after: string; until: string };
  trainingCustomers: number;
  evaluationCustomers: number;
  /** Of the evaluation customers, those the metrics were measured on (a sample when there are many); absent in older cards: all. */
  scoredCustomers?: number;
}

/** The final ensemble: each network learns from a seeded sample of rowsPerNetwork of the trainingRows customers. */
export interface NetworkSummary {
  members: number;
  trainingRows: number;
  rowsPerNetwork: number;
  epochs: number[];
  validationEpochs: number[];
}

/** What was trained, on which data, why this family, and how it and the baselines did on the split. */
export interface ModelCard {
  version: string;
  family: ModelFamilyId;
  familyName: string;
  reason: string;
  seed: number;
  createdAt: string;
  horizonDays: number;
  /** Orders from firstOrder up to asOf were used; `customers` had an order on or before asOf. */
  dataWindow: { firstOrder: string; asOf: string; customers: number };
  /** Null when history is too short to hold a window out; the card then has no metrics. */
  split: EvaluationSplit | null;
  samples: { validation?: WindowCounts; networkTraining?: WindowCounts };
  /** The chosen family on the split. */
  metrics: EvaluationMetrics | null;
  /** Every family validated on the split. */
  candidates: Record<ModelFamilyId, EvaluationMetrics>;
  /** BASELINES scored on the same split. */
  baselines: Record<string, EvaluationMetrics>;
  /** Mean relative ranking loss (the reference = 1) that chose the family. */
  selectionScores: Record<ModelFamilyId, number>;
  /** The BG/NBD + Gamma-Gamma calibration the family applies, learnt on the split; the identity when it applies none. */
  calibration: BtydCalibration;
  btyd: Pick<BtydModels, 'bgNbd' | 'gammaGamma' | 'customers' | 'repeatBuyers'>;
  network?: NetworkSummary;
  seconds: number;
}
