import { brierScore, decileMape, normalizedGini, rocAuc, spearman, totalBias } from './index.js';
import type { CalibrationRow } from './calibration-by-decile.js';

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
export const churnedFromSpend = (actualSpend: readonly number[]): number[] => actualSpend.map((spend) => (spend > 0 ? 0 : 1));

/** Churn and value metrics of predictions against what happened in the label window. */
export function holdoutMetrics(churnProbability: number[], predictedSpend: number[], actualSpend: number[]): HoldoutMetrics {
  const churned = churnedFromSpend(actualSpend);
  const churnRate = churned.reduce((a: number, b) => a + b, 0) / Math.max(churned.length, 1);
  const bothClasses = churnRate > 0 && churnRate < 1;
  return {
    customers: actualSpend.length,
    churnRate,
    churnAuc: bothClasses ? rocAuc(churnProbability, churned) : Number.NaN,
    churnBrier: brierScore(churnProbability, churned),
    clvNormalizedGini: actualSpend.some((s) => s > 0) ? normalizedGini(predictedSpend, actualSpend) : Number.NaN,
    clvSpearman: spearman(predictedSpend, actualSpend),
    clvDecileMape: decileMape(predictedSpend, actualSpend),
    clvTotalBias: totalBias(predictedSpend, actualSpend),
  };
}
