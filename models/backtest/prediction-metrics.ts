import { holdoutMetrics } from '../churn-clv/holdout-metrics.js';
import type { HoldoutMetrics } from '../churn-clv/model-metadata.js';
import { calibrationByDecile, type CalibrationRow } from '../evaluation/index.js';
import type { CustomerPredictions } from './customer-predictions.js';

export interface PredictionMetrics extends HoldoutMetrics {
  /** Churn probability deciles: mean predicted vs observed churn rate. */
  churnCalibration: CalibrationRow[];
}

/** Churn and value metrics of predictions against each customer's actual spend in the window (absent = 0). */
export function predictionMetrics(predictions: CustomerPredictions, actualSpend: ReadonlyMap<string, number>): PredictionMetrics {
  const actual = predictions.customerIds.map((id) => actualSpend.get(id) ?? 0);
  const churn = Array.from(predictions.churnProbability);
  const metrics = holdoutMetrics(churn, Array.from(predictions.predictedValue), actual);
  return { ...metrics, churnCalibration: calibrationByDecile(churn, actual.map((s) => (s > 0 ? 0 : 1))) };
}
