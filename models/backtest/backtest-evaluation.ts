import { calibrationInTheLarge, evaluatePredictions, observedSpend, type ObservedSpend } from '../evaluation/index.js';
import { addDays, daysBetween } from '../features/dates.js';
import { rawBtydPredictions, type CustomerFrame, type CustomerPredictions, type FittedFamilyModel } from '../model-families/index.js';
import type { LabelledFrame } from '../model-families/selection/validate-families.js';
import { spendLabels } from '../model-families/frame/spend-labels.js';
import { gradientBoostingPredictions } from '../model-families/selection/gradient-boosting-predictions.js';
import { StepTimer } from '../progress/step-timer.js';
import { bestModels, COMPARED_METRICS, type BacktestModelKey, type BacktestModelMetrics, type ComparedMetricKey } from './backtest-comparison.js';
import type { LoadedOrders, ObservedHorizon } from './load-backtest-orders.js';

interface HorizonFacts {
  /** The horizon after as-of: (after, until]. */
  window: { after: string; until: string };
  /** The day of the file's last accepted order. */
  lastOrder: string;
}

/** The backtest's predictions scored against what happened in the horizon, beside both baselines'. */
export interface ScoredBacktest extends HorizonFacts {
  status: 'scored';
  /** Customers predicted (an order on or before as-of), every one of them scored. */
  customers: number;
  /** Share of them who bought nothing in the horizon. */
  churnRate: number;
  /** Customers whose first order falls in the horizon: not predicted, so not scored. */
  newCustomers: number;
  /** The product's family (the model card's `family`). */
  productFamily: string;
  models: { product: BacktestModelMetrics; btyd: BacktestModelMetrics; gradientBoosting: BacktestModelMetrics | null };
  /** Why a model has no metrics (gradient boosting, when there was no labelled window to train it on). */
  unavailable: Partial<Record<BacktestModelKey, string>>;
  /** Per compared metric, the model(s) that did best (several when they tie). */
  better: Record<ComparedMetricKey, BacktestModelKey[]>;
}

/** Why the predictions could not be scored, and how to get a backtest that can be. */
export interface UnscoredBacktest extends HorizonFacts {
  status: 'no-orders-after-as-of' | 'horizon-not-covered' | 'one-outcome';
  message: string;
  /** The latest as-of whose whole horizon the file covers, or null when the file spans less than one horizon. */
  suggestedAsOf: string | null;
}

export type BacktestEvaluation = ScoredBacktest | UnscoredBacktest;

export interface EvaluateBacktestOptions {
  asOf: string;
  horizonDays: number;
  seed: number;
  timer?: StepTimer;
  /** The gradient-boosting baseline's predictions as of asOf (backtestGradientBoosting), null without a validated window. */
  gradientBoosting: Promise<CustomerPredictions> | null;
}

/**
 * Gradient boosting trained on the labels the final networks learn from ((asOf - horizon, asOf],
 * features as of asOf - horizon) predicting from the features as of asOf, on another core:
 * started as soon as both frames exist, so it fits beside the families' validation and final fit.
 */
export function backtestGradientBoosting(validation: LabelledFrame, finalFrame: CustomerFrame, seed: number): Promise<CustomerPredictions> {
  return gradientBoostingPredictions(validation.frame, spendLabels(validation.frame.features, validation.spend), finalFrame, seed);
}

/**
 * Scores the backtest's predictions against what happened in (asOf, asOf + horizon], beside the
 * two baselines fitted on the same history: BG/NBD + Gamma-Gamma as fitted (no calibration), and
 * gradient boosting trained on the labels the final networks learn from ((asOf - horizon, asOf],
 * features as of asOf - horizon, at most MAX_GRADIENT_BOOSTING_ROWS of them) predicting from the
 * features as of asOf. Predictions are scored only when the file covers the whole horizon: a
 * customer who buys after the file ends would count as churned, with spend 0.
 */
export async function evaluateBacktest(fit: FittedFamilyModel & { predictions: CustomerPredictions }, loaded: LoadedOrders, observed: ObservedHorizon, options: EvaluateBacktestOptions): Promise<BacktestEvaluation> {
  const facts: HorizonFacts = { window: { after: observed.after, until: observed.until }, lastOrder: loaded.lastOrder };
  const refusal = coverageProblem(loaded, facts, options);
  if (refusal) return refusal;
  const ids = fit.predictions.customerIds;
  // One lookup per customer, shared by every model scored on these customers.
  const actual = new Float64Array(ids.length);
  let buyers = 0;
  let predictedBuyers = 0;
  for (let i = 0; i < ids.length; i += 1) {
    const spend = observed.spend.get(ids[i]!);
    if (spend === undefined) continue;
    predictedBuyers += 1;
    actual[i] = spend;
    if (spend > 0) buyers += 1;
  }
  if (buyers === 0 || buyers === ids.length) {
    const what = buyers === 0 ? 'none' : 'every one';
    return {
      status: 'one-outcome',
      ...facts,
      suggestedAsOf: null,
      message: `${what} of the ${ids.length} customers predicted bought in (${facts.window.after}, ${facts.window.until}], so churn AUC, Gini and decile MAPE are undefined: the predictions are not scored.`,
    };
  }
  const timer = options.timer ?? new StepTimer();
  const started = options.gradientBoosting;
  const gradientBoosting = started ? await timer.time('gradient-boosting baseline as of as-of (waiting for its thread)', () => started) : null;
  return timer.time('metrics on the horizon', () => {
    const score = horizonScorer(observed.spend, ids, actual);
    const models = { product: score(fit.predictions), btyd: score(rawBtydPredictions(fit.finalFrame.btyd)), gradientBoosting: gradientBoosting && score(gradientBoosting) };
    return {
      status: 'scored' as const,
      ...facts,
      customers: ids.length,
      churnRate: 1 - buyers / ids.length,
      // Buyers in the horizon with no order on or before as-of (ids are unique, so the rest of the map).
      newCustomers: observed.spend.size - predictedBuyers,
      productFamily: fit.family.id,
      models,
      unavailable: gradientBoosting ? {} : { gradientBoosting: `no labelled window before as-of to train it on (${fit.choice.reason})` },
      better: Object.fromEntries(COMPARED_METRICS.map((metric) => [metric.key, bestModels(metric, { product: models.product, btyd: models.btyd, ...(models.gradientBoosting ? { gradientBoosting: models.gradientBoosting } : {}) })])) as ScoredBacktest['better'],
    };
  });
}

/** Scores predictions against the horizon's spend, looked up and sorted once per list of customers (the models share the as-of frame's). */
function horizonScorer(spend: ReadonlyMap<string, number>, ids: readonly string[], actual: Float64Array): (predictions: CustomerPredictions) => BacktestModelMetrics {
  const observedByCustomers = new Map<readonly string[], ObservedSpend>([[ids, observedSpend(actual)]]);
  return ({ customerIds, churnProbability, predictedValue }) => {
    let observed = observedByCustomers.get(customerIds);
    if (!observed) observedByCustomers.set(customerIds, (observed = observedSpend(Float64Array.from(customerIds, (id) => spend.get(id) ?? 0))));
    return { ...evaluatePredictions(churnProbability, predictedValue, observed), ...calibrationInTheLarge(churnProbability, predictedValue, observed) };
  };
}

/** Why the file cannot score a horizon after as-of (no rows after it, or too few days of them), or null when it can. */
function coverageProblem(loaded: LoadedOrders, facts: HorizonFacts, { asOf, horizonDays }: EvaluateBacktestOptions): UnscoredBacktest | null {
  const { lastOrder } = facts;
  const latest = addDays(lastOrder, -horizonDays);
  const suggestedAsOf = latest > loaded.firstOrder ? latest : null;
  const instead = suggestedAsOf
    ? `pass an earlier --as-of: --as-of ${suggestedAsOf} is the latest whose whole ${horizonDays}-day horizon the file covers`
    : `the file spans ${daysBetween(loaded.firstOrder, lastOrder)} days, less than history plus a ${horizonDays}-day horizon: pass a shorter --horizon-days and an earlier --as-of`;
  if (loaded.rowsAfterAsOf === 0) {
    return {
      status: 'no-orders-after-as-of',
      ...facts,
      suggestedAsOf,
      message: `No orders after as-of ${asOf} in the file (its last order is on ${lastOrder}), so these predictions cannot be scored against what happened. For an honest backtest, ${instead}.`,
    };
  }
  if (lastOrder < facts.window.until) {
    const covered = daysBetween(asOf, lastOrder);
    return {
      status: 'horizon-not-covered',
      ...facts,
      suggestedAsOf,
      message:
        `The file's orders end on ${lastOrder}, ${covered} of the ${horizonDays} days of the horizon (${asOf}, ${facts.window.until}]: a customer who buys after that would count as churned, so the predictions are not scored. ` +
        `For an honest backtest, ${instead}, or pass --horizon-days ${covered} to score ${covered} days.`,
    };
  }
  return null;
}
