import type { DuckDbSession } from '../../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from '../../features/feature-frame.js';
import { loadPurchaseHistory, type PurchaseHistory } from '../../features/purchase-history.js';
import { StepTimer } from '../../progress/step-timer.js';
import type { TrainZilnOptions } from '../../ziln/index.js';
import { NO_BTYD_CALIBRATION, type BtydCalibration } from '../btyd/btyd-calibration.js';
import type { CustomerPredictions } from '../customer-predictions.js';
import { modelInputs, type FamilyModel } from '../family-model.js';
import { buildCustomerFrame, type CustomerFrame } from '../frame/customer-frame.js';
import { spendLabels } from '../frame/spend-labels.js';
import type { NetworkSummary } from '../model-card.js';
import type { ModelFamily } from '../model-family.js';
import { familyById, MODEL_FAMILIES } from '../registry.js';
import { chooseFamily, type FamilyChoice } from '../selection/choose-family.js';
import { validateFamilies, withGradientBoosting, type FamilyValidation, type LabelledFrame } from '../selection/validate-families.js';
import { validationWindows, type ValidationWindows } from '../selection/validation-windows.js';
import { ensembleOptions, FAMILY_SETTINGS, type FamilySettings } from './family-settings.js';
import { FitContext } from './fit-context.js';

export interface FitFamilyOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  /** Profile category levels one-hot encoded as features; empty lists when there are no profiles. */
  vocabulary: FeatureVocabulary;
  settings?: Partial<FamilySettings>;
  /** Network options (layers, learning rate...) for experiments; the defaults are trainZilnNetwork's. */
  network?: TrainZilnOptions;
  /** The candidates, the reference first; MODEL_FAMILIES unless a test registers others. */
  families?: readonly ModelFamily[];
  timer?: StepTimer;
  /**
   * The orders' purchase history when the caller has read it (loadPurchaseHistory); read from
   * `orders` when absent. The fit lets go of it once its frames are built (at a million customers
   * it holds some 200 MB, which the networks then have): a caller that wants the memory back
   * hands it over without keeping a reference of its own. The fit takes it out of these options
   * (sets it undefined), which its own frame keeps to the end.
   */
  history?: PurchaseHistory;
  /**
   * Called once the validation window's labelled frame and the as-of frame exist (before the
   * families are validated), when the validation window has enough customers to validate on: work
   * that needs only those (the backtest's own baseline) starts beside the fits.
   */
  onFrames?: (frames: { validation: LabelledFrame; finalFrame: CustomerFrame }) => void;
}

export interface FittedFamilyModel {
  model: FamilyModel;
  family: ModelFamily;
  windows: ValidationWindows;
  choice: FamilyChoice;
  /** Undefined when history was too short to validate anything. */
  validated: FamilyValidation | undefined;
  /** Features and BTYD as of asOf, for every customer with an order on or before asOf (predictAsOf predicts them). */
  finalFrame: CustomerFrame;
  /** The BG/NBD + Gamma-Gamma calibration the family applies; the identity when it applies none. */
  calibration: BtydCalibration;
  network?: NetworkSummary;
}

/**
 * Chooses a model family on the validation window, then refits it as of asOf: BG/NBD +
 * Gamma-Gamma on the whole history (calibrated on the validation window where the family uses
 * it), and networks, when the family uses them, on labels (asOf - horizon, asOf]. The orders
 * table must hold nothing the model may not see. The caller owns the returned networks
 * (disposeFamilyModel).
 */
export async function fitFamilyModel(db: DuckDbSession, given: FitFamilyOptions): Promise<FittedFamilyModel> {
  let history = given.history;
  given.history = undefined;
  const options: Omit<FitFamilyOptions, 'history'> = given;
  const settings: FamilySettings = { ...FAMILY_SETTINGS, ...options.settings };
  const families = options.families ?? MODEL_FAMILIES;
  const windows = validationWindows(options.asOf, options.horizonDays);
  const { vocabulary, seed } = options;
  const timer = options.timer ?? new StepTimer();
  history ??= await timer.time('purchase history', () => loadPurchaseHistory(db));
  const asOfFrame = () => timer.time('as-of frame', () => buildCustomerFrame(db, options.asOf, options.horizonDays, vocabulary, undefined, history));
  // For a caller's work that needs it and the validation window, built first so that work starts
  // beside the fits; otherwise after the validation, whose training frame is gone by then (at a
  // million customers each frame is some 300 MB).
  const early = options.onFrames ? await asOfFrame() : undefined;
  const onLabelledFrame = options.onFrames && early && ((validation: LabelledFrame) => options.onFrames!({ validation, finalFrame: early }));
  const validationContext = {
    windows,
    vocabulary,
    seed,
    settings,
    families,
    timer,
    history,
    ...(options.network ? { network: options.network } : {}),
    ...(onLabelledFrame ? { onLabelledFrame } : {}),
  };
  // With the as-of frame built, the validation holds the only reference (it takes the history out
  // of its context) and lets go of it once its frames and labels are built.
  if (early) history = undefined;
  const validation = await validateFamilies(db, validationContext);
  const validated = typeof validation === 'string' ? undefined : validation;
  const finalFrame = early ?? (await asOfFrame());
  history = undefined;
  const reference = families[0]!;
  const choice = validated
    ? chooseFamily(families, validated.candidates, validated.unavailable)
    : { family: reference.id, reason: `too little data to validate (${validation as string}): ${reference.name} as fitted`, scores: {} };
  const family = familyById(choice.family, families);
  const context = new FitContext({
    frame: finalFrame,
    settings,
    calibration: validated?.calibration ?? NO_BTYD_CALIBRATION,
    training: validated ? () => ({ features: validated.frame.features, spend: spendLabels(validated.frame.features, validated.spend) }) : 'no network: no labelled window',
    ensemble: ensembleOptions(settings, seed, options.network),
    timer,
    steps: { networks: 'final networks', spread: 'spread of spend' },
  });
  const model: FamilyModel = { family: family.id, inputs: modelInputs(finalFrame, options.horizonDays, vocabulary), ...(await family.fit(context)) };
  const trained = context.trained;
  const network: NetworkSummary | undefined = trained && {
    members: trained.ensemble.networks.length,
    trainingRows: trained.trainingRows,
    rowsPerNetwork: Math.min(trained.trainingRows, settings.maxRowsPerNetwork),
    epochs: trained.ensemble.epochs,
    validationEpochs: validated?.networkEpochs ?? [],
  };
  const calibration = context.calibrationUsed ? (validated?.calibration ?? NO_BTYD_CALIBRATION) : NO_BTYD_CALIBRATION;
  const settled = validated && (await withGradientBoosting(validated, timer));
  return { model, family, windows, choice, validated: settled, finalFrame, calibration, ...(network ? { network } : {}) };
}

/**
 * The horizon after asOf, for every customer with an order on or before asOf. Not part of the fit:
 * training only needs the model, and predicting a million customers costs seconds and memory.
 */
export const predictAsOf = (fit: Pick<FittedFamilyModel, 'family' | 'model' | 'finalFrame'>): CustomerPredictions =>
  fit.family.predict(fit.model, fit.finalFrame).predictions;
