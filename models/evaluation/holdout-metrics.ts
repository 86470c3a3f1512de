import { ranksInOrder } from './average-ranks.js';
import { brierOfChecked } from './brier-score.js';
import type { CalibrationRow } from './calibration-by-decile.js';
import { decileMapeInOrder } from './decile-mape.js';
import { normalizedGiniInOrder } from './normalized-gini.js';
import { isObservedSpend, observedSpend, type ObservedSpend } from './observed-spend.js';
import { rocAucOfRanks } from './roc-auc.js';
import { ascendingOrder, descendingFromAscending } from './sort-order.js';
import { spearmanOfRanks } from './spearman.js';
import { sum, totalBiasOfChecked } from './total-bias.js';
import { assertPairedFiniteValues, assertProbabilities } from './validate-metric-inputs.js';

/** Churn and value metrics of one set of predictions on a held-out window. */
export interface HoldoutMetrics {
  customers: number;
  churnRate: number;
  churnAuc: number;
  churnBrier: number;
  clvNormalizedGini: number;
  clvSpearman: number;
  clvDecileMape: number;
  clvTotalBias: number;
}

/** HoldoutMetrics and churn calibration by decile: every metric of the model card. */
export interface EvaluationMetrics extends HoldoutMetrics {
  calibration: CalibrationRow[];
}

/**
 * The churn label of each customer from their spend in the label window: 1 (churned) when they
 * spent nothing there, 0 when they bought. Every metric here reads churn this way.
 */
export const churnedFromSpend = (actualSpend: ArrayLike<number>): number[] => Array.from(actualSpend, (spend) => (spend > 0 ? 0 : 1));

/**
 * Churn and value metrics of predictions against what happened in the label window: the actual
 * spend, or observedSpend of it when several models are scored against the same window.
 */
export function holdoutMetrics(churnProbability: ArrayLike<number>, predictedSpend: ArrayLike<number>, actual: ArrayLike<number> | ObservedSpend): HoldoutMetrics {
  return scoredPredictions('holdoutMetrics', churnProbability, predictedSpend, actual).metrics;
}

/**
 * The metrics, and the churn probabilities' ascending order for the calibration table: each input
 * is checked and sorted once (ranks, deciles and the Gini's descending order all come from one sort).
 */
export function scoredPredictions(
  caller: string,
  churnProbability: ArrayLike<number>,
  predictedSpend: ArrayLike<number>,
  actual: ArrayLike<number> | ObservedSpend,
): { metrics: HoldoutMetrics; observed: ObservedSpend; churnOrder: Uint32Array } {
  const observed = isObservedSpend(actual) ? actual : observedSpend(actual);
  // observedSpend checked the actual spend once; each model's predictions are checked here.
  assertPairedFiniteValues(caller, churnProbability, observed.actual, { secondChecked: true });
  assertPairedFiniteValues(caller, predictedSpend, observed.actual, { secondChecked: true });
  assertProbabilities(caller, churnProbability);
  const { churned } = observed;
  const spend = observed.actual;
  const churnRate = sum(churned) / Math.max(churned.length, 1);
  const bothClasses = churnRate > 0 && churnRate < 1;
  const churnOrder = ascendingOrder(churnProbability);
  const valueOrder = ascendingOrder(predictedSpend);
  let anySpend = false;
  for (let i = 0; i < spend.length && !anySpend; i += 1) anySpend = spend[i]! > 0;
  const metrics: HoldoutMetrics = {
    customers: spend.length,
    churnRate,
    churnAuc: bothClasses ? rocAucOfRanks(ranksInOrder(churnProbability, churnOrder), churned) : Number.NaN,
    churnBrier: brierOfChecked(churnProbability, churned),
    clvNormalizedGini: anySpend ? normalizedGiniInOrder(descendingFromAscending(predictedSpend, valueOrder), observed.descending, spend) : Number.NaN,
    clvSpearman: spearmanOfRanks(ranksInOrder(predictedSpend, valueOrder), observed.ranks),
    clvDecileMape: decileMapeInOrder(predictedSpend, spend, valueOrder),
    clvTotalBias: totalBiasOfChecked(predictedSpend, spend),
  };
  return { metrics, observed, churnOrder };
}
