import { MetricInputError } from './metric-input-error.js';
import { assertPairedFiniteValues } from './validate-metric-inputs.js';

/** Relative error of the total: sum(predicted) / sum(actual) - 1 (0 is unbiased, > 0 over-predicts). */
export function totalBias(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  assertPairedFiniteValues('totalBias', predicted, actual);
  return totalBiasOfChecked(predicted, actual);
}

/** totalBias of inputs already checked. */
export function totalBiasOfChecked(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  const actualTotal = sum(actual);
  if (actualTotal === 0) {
    throw new MetricInputError('totalBias: actual values sum to 0, so the relative bias is undefined');
  }
  return sum(predicted) / actualTotal - 1;
}

/** Left to right, as the metrics have always added. */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index += 1) total += values[index]!;
  return total;
}
