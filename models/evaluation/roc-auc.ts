import { averageRanks } from './average-ranks.js';
import { MetricInputError } from './metric-input-error.js';
import { assertBinaryLabels, assertPairedFiniteValues } from './validate-metric-inputs.js';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, counting ties as one half. Computed with the Mann-Whitney U statistic on average
 * ranks, so it is O(n log n) and tie-exact.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  assertPairedFiniteValues('rocAuc', scores, labels);
  assertBinaryLabels('rocAuc', labels);
  return rocAucOfRanks(averageRanks(scores), labels);
}

/** rocAuc of checked labels, given the scores' average ranks (averageRanks). */
export function rocAucOfRanks(ranks: ArrayLike<number>, labels: ArrayLike<number>): number {
  let positiveCount = 0;
  let positiveRankSum = 0;
  for (let index = 0; index < labels.length; index += 1) {
    if (labels[index] === 1) {
      positiveCount += 1;
      positiveRankSum += ranks[index] ?? 0;
    }
  }
  const negativeCount = labels.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) {
    throw new MetricInputError('rocAuc: labels must contain both classes', {
      cause: { positiveCount, negativeCount },
    });
  }
  const mannWhitneyU = positiveRankSum - (positiveCount * (positiveCount + 1)) / 2;
  return mannWhitneyU / (positiveCount * negativeCount);
}
