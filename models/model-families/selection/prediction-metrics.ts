import { evaluatePredictions } from '../../evaluation/evaluate-predictions.js';
import { observedSpend, type ObservedSpend } from '../../evaluation/observed-spend.js';
import { spendAlignedTo } from '../../features/window-spend.js';
import type { EvaluationMetrics } from '../model-card.js';
import type { CustomerPredictions } from '../customer-predictions.js';

/** The model card's metrics (churn calibration by decile included), as the pipeline computes them. */
export type PredictionMetrics = EvaluationMetrics;

/**
 * Each window's actual spend, looked up and sorted once per list of customers: validation scores
 * every family (and a baseline) against the same window and the same frame's customers. Keyed by
 * identity, so a spend map or a list of ids must not change once scored (neither ever does).
 */
const observedByWindow = new WeakMap<ReadonlyMap<string, number>, WeakMap<readonly string[], ObservedSpend>>();

function observedFor(customerIds: readonly string[], actualSpend: ReadonlyMap<string, number>): ObservedSpend {
  let byCustomers = observedByWindow.get(actualSpend);
  if (!byCustomers) observedByWindow.set(actualSpend, (byCustomers = new WeakMap()));
  let observed = byCustomers.get(customerIds);
  if (!observed) {
    byCustomers.set(customerIds, (observed = observedSpend(spendAlignedTo(actualSpend, customerIds))));
  }
  return observed;
}

/** Churn and value metrics of predictions against each customer's actual spend in the window (absent = 0). */
export function predictionMetrics(predictions: CustomerPredictions, actualSpend: ReadonlyMap<string, number>): PredictionMetrics {
  return evaluatePredictions(predictions.churnProbability, predictions.predictedValue, observedFor(predictions.customerIds, actualSpend));
}
