import type { TrainZilnOptions } from '../ziln/train-ziln-network.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import type { StepTimer } from '../progress/step-timer.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import { buildModelCard, disposeFamilyModel, fitFamilyModel, type CustomerPredictions, type FamilySettings } from '../model-families/index.js';
import type { BacktestModelCard } from './backtest-model-card.js';
import type { LoadedOrders } from './load-backtest-orders.js';

export interface BacktestOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  settings?: Partial<FamilySettings>;
  /** Network options (layers, learning rate...) for experiments; the defaults are trainZilnNetwork's. */
  network?: TrainZilnOptions;
  /** Told as each step (loading, each frame, each fit, predictions) ends. */
  timer?: StepTimer;
}

export interface BacktestOutcome {
  predictions: CustomerPredictions;
  card: BacktestModelCard;
}

/** Backtests, in the profile-free setting of an orders file, so no profile categories. */
const NO_VOCABULARY: FeatureVocabulary = { country: [], acquisitionChannel: [] };

/**
 * Fits the model family the pipeline would (fitFamilyModel) as of asOf and predicts
 * (asOf, asOf + horizon] for every customer with an order on or before asOf. `orders` must hold
 * nothing after asOf (loadBacktestOrders sees to that).
 */
export async function backtestOrders(db: DuckDbSession, loaded: LoadedOrders, options: BacktestOptions): Promise<BacktestOutcome> {
  const started = performance.now();
  const fit = await fitFamilyModel(db, { ...options, vocabulary: NO_VOCABULARY });
  disposeFamilyModel(fit.model);
  const card = buildModelCard(fit, { version: `backtest-${options.asOf}-s${options.seed}`, seed: options.seed, firstOrder: loaded.firstOrder, started });
  const input = { rowsRead: loaded.report.rowsRead, rowsRejected: loaded.report.rowsQuarantined, rowsAfterAsOf: loaded.rowsAfterAsOf };
  return { predictions: fit.predictions, card: { ...card, input } };
}
