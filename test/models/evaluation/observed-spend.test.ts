import { describe, expect, it } from 'vitest';
import { calibrationByDecile, calibrationInTheLarge, decileMape, evaluatePredictions, holdoutMetrics, MetricInputError, normalizedGini, observedSpend, rocAuc, spearman, totalBias, brierScore } from '../../../models/evaluation/index.js';
import { averageRanks } from '../../../models/evaluation/average-ranks.js';
import { churnedFromSpend } from '../../../models/evaluation/holdout-metrics.js';
import { seededRandom } from '../../support/seeded-random.js';

/** Predictions and spend with ties (many zero spends, repeated probabilities), large enough for the radix sort. */
function sample(n: number, seed: number) {
  const random = seededRandom(seed);
  const actual = Array.from({ length: n }, () => (random() < 0.6 ? 0 : Math.round(random() * 500) / 4));
  const churn = actual.map((spend) => Math.min(1, Math.max(0, Math.round(((spend > 0 ? 0.3 : 0.7) + (random() - 0.5) * 0.6) * 50) / 50)));
  const value = actual.map((spend) => Math.round((spend * 0.8 + random() * 40) * 4) / 4);
  return { actual, churn, value };
}

describe('evaluatePredictions against observedSpend', () => {
  it.each([
    ['small', 60],
    ['radix-sized', 30_000],
  ])('gives %s inputs the very metrics each metric function gives alone, from typed arrays and prepared spend alike', (_, n) => {
    const { actual, churn, value } = sample(n, n);
    const churned = churnedFromSpend(actual);
    const expected = {
      customers: n,
      churnRate: churned.reduce((a, b) => a + b, 0) / n,
      churnAuc: rocAuc(churn, churned),
      churnBrier: brierScore(churn, churned),
      clvNormalizedGini: normalizedGini(value, actual),
      clvSpearman: spearman(value, actual),
      clvDecileMape: decileMape(value, actual),
      clvTotalBias: totalBias(value, actual),
      calibration: calibrationByDecile(churn, churned),
    };
    const observed = observedSpend(Float64Array.from(actual));
    expect(evaluatePredictions(churn, value, actual)).toEqual(expected);
    expect(evaluatePredictions(Float64Array.from(churn), Float64Array.from(value), observed)).toEqual(expected);
    // The prepared spend serves a second model unchanged.
    expect(evaluatePredictions(churn, value, observed)).toEqual(expected);
    const { calibration: _calibration, ...holdout } = expected;
    expect(holdoutMetrics(churn, value, observed)).toEqual(holdout);
    expect(calibrationInTheLarge(churn, value, observed)).toEqual(calibrationInTheLarge(churn, value, actual));
    expect(Array.from(observed.ranks)).toEqual(averageRanks(actual));
    expect(Array.from(observed.churned)).toEqual(churned);
  });

  it('refuses empty or non-finite spend, and predictions of another length', () => {
    expect(() => observedSpend([])).toThrow(MetricInputError);
    expect(() => observedSpend([1, Number.NaN])).toThrow(/finite/);
    expect(() => evaluatePredictions([0.5], [1], observedSpend([1, 0]))).toThrow(/different lengths \(1 and 2\)/);
    expect(() => evaluatePredictions([0.5, 1.5], [1, 2], observedSpend([1, 0]))).toThrow(/probabilities must lie in \[0, 1\]/);
  });
});
