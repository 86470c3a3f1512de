import type { BacktestModelCard } from './backtest-model-card.js';
import type { BacktestOptions } from './backtest-orders.js';
import type { ValidationWindows } from '../model-families/validation-windows.js';
import { NO_BTYD_CALIBRATION } from '../model-families/btyd-calibration.js';
import { FAMILY_NAMES, type FamilyChoice } from '../model-families/choose-family.js';
import type { CustomerFrame } from '../model-families/customer-frame.js';
import type { CustomerPredictions } from '../model-families/customer-predictions.js';
import type { LoadedOrders } from './load-backtest-orders.js';
import type { FamilyValidation } from '../model-families/validate-families.js';

export interface BacktestCardInput {
  options: BacktestOptions;
  loaded: LoadedOrders;
  windows: ValidationWindows;
  choice: FamilyChoice;
  validated: FamilyValidation | undefined;
  finalFrame: CustomerFrame;
  predictions: CustomerPredictions;
  network: BacktestModelCard['network'];
  /** performance.now() when the backtest started. */
  started: number;
}

export function buildBacktestCard(input: BacktestCardInput): BacktestModelCard {
  const { options, loaded, windows, choice, validated, network } = input;
  return {
    family: choice.family,
    familyName: FAMILY_NAMES[choice.family],
    reason: choice.reason,
    seed: options.seed,
    data: {
      firstOrder: loaded.firstOrder,
      asOf: options.asOf,
      horizonDays: options.horizonDays,
      validationCutoff: windows.validationCutoff,
      trainingCutoff: windows.trainingCutoff,
      customers: input.predictions.customerIds.length,
      rowsRead: loaded.report.rowsRead,
      rowsRejected: loaded.report.rowsQuarantined,
      rowsAfterAsOf: loaded.rowsAfterAsOf,
    },
    samples: validated ? { validation: validated.counts.validation, networkTraining: validated.counts.training } : {},
    validation: validated?.metrics ?? {},
    selectionScores: choice.scores,
    calibration: validated?.calibration ?? NO_BTYD_CALIBRATION,
    btyd: input.finalFrame.btydModels,
    ...(network ? { network } : {}),
    seconds: (performance.now() - input.started) / 1000,
  };
}
