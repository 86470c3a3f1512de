import { equalCountDeciles, meanAt } from './equal-count-deciles.js';
import { assertBinaryLabels, assertPairedFiniteValues, assertProbabilities } from './validate-metric-inputs.js';

export interface CalibrationRow {
  /** 1 holds the lowest predicted probabilities, 10 the highest. */
  decile: number;
  meanPredicted: number;
  /** Share of rows in the decile whose label is 1. */
  observedRate: number;
  count: number;
}

/**
 * Reliability table: rows sorted by predicted probability into 10 equal-count deciles, with the
 * mean prediction and the observed event rate of each. With fewer than 10 rows the empty deciles
 * are left out.
 */
export function calibrationByDecile(
  probs: readonly number[],
  labels: readonly number[],
): CalibrationRow[] {
  assertPairedFiniteValues('calibrationByDecile', probs, labels);
  assertProbabilities('calibrationByDecile', probs);
  assertBinaryLabels('calibrationByDecile', labels);
  return equalCountDeciles(probs).map(({ decile, indices }) => ({
    decile,
    meanPredicted: meanAt(probs, indices),
    observedRate: meanAt(labels, indices),
    count: indices.length,
  }));
}
