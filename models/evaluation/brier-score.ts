import { assertBinaryLabels, assertPairedFiniteValues, assertProbabilities } from './validate-metric-inputs.js';

/** Mean squared difference between predicted probabilities and 0/1 outcomes (lower is better). */
export function brierScore(probs: readonly number[], labels: readonly number[]): number {
  assertPairedFiniteValues('brierScore', probs, labels);
  assertProbabilities('brierScore', probs);
  assertBinaryLabels('brierScore', labels);
  let squaredErrorSum = 0;
  probs.forEach((prob, index) => {
    squaredErrorSum += (prob - (labels[index] ?? 0)) ** 2;
  });
  return squaredErrorSum / probs.length;
}
