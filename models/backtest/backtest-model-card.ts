import type { BtydModels } from '../btyd-predictor/index.js';
import type { BtydCalibration } from '../model-families/btyd-calibration.js';
import type { ModelFamily } from '../model-families/choose-family.js';
import type { PredictionMetrics } from '../model-families/prediction-metrics.js';
import type { WindowCounts } from '../model-families/window-counts.js';

/** What was trained, on which data, and how well it did on the held-out time split. */
export interface BacktestModelCard {
  family: ModelFamily;
  familyName: string;
  reason: string;
  seed: number;
  data: {
    firstOrder: string;
    asOf: string;
    horizonDays: number;
    /** Validation predicts (validationCutoff, asOf] from the history up to validationCutoff. */
    validationCutoff: string;
    /** The validated network was trained on labels (trainingCutoff, validationCutoff]. */
    trainingCutoff: string;
    customers: number;
    rowsRead: number;
    rowsRejected: number;
    rowsAfterAsOf: number;
  };
  samples: { validation?: WindowCounts; networkTraining?: WindowCounts };
  /** Candidates' metrics on the validation window; btydUncalibrated is the BG/NBD + Gamma-Gamma baseline. */
  validation: Partial<Record<ModelFamily | 'btydUncalibrated', PredictionMetrics>>;
  /** Mean relative loss (BTYD = 1) that chose the family. */
  selectionScores: Partial<Record<ModelFamily, number>>;
  calibration: BtydCalibration;
  btyd: Pick<BtydModels, 'bgNbd' | 'gammaGamma' | 'customers' | 'repeatBuyers'>;
  network?: { members: number; trainingRows: number; epochs: number[]; validationEpochs: number[] };
  seconds: number;
}
