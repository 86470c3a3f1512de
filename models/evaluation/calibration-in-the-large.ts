import { MetricInputError } from './metric-input-error.js';
import { isObservedSpend, type ObservedSpend } from './observed-spend.js';
import { sum } from './total-bias.js';
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
  churnProbability: ArrayLike<number>,
  predictedSpend: ArrayLike<number>,
  actual: ArrayLike<number> | ObservedSpend,
): CalibrationInTheLarge {
  const actualSpend = isObservedSpend(actual) ? actual.actual : actual;
  assertPairedFiniteValues('calibrationInTheLarge', predictedSpend, actualSpend);
  if (churnProbability.length !== actualSpend.length) {
    throw new MetricInputError(`calibrationInTheLarge: ${churnProbability.length} churn probabilities for ${actualSpend.length} customers`);
  }
  assertProbabilities('calibrationInTheLarge', churnProbability);
  const n = actualSpend.length;
  let churned = 0;
  for (let i = 0; i < n; i += 1) churned += actualSpend[i]! > 0 ? 0 : 1;
  return {
    churnMeanPredicted: sum(churnProbability) / n,
    churnObserved: churned / n,
    clvPredictedTotal: sum(predictedSpend),
    clvActualTotal: sum(actualSpend),
  };
}
