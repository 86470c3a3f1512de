import type { TrainZilnOptions } from '../ziln/train-ziln-network.js';
import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import type { FeatureVocabulary } from '../features/feature-frame.js';
import { loadPurchaseHistory } from '../features/purchase-history.js';
import { StepTimer } from '../progress/step-timer.js';
import { buildModelCard, disposeFamilyModel, fitFamilyModel, predictAsOf, type CustomerPredictions, type FamilySettings } from '../model-families/index.js';
import { BacktestError } from './backtest-error.js';
import { backtestGradientBoosting, evaluateBacktest, type BacktestEvaluation } from './backtest-evaluation.js';
import type { BacktestModelCard } from './backtest-model-card.js';
import type { LoadedOrders } from './load-backtest-orders.js';

export interface BacktestOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  settings?: Partial<FamilySettings>;
  /** Network options (layers, learning rate...) for experiments; the defaults are trainZilnNetwork's. */
  network?: TrainZilnOptions;
  /** Told as each step (loading, each frame, each fit, predictions, scores) ends. */
  timer?: StepTimer;
}

export interface BacktestOutcome {
  predictions: CustomerPredictions;
  card: BacktestModelCard;
  /** The predictions scored against what happened after as-of, beside both baselines', or why they could not be. */
  evaluation: BacktestEvaluation;
}

/** Backtests, in the profile-free setting of an orders file, so no profile categories. */
const NO_VOCABULARY: FeatureVocabulary = { country: [], acquisitionChannel: [] };

/**
 * Fits the model family the pipeline would (fitFamilyModel) as of asOf and predicts
 * (asOf, asOf + horizon] for every customer with an order on or before asOf, then scores them
 * against what the file says happened there. `orders` must hold nothing after asOf, and `loaded`
 * what happened in the horizon (loadBacktestOrders with the horizon sees to both).
 */
export async function backtestOrders(db: DuckDbSession, loaded: LoadedOrders, options: BacktestOptions): Promise<BacktestOutcome> {
  const { observed } = loaded;
  if (!observed) throw new BacktestError('The orders were loaded without a horizon, so there is nothing to score the predictions against.');
  const started = performance.now();
  const timer = options.timer ?? new StepTimer();
  // Everything the fit reads of the orders is in the history (features, labels, counts): the
  // table's memory goes back before the frames and networks need theirs. The fit lets go of the
  // history once its frames are built, so none is kept here.
  const read = async () => {
    const history = await timer.time('purchase history', () => loadPurchaseHistory(db));
    await db.run('DROP TABLE orders');
    return history;
  };
  let gradientBoosting: Promise<CustomerPredictions> | null = null;
  const fit = await fitFamilyModel(db, {
    ...options,
    timer,
    history: await read(),
    vocabulary: NO_VOCABULARY,
    onFrames: ({ validation, finalFrame }) => {
      gradientBoosting = backtestGradientBoosting(validation, finalFrame, options.seed);
      gradientBoosting.catch(() => undefined);
    },
  });
  const predictions = await timer.time('predictions', () => predictAsOf(fit));
  disposeFamilyModel(fit.model);
  const card = buildModelCard(fit, { version: `backtest-${options.asOf}-s${options.seed}`, seed: options.seed, firstOrder: loaded.firstOrder, started });
  const input = { rowsRead: loaded.report.rowsRead, rowsRejected: loaded.report.rowsQuarantined, rowsAfterAsOf: loaded.rowsAfterAsOf };
  const evaluation = await evaluateBacktest({ ...fit, predictions }, loaded, observed, { ...options, gradientBoosting });
  return { predictions, card: { ...card, input }, evaluation };
}
