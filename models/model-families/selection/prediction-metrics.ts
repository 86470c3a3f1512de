import { evaluatePredictions } from '../../evaluation/evaluate-predictions.js';
import type { EvaluationMetrics } from '../model-card.js';
import type { CustomerPredictions } from '../customer-predictions.js';

/** The model card's metrics (churn calibration by decile included), as the pipeline computes them. */
export type PredictionMetrics = EvaluationMetrics;

/** Churn and value metrics of predictions against each customer's actual spend in the window (absent = 0). */
export function predictionMetrics(predictions: CustomerPredictions, actualSpend: ReadonlyMap<string, number>): PredictionMetrics {
  const actual = predictions.customerIds.map((id) => actualSpend.get(id) ?? 0);
  return evaluatePredictions(Array.from(predictions.churnProbability), Array.from(predictions.predictedValue), actual);
}
