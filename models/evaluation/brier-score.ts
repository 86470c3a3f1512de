import { assertBinaryLabels, assertPairedFiniteValues, assertProbabilities } from './validate-metric-inputs.js';

/** Mean squared difference between predicted probabilities and 0/1 outcomes (lower is better). */
export function brierScore(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertPairedFiniteValues('brierScore', probs, labels);
  assertProbabilities('brierScore', probs);
  assertBinaryLabels('brierScore', labels);
  return brierOfChecked(probs, labels);
}

/** brierScore of inputs already checked. */
export function brierOfChecked(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let squaredErrorSum = 0;
  for (let index = 0; index < probs.length; index += 1) squaredErrorSum += (probs[index]! - labels[index]!) ** 2;
  return squaredErrorSum / probs.length;
}
