import { churnedFromSpend } from './holdout-metrics.js';
import { MetricInputError } from './metric-input-error.js';
import { assertPairedFiniteValues, assertProbabilities } from './validate-metric-inputs.js';

/**
 * Calibration in the large: whether predictions are right on average, whatever their ranking.
 * Churn: the mean predicted probability against the observed churn rate. Value: the total
 * predicted spend against the total actual spend (totalBias is their relative difference).
 */
export interface CalibrationInTheLarge {
  churnMeanPredicted: number;
  churnObserved: number;
  clvPredictedTotal: number;
  clvActualTotal: number;
}

/** Calibration in the large of churn probabilities and predicted spend against each customer's actual spend in the window. */
export function calibrationInTheLarge(
  churnProbability: readonly number[],
  predictedSpend: readonly number[],
  actualSpend: readonly number[],
): CalibrationInTheLarge {
  assertPairedFiniteValues('calibrationInTheLarge', predictedSpend, actualSpend);
  if (churnProbability.length !== actualSpend.length) {
    throw new MetricInputError(`calibrationInTheLarge: ${churnProbability.length} churn probabilities for ${actualSpend.length} customers`);
  }
  assertProbabilities('calibrationInTheLarge', churnProbability);
  const n = actualSpend.length;
  return {
    churnMeanPredicted: sum(churnProbability) / n,
    churnObserved: sum(churnedFromSpend(actualSpend)) / n,
    clvPredictedTotal: sum(predictedSpend),
    clvActualTotal: sum(actualSpend),
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
