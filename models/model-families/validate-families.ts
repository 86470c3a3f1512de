import type { TrainZilnOptions } from '../ziln/train-ziln-network.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import type { PurchaseHistory } from '../features/purchase-history.js';
import { spendInWindow } from '../features/labels.js';
import { StepTimer } from '../progress/step-timer.js';
import { ensembleOptions, type FamilySettings } from './family-settings.js';
import type { ValidationWindows } from './validation-windows.js';
import { blendPredictions } from './blend-predictions.js';
import { calibrateBtyd, fitBtydCalibration, rawBtydPredictions, type BtydCalibration } from './btyd-calibration.js';
import type { ModelFamily } from './choose-family.js';
import { buildCustomerFrame, type CustomerFrame } from './customer-frame.js';
import { predictionMetrics, type PredictionMetrics } from './prediction-metrics.js';
import { gradientBoostingPredictions } from './gradient-boosting-predictions.js';
import { spendLabels } from './spend-labels.js';
import { windowCounts, windowShortfall, type WindowCounts } from './window-counts.js';
import { disposeZilnEnsemble, scoreZilnEnsemble, trainZilnEnsemble } from '../ziln/ziln-ensemble.js';

export interface FamilyValidation {
  counts: { validation: WindowCounts; training: WindowCounts };
  /** Every candidate's metrics on (validationCutoff, asOf], plus the baselines: uncalibrated BTYD and gradient boosting. */
  metrics: Partial<Record<ModelFamily | 'btydUncalibrated' | 'gradientBoosting', PredictionMetrics>>;
  calibration: BtydCalibration;
  /** Why the network was not validated, when it was not. */
  networkUnavailable?: string;
  networkEpochs?: number[];
  /** Features and BTYD as of validationCutoff, with their labels: the final network's training rows. */
  frame: CustomerFrame;
  spend: Map<string, number>;
}

type Context = { windows: ValidationWindows; vocabulary: FeatureVocabulary; seed: number; settings: FamilySettings; network?: TrainZilnOptions; timer?: StepTimer; history?: PurchaseHistory };

/**
 * Predicts (validationCutoff, asOf] from the history up to validationCutoff with every family:
 * BG/NBD + Gamma-Gamma fitted as of validationCutoff (as fitted, and calibrated on this window for
 * the blend), the network
 * trained on labels (trainingCutoff, validationCutoff], and their blend. Returns the reason
 * instead when the validation window is too small to judge anything by.
 */
export async function validateFamilies(db: DuckDbSession, context: Context): Promise<FamilyValidation | string> {
  const { windows, settings } = context;
  const timer = context.timer ?? new StepTimer();
  const validationCounts = await windowCounts(db, windows.validationCutoff, windows.asOf);
  const shortfall = windowShortfall(validationCounts, settings.minValidationCustomers, settings.minClassCount, `validation window (${windows.validationCutoff}, ${windows.asOf}]`);
  if (shortfall) return shortfall;
  const frame = await timer.time('validation frame', () => buildCustomerFrame(db, windows.validationCutoff, windows.horizonDays, context.vocabulary, undefined, context.history));
  const spend = await timer.time('validation labels', () => spendInWindow(db, windows.validationCutoff, windows.asOf));
  const calibration = fitBtydCalibration(frame.btyd, spend);
  const btyd = calibrateBtyd(frame.btyd, calibration);
  const asFitted = predictionMetrics(rawBtydPredictions(frame.btyd), spend);
  const metrics: FamilyValidation['metrics'] = { btydUncalibrated: asFitted, btyd: asFitted };
  const trainingCounts = await windowCounts(db, windows.trainingCutoff, windows.validationCutoff);
  const base = { counts: { validation: validationCounts, training: trainingCounts }, metrics, calibration, frame, spend };
  const networkUnavailable = windowShortfall(trainingCounts, settings.minNetworkCustomers, settings.minClassCount, `network training window (${windows.trainingCutoff}, ${windows.validationCutoff}]`);
  if (networkUnavailable) return { ...base, networkUnavailable };
  const training = await timer.time('training frame', () => buildCustomerFrame(db, windows.trainingCutoff, windows.horizonDays, context.vocabulary, undefined, context.history));
  const labels = spendLabels(training.features, await spendInWindow(db, windows.trainingCutoff, windows.validationCutoff));
  metrics.gradientBoosting = await timer.time('gradient-boosting baseline', () => predictionMetrics(gradientBoostingPredictions(training.base, labels, frame.base, context.seed), spend));
  const ensemble = await timer.time('validation networks', () => trainZilnEnsemble(training.features, labels, ensembleOptions(settings, context.seed, context.network)));
  const ziln = await timer.time('validation scoring', () => scoreZilnEnsemble(ensemble, frame.features));
  disposeZilnEnsemble(ensemble);
  await timer.time('validation metrics', () => {
    metrics.ziln = predictionMetrics(ziln, spend);
    metrics.blend = predictionMetrics(blendPredictions(ziln, btyd, settings.blendWeight), spend);
  });
  return { ...base, networkEpochs: ensemble.epochs };
}
