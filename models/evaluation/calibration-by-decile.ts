import { decilesInOrder, meanAt } from './equal-count-deciles.js';
import { ascendingOrder } from './sort-order.js';
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
export function calibrationByDecile(probs: ArrayLike<number>, labels: ArrayLike<number>): CalibrationRow[] {
  assertPairedFiniteValues('calibrationByDecile', probs, labels);
  assertProbabilities('calibrationByDecile', probs);
  assertBinaryLabels('calibrationByDecile', labels);
  return calibrationInOrder(probs, labels, ascendingOrder(probs));
}

/** calibrationByDecile of checked inputs, given the probabilities' ascending order. */
export function calibrationInOrder(probs: ArrayLike<number>, labels: ArrayLike<number>, order: Uint32Array): CalibrationRow[] {
  return decilesInOrder(order).map(({ decile, indices }) => ({
    decile,
    meanPredicted: meanAt(probs, indices),
    observedRate: meanAt(labels, indices),
    count: indices.length,
  }));
}
