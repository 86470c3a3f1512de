import { calibrationByDecile } from './index.js';
import { holdoutMetrics, type EvaluationMetrics } from './holdout-metrics.js';

/** Every metric of the model card for one set of predictions against what happened. */
export function evaluatePredictions(churnProbability: number[], predictedSpend: number[], actualSpend: number[]): EvaluationMetrics {
  const churned = actualSpend.map((s) => (s > 0 ? 0 : 1));
  return {
    ...holdoutMetrics(churnProbability, predictedSpend, actualSpend),
    calibration: calibrationByDecile(churnProbability, churned),
  };
}
