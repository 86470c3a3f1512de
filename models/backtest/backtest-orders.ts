import type { TrainZilnOptions } from '../churn-clv/train-ziln-network.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import type { BacktestModelCard } from './backtest-model-card.js';
import { FAMILY_SETTINGS, type FamilySettings } from '../model-families/family-settings.js';
import { validationWindows } from '../model-families/validation-windows.js';
import { blendPredictions } from '../model-families/blend-predictions.js';
import { calibrateBtyd, NO_BTYD_CALIBRATION } from '../model-families/btyd-calibration.js';
import { buildBacktestCard } from './build-backtest-card.js';
import { chooseFamily } from '../model-families/choose-family.js';
import { buildCustomerFrame } from '../model-families/customer-frame.js';
import type { CustomerPredictions } from '../model-families/customer-predictions.js';
import type { LoadedOrders } from './load-backtest-orders.js';
import { spendLabels } from '../model-families/spend-labels.js';
import { validateFamilies } from '../model-families/validate-families.js';
import { disposeZilnEnsemble, ensembleOptions, scoreZilnEnsemble, trainZilnEnsemble } from '../model-families/ziln-ensemble.js';

export interface BacktestOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  settings?: Partial<FamilySettings>;
  /** Network options (layers, learning rate...) for experiments; the defaults are trainZilnNetwork's. */
  network?: TrainZilnOptions;
}

export interface BacktestOutcome {
  predictions: CustomerPredictions;
  card: BacktestModelCard;
}

/** Backtests, in the profile-free setting of an orders file, so no profile categories. */
const NO_VOCABULARY: FeatureVocabulary = { country: [], acquisitionChannel: [] };

/**
 * Chooses a model family on the validation window, refits it as of asOf and predicts
 * (asOf, asOf + horizon] for every customer with an order on or before asOf. `orders` must hold
 * nothing after asOf (loadBacktestOrders sees to that).
 */
export async function backtestOrders(db: DuckDbSession, loaded: LoadedOrders, options: BacktestOptions): Promise<BacktestOutcome> {
  const started = performance.now();
  const settings: FamilySettings = { ...FAMILY_SETTINGS, ...options.settings };
  const windows = validationWindows(options.asOf, options.horizonDays);
  const context = { windows, vocabulary: NO_VOCABULARY, seed: options.seed, settings, ...(options.network ? { network: options.network } : {}) };
  const validation = await validateFamilies(db, context);
  const validated = typeof validation === 'string' ? undefined : validation;
  const choice = validated
    ? chooseFamily(validated.metrics, validated.networkUnavailable)
    : chooseFamily({}, `history too short to validate (${validation as string}): uncalibrated BG/NBD + Gamma-Gamma`);
  const finalFrame = await buildCustomerFrame(db, options.asOf, options.horizonDays, NO_VOCABULARY);
  const btyd = calibrateBtyd(finalFrame.btyd, validated?.calibration ?? NO_BTYD_CALIBRATION);
  let predictions = btyd;
  let network: BacktestModelCard['network'];
  if (validated && choice.family !== 'btyd') {
    const labels = spendLabels(validated.frame.features, validated.spend);
    const ensemble = await trainZilnEnsemble(validated.frame.features, labels, ensembleOptions(settings, options.seed, options.network));
    const ziln = scoreZilnEnsemble(ensemble, finalFrame.features);
    disposeZilnEnsemble(ensemble);
    predictions = choice.family === 'ziln' ? ziln : blendPredictions(ziln, btyd, settings.blendWeight);
    network = { members: ensemble.networks.length, trainingRows: labels.length, epochs: ensemble.epochs, validationEpochs: validated.networkEpochs ?? [] };
  }
  const card = buildBacktestCard({ options, loaded, windows, choice, validated, finalFrame, predictions, network, started });
  return { predictions, card };
}
