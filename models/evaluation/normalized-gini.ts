import { ascendingOrder } from './sort-order.js';
import { MetricInputError } from './metric-input-error.js';
import { assertPairedFiniteValues } from './validate-metric-inputs.js';

/**
 * Normalized Gini (the Kaggle / CLV-literature definition): the Gini of the actual values taken in
 * descending order of prediction, divided by the Gini of the perfect (descending actual) order.
 * 1 is a perfect ordering, 0 is no better than random, negative is worse than random.
 *
 * Ties in `predicted` keep the original input order (a stable sort, as in the Kaggle reference
 * code), so the result is deterministic but can depend on row order when predictions tie.
 */
export function normalizedGini(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertPairedFiniteValues('normalizedGini', predicted, actual);
  return normalizedGiniInOrder(ascendingOrder(predicted, true), ascendingOrder(actual, true), actual);
}

/** normalizedGini of checked inputs, given the descending orders (ascendingOrder(x, true)) of the predicted and the actual values. */
export function normalizedGiniInOrder(predictedDescending: Uint32Array, actualDescending: Uint32Array, actual: ArrayLike<number>): number {
  const perfectGini = giniInOrder(actualDescending, actual);
  // All-equal actuals give a perfect Gini of 0 up to rounding of the cumulative shares.
  if (Math.abs(perfectGini) <= 1e-12) {
    throw new MetricInputError(
      'normalizedGini: undefined when all actual values are equal (the perfect ordering has Gini 0)',
    );
  }
  return giniInOrder(predictedDescending, actual) / perfectGini;
}

/** Mean over prefixes, in `order`, of the cumulative share of `actual`, minus the share a random order would get. */
function giniInOrder(order: Uint32Array, actual: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < actual.length; index += 1) total += actual[index]!;
  if (total === 0) {
    throw new MetricInputError('normalizedGini: actual values sum to 0');
  }
  let cumulative = 0;
  let cumulativeShareSum = 0;
  for (let k = 0; k < order.length; k += 1) {
    cumulative += actual[order[k]!] ?? 0;
    cumulativeShareSum += cumulative / total;
  }
  const n = actual.length;
  return (cumulativeShareSum - (n + 1) / 2) / n;
}
