import type { LayersModel } from '@tensorflow/tfjs';
import type { DuckDbSession } from '../../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from '../../features/feature-frame.js';
import { spendInWindowOf, type PurchaseHistory } from '../../features/purchase-history.js';
import { StepTimer } from '../../progress/step-timer.js';
import type { TrainZilnOptions } from '../../ziln/index.js';
import { fitBtydCalibration, rawBtydPredictions, type BtydCalibration } from '../btyd/btyd-calibration.js';
import type { CustomerPredictions } from '../customer-predictions.js';
import { FamilyInputError, FamilyUnavailableError } from '../errors.js';
import { modelInputs } from '../family-model.js';
import { ensembleOptions, type FamilySettings } from '../fitting/family-settings.js';
import { FitContext, type LabelledRows } from '../fitting/fit-context.js';
import { buildCustomerFrame, sampleFrame, type CustomerFrame, type FrameFeatures } from '../frame/customer-frame.js';
import { spendLabels } from '../frame/spend-labels.js';
import type { ModelFamily, ModelFamilyId } from '../model-family.js';
import { gradientBoostingPredictions } from './gradient-boosting-predictions.js';
import { predictionMetrics, type PredictionMetrics } from './prediction-metrics.js';
import type { ValidationWindows } from './validation-windows.js';
import { windowCountsOf, windowShortfall, type WindowCounts } from './window-counts.js';

export interface FamilyValidation {
  counts: { validation: WindowCounts; training: WindowCounts };
  /** Every validated family's metrics on (validationCutoff, asOf], in registry order. */
  candidates: Record<ModelFamilyId, PredictionMetrics>;
  /** Why a family could not be validated, when it could not. */
  unavailable: Record<ModelFamilyId, string>;
  /** BG/NBD + Gamma-Gamma as fitted, and gradient boosting (when the training window has enough labels), on the same window. */
  baselines: { btydUncalibrated: PredictionMetrics; gradientBoosting?: PredictionMetrics };
  /**
   * The gradient-boosting baseline's metrics while its thread still works (baselines has none yet):
   * only the model card reads them, so the fit awaits them last (withGradientBoosting) and nothing
   * else waits for that thread.
   */
  pendingGradientBoosting?: Promise<PredictionMetrics>;
  calibration: BtydCalibration;
  networkEpochs?: number[];
  /** Features as of validationCutoff, with their labels: the final network's training rows. */
  frame: FrameFeatures;
  spend: ReadonlyMap<string, number>;
  /** Customers the families were scored and compared on: all of the window's, or a sample (maxValidationCustomers). */
  scoredCustomers: number;
}

interface ValidationContext {
  windows: ValidationWindows;
  vocabulary: FeatureVocabulary;
  seed: number;
  settings: FamilySettings;
  families: readonly ModelFamily[];
  network?: TrainZilnOptions;
  timer?: StepTimer;
  /**
   * The orders' purchase history: features, labels and window counts all come from it. Taken out
   * of the context (set undefined) and let go once the frames and labels are built; a caller that
   * needs it afterwards keeps its own reference.
   */
  history: PurchaseHistory | undefined;
  /** Called once the validation window's frame and labels exist, before the families fit, for work that needs only them (it starts beside the fits). */
  onLabelledFrame?: (labelled: LabelledFrame) => void;
}

/** Features as of a cut-off, with each customer's spend in the horizon after it. */
export interface LabelledFrame {
  frame: FrameFeatures;
  spend: ReadonlyMap<string, number>;
}

/**
 * Predicts (validationCutoff, asOf] from the history up to validationCutoff with every family:
 * each fits from one shared context (BG/NBD + Gamma-Gamma fitted as of validationCutoff and
 * calibrated on this window, networks trained once on labels (trainingCutoff, validationCutoff]).
 * Returns the reason instead when the validation window is too small to judge anything by.
 */
export async function validateFamilies(db: DuckDbSession, context: ValidationContext): Promise<FamilyValidation | string> {
  const { windows, settings } = context;
  const timer = context.timer ?? new StepTimer();
  let history = context.history;
  context.history = undefined;
  if (!history) throw new FamilyInputError('validateFamilies needs the purchase history (it was taken already).');
  const validationCounts = windowCountsOf(history, windows.validationCutoff, windows.asOf);
  const shortfall = windowShortfall(validationCounts, settings.minValidationCustomers, settings.minClassCount, `validation window (${windows.validationCutoff}, ${windows.asOf}]`);
  if (shortfall) return shortfall;
  let built: CustomerFrame | undefined = await timer.time('validation frame', frameOf(db, windows.validationCutoff, windows.horizonDays, context.vocabulary, history));
  const spend = await timer.time('validation labels', labelsOf(history, windows.validationCutoff, windows.asOf));
  const calibration = fitBtydCalibration(built.btyd, spend);
  // The families are scored on the sample (its own copies), so the window's BTYD predictions go
  // with the frame here: only its features are kept, for the final networks. The whole frame is
  // let go explicitly: held by this suspended function, it stayed alive through the fits (some
  // 60 MB at a million customers, measured after a forced collection).
  const scored = sampleFrame(built, settings.maxValidationCustomers, context.seed);
  const frame: FrameFeatures = { features: built.features, baseWidth: built.baseWidth };
  built = undefined;
  const baselines: FamilyValidation['baselines'] = { btydUncalibrated: predictionMetrics(rawBtydPredictions(scored.btyd), spend) };
  const trainingCounts = windowCountsOf(history, windows.trainingCutoff, windows.validationCutoff);
  const networkUnavailable = windowShortfall(trainingCounts, settings.minNetworkCustomers, settings.minClassCount, `network training window (${windows.trainingCutoff}, ${windows.validationCutoff}]`);
  let training: (() => LabelledRows) | string = `no network: ${networkUnavailable}`;
  let gradientBoosting: Promise<CustomerPredictions> | undefined;
  if (!networkUnavailable) {
    // Its features alone are kept (the networks train on them): its BTYD predictions are not needed.
    const trainingFrame = await timer.time('training frame', trainingFeaturesOf(db, windows.trainingCutoff, windows.horizonDays, context.vocabulary, history));
    const trainingLabels = spendLabels(trainingFrame.features, spendInWindowOf(history, windows.trainingCutoff, windows.validationCutoff));
    // On another core while the families fit below; awaited after them (a rejection is kept for then).
    gradientBoosting = gradientBoostingPredictions(trainingFrame, trainingLabels, scored, context.seed);
    gradientBoosting.catch(ignoreRejection);
    training = () => ({ features: trainingFrame.features, spend: trainingLabels });
  }
  history = undefined;
  // After the baseline above, so that it is asked for first (the baselines' threads: gradientBoostingBaselineBeside).
  context.onLabelledFrame?.({ frame, spend });
  // The families predict the sample, so it is their context's frame.
  const fitContext = new FitContext({ frame: scored, settings, calibration, training, ensemble: ensembleOptions(settings, context.seed, context.network), timer, steps: { networks: 'validation networks' } });
  const inputs = modelInputs(scored, windows.horizonDays, context.vocabulary);
  const candidates: FamilyValidation['candidates'] = {};
  const unavailable: FamilyValidation['unavailable'] = {};
  // Validated families are thrown away; ziln and blend hold the context's networks, so free each network once.
  const networks = new Set<LayersModel>();
  try {
    for (const family of context.families) {
      const fitted = await family.fit(fitContext).catch((error: unknown) => {
        if (error instanceof FamilyUnavailableError) return error;
        throw error;
      });
      if (fitted instanceof FamilyUnavailableError) {
        unavailable[family.id] = fitted.message;
        continue;
      }
      fitted.networks.forEach((network) => networks.add(network));
      const predictions = await timer.time(`validation scoring (${family.id})`, () => family.predict({ family: family.id, inputs, ...fitted }, scored).predictions);
      candidates[family.id] = await timer.time(`validation metrics (${family.id})`, () => predictionMetrics(predictions, spend));
    }
  } finally {
    fitContext.trained?.ensemble.networks.forEach((network) => networks.add(network));
    networks.forEach((network) => network.dispose());
  }
  const pendingGradientBoosting = gradientBoosting && metricsOnceDone(gradientBoosting, spend);
  const networkEpochs = fitContext.trained?.ensemble.epochs;
  return {
    counts: { validation: validationCounts, training: trainingCounts },
    candidates,
    unavailable,
    baselines,
    ...(pendingGradientBoosting ? { pendingGradientBoosting } : {}),
    calibration,
    ...(networkEpochs ? { networkEpochs } : {}),
    frame,
    spend,
    scoredCustomers: scored.features.customerIds.length,
  };
}

/**
 * The work of timer.time for a frame and for labels, made out here so that no callback in
 * validateFamilies holds the history: it lets go of it once the frames and labels are built.
 */
const frameOf = (db: DuckDbSession, cutoff: string, horizonDays: number, vocabulary: FeatureVocabulary, history: PurchaseHistory) => () =>
  buildCustomerFrame(db, cutoff, horizonDays, vocabulary, undefined, history);
const labelsOf = (history: PurchaseHistory, after: string, until: string) => () => spendInWindowOf(history, after, until);
const trainingFeaturesOf = (db: DuckDbSession, cutoff: string, horizonDays: number, vocabulary: FeatureVocabulary, history: PurchaseHistory) => async (): Promise<FrameFeatures> => {
  const { features, baseWidth } = await buildCustomerFrame(db, cutoff, horizonDays, vocabulary, undefined, history);
  return { features, baseWidth };
};

/**
 * Callbacks on the baseline's promise are made out here on purpose: one made in validateFamilies
 * would keep that whole scope (the history, the training frame: hundreds of MB at a million
 * customers) alive until the thread answers.
 */
const ignoreRejection = (): undefined => undefined;

/** The metrics of predictions still being made (see ignoreRejection for why this is not inline). */
function metricsOnceDone(predictions: Promise<CustomerPredictions>, spend: ReadonlyMap<string, number>): Promise<PredictionMetrics> {
  const metrics = predictions.then((done) => predictionMetrics(done, spend));
  metrics.catch(ignoreRejection);
  return metrics;
}

/** The validation with the gradient-boosting baseline's metrics in its baselines, once its thread has them. */
export async function withGradientBoosting(validation: FamilyValidation, timer: StepTimer): Promise<FamilyValidation> {
  const { pendingGradientBoosting, ...settled } = validation;
  if (!pendingGradientBoosting) return validation;
  const gradientBoosting = await timer.time('gradient-boosting baseline (waiting for its thread)', () => pendingGradientBoosting);
  return { ...settled, baselines: { ...settled.baselines, gradientBoosting } };
}
