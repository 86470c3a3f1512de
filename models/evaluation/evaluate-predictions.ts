import { calibrationByDecile } from './index.js';
import { churnedFromSpend, holdoutMetrics, type EvaluationMetrics } from './holdout-metrics.js';

/** Every metric of the model card for one set of predictions against what happened. */
export function evaluatePredictions(churnProbability: number[], predictedSpend: number[], actualSpend: number[]): EvaluationMetrics {
  const churned = churnedFromSpend(actualSpend);
  return {
    ...holdoutMetrics(churnProbability, predictedSpend, actualSpend),
    calibration: calibrationByDecile(churnProbability, churned),
  };
}
