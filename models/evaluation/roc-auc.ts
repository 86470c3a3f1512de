import { averageRanks } from './average-ranks.js';
import { MetricInputError } from './metric-input-error.js';
import { assertBinaryLabels, assertPairedFiniteValues } from './validate-metric-inputs.js';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, counting ties as one half. Computed with the Mann-Whitney U statistic on average
 * ranks, so it is O(n log n) and tie-exact.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number {
  assertPairedFiniteValues('rocAuc', scores, labels);
  assertBinaryLabels('rocAuc', labels);
  const ranks = averageRanks(scores);
  let positiveCount = 0;
  let positiveRankSum = 0;
  labels.forEach((label, index) => {
    if (label === 1) {
      positiveCount += 1;
      positiveRankSum += ranks[index] ?? 0;
    }
  });
  const negativeCount = labels.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) {
    throw new MetricInputError('rocAuc: labels must contain both classes', {
      cause: { positiveCount, negativeCount },
    });
  }
  const mannWhitneyU = positiveRankSum - (positiveCount * (positiveCount + 1)) / 2;
  return mannWhitneyU / (positiveCount * negativeCount);
}
