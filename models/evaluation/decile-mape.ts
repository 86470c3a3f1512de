import { decilesInOrder, meanAt } from './equal-count-deciles.js';
import { MetricInputError } from './metric-input-error.js';
import { ascendingOrder } from './sort-order.js';
import { assertPairedFiniteValues } from './validate-metric-inputs.js';

/**
 * Decile mean absolute percentage error: rows are sorted by predicted value into 10 equal-count
 * deciles, and the result is the mean over deciles of |mean predicted - mean actual| / mean actual.
 *
 * Deciles whose mean actual is 0 are skipped (their percentage error is undefined) and do not count
 * in the mean; if every decile is skipped a MetricInputError is thrown. The denominator uses the
 * absolute mean actual, so negative actuals (refunds) do not flip the sign.
 */
export function decileMape(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertPairedFiniteValues('decileMape', predicted, actual);
  return decileMapeInOrder(predicted, actual, ascendingOrder(predicted));
}

/** decileMape of checked inputs, given the predictions' ascending order. */
export function decileMapeInOrder(predicted: ArrayLike<number>, actual: ArrayLike<number>, order: Uint32Array): number {
  const percentageErrors = decilesInOrder(order).flatMap(({ indices }) => {
    const meanActual = meanAt(actual, indices);
    if (meanActual === 0) return [];
    return [Math.abs(meanAt(predicted, indices) - meanActual) / Math.abs(meanActual)];
  });
  if (percentageErrors.length === 0) {
    throw new MetricInputError('decileMape: every decile has mean actual 0');
  }
  return percentageErrors.reduce((sum, error) => sum + error, 0) / percentageErrors.length;
}
