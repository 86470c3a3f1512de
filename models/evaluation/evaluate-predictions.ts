import { calibrationInOrder } from './calibration-by-decile.js';
import { scoredPredictions, type EvaluationMetrics } from './holdout-metrics.js';
import type { ObservedSpend } from './observed-spend.js';

/**
 * Every metric of the model card for one set of predictions against what happened: the actual
 * spend, or observedSpend of it when several models are scored against the same window.
 */
export function evaluatePredictions(churnProbability: ArrayLike<number>, predictedSpend: ArrayLike<number>, actual: ArrayLike<number> | ObservedSpend): EvaluationMetrics {
  const { metrics, observed, churnOrder } = scoredPredictions('evaluatePredictions', churnProbability, predictedSpend, actual);
  return { ...metrics, calibration: calibrationInOrder(churnProbability, observed.churned, churnOrder) };
}
