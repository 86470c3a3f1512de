import { MetricInputError } from './metric-input-error.js';
import { assertPairedFiniteValues } from './validate-metric-inputs.js';

/** Relative error of the total: sum(predicted) / sum(actual) - 1 (0 is unbiased, > 0 over-predicts). */
export function totalBias(predicted: readonly number[], actual: readonly number[]): number {
  assertPairedFiniteValues('totalBias', predicted, actual);
  const actualTotal = sum(actual);
  if (actualTotal === 0) {
    throw new MetricInputError('totalBias: actual values sum to 0, so the relative bias is undefined');
  }
  return sum(predicted) / actualTotal - 1;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
