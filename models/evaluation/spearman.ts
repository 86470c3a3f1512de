import { averageRanks } from './average-ranks.js';
import { MetricInputError } from './metric-input-error.js';
import { assertPairedFiniteValues } from './validate-metric-inputs.js';

/** Spearman rank correlation: the Pearson correlation of average ranks (ties share their mean rank). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertPairedFiniteValues('spearman', a, b);
  return spearmanOfRanks(averageRanks(a), averageRanks(b));
}

/** spearman given both inputs' average ranks (averageRanks). */
export function spearmanOfRanks(ranksA: ArrayLike<number>, ranksB: ArrayLike<number>): number {
  const meanRank = (ranksA.length + 1) / 2;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let index = 0; index < ranksA.length; index += 1) {
    const deviationA = ranksA[index]! - meanRank;
    const deviationB = (ranksB[index] ?? meanRank) - meanRank;
    covariance += deviationA * deviationB;
    varianceA += deviationA * deviationA;
    varianceB += deviationB * deviationB;
  }
  if (varianceA === 0 || varianceB === 0) {
    throw new MetricInputError('spearman: undefined when either input is constant');
  }
  const correlation = covariance / Math.sqrt(varianceA * varianceB);
  return Math.min(1, Math.max(-1, correlation));
}
