import type { TrainZilnOptions } from '../ziln/train-ziln-network.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { StepTimer } from '../progress/step-timer.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import { loadPurchaseHistory } from '../features/purchase-history.js';
import { NO_BTYD_CALIBRATION } from './btyd-calibration.js';
import { chooseFamily, type FamilyChoice } from './choose-family.js';
import { buildCustomerFrame, type CustomerFrame } from './customer-frame.js';
import type { CustomerPredictions } from './customer-predictions.js';
import { ensembleOptions, FAMILY_SETTINGS, type FamilySettings } from './family-settings.js';
import type { NetworkSummary } from './model-card.js';
import { predictWithFamilyModel, type FamilyModel } from './family-model.js';
import { fitLogSpendSigma } from './log-spend-sigma.js';
import { spendLabels } from './spend-labels.js';
import { validateFamilies, type FamilyValidation } from './validate-families.js';
import { validationWindows, type ValidationWindows } from './validation-windows.js';
import { scoreZilnEnsemble, trainZilnEnsemble } from '../ziln/ziln-ensemble.js';

export interface FitFamilyOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  /** Profile category levels one-hot encoded as features; empty lists when there are no profiles. */
  vocabulary: FeatureVocabulary;
  settings?: Partial<FamilySettings>;
  /** Network options (layers, learning rate...) for experiments; the defaults are trainZilnNetwork's. */
  network?: TrainZilnOptions;
  timer?: StepTimer;
}

export interface FittedFamilyModel {
  model: FamilyModel;
  windows: ValidationWindows;
  choice: FamilyChoice;
  /** Undefined when history was too short to validate anything. */
  validated: FamilyValidation | undefined;
  /** Features and BTYD as of asOf. */
  finalFrame: CustomerFrame;
  /** The horizon after asOf, for every customer with an order on or before asOf. */
  predictions: CustomerPredictions;
  network?: NetworkSummary;
}

/**
 * Chooses a model family on the validation window, then refits it as of asOf: BG/NBD +
 * Gamma-Gamma on the whole history (calibrated on the validation window inside the blend), and
 * the network, when chosen, on labels (asOf - horizon, asOf]. The orders table must hold nothing the model may not
 * see. The caller owns the returned networks (disposeFamilyModel).
 */
export async function fitFamilyModel(db: DuckDbSession, options: FitFamilyOptions): Promise<FittedFamilyModel> {
  const settings: FamilySettings = { ...FAMILY_SETTINGS, ...options.settings };
  const windows = validationWindows(options.asOf, options.horizonDays);
  const { vocabulary, seed } = options;
  const timer = options.timer ?? new StepTimer();
  const history = await timer.time('purchase history', () => loadPurchaseHistory(db));
  const validation = await validateFamilies(db, { windows, vocabulary, seed, settings, timer, history, ...(options.network ? { network: options.network } : {}) });
  const validated = typeof validation === 'string' ? undefined : validation;
  const choice = validated
    ? chooseFamily(validated.metrics, validated.networkUnavailable)
    : { family: 'btyd' as const, reason: `too little data to validate (${validation as string}): uncalibrated BG/NBD + Gamma-Gamma`, scores: {} };
  const finalFrame = await timer.time('as-of frame', () => buildCustomerFrame(db, options.asOf, options.horizonDays, vocabulary, undefined, history));
  const parameters = {
    family: choice.family,
    horizonDays: options.horizonDays,
    btyd: finalFrame.btydModels,
    // BG/NBD + Gamma-Gamma alone is served as fitted: a churn and spend level learnt on one window
    // carried over to the next worse as often as better in the backtests (seasons, cohort decay).
    // Its calibration is part of the blend, where it was validated together with the network.
    calibration: validated && choice.family !== 'btyd' ? validated.calibration : NO_BTYD_CALIBRATION,
    blendWeight: settings.blendWeight,
    vocabulary,
    featureNames: finalFrame.features.featureNames,
  };
  if (!validated || choice.family === 'btyd') {
    const model: FamilyModel = { parameters: { ...parameters, ensemble: null, spendLogSigma: null }, networks: [] };
    return { model, windows, choice, validated, finalFrame, predictions: await timer.time('predictions', () => predictWithFamilyModel(model, finalFrame)) };
  }
  const labels = spendLabels(validated.frame.features, validated.spend);
  const { networks, ...ensemble } = await timer.time('final networks', () => trainZilnEnsemble(validated.frame.features, labels, ensembleOptions(settings, seed, options.network)));
  const spendLogSigma = await timer.time('spread of spend', () => fitLogSpendSigma(scoreZilnEnsemble({ ...ensemble, networks }, validated.frame.features), labels));
  const model: FamilyModel = { parameters: { ...parameters, ensemble, spendLogSigma }, networks };
  const network: NetworkSummary = {
    members: networks.length,
    trainingRows: labels.length,
    rowsPerNetwork: Math.min(labels.length, settings.maxRowsPerNetwork),
    epochs: ensemble.epochs,
    validationEpochs: validated.networkEpochs ?? [],
  };
  const predictions = await timer.time('predictions', () => predictWithFamilyModel(model, finalFrame));
  return { model, windows, choice, validated, finalFrame, predictions, network };
}
