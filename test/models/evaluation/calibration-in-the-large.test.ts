import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationInTheLarge, MetricInputError, totalBias } from '../../../models/evaluation/index.js';

describe('calibrationInTheLarge', () => {
  it('sets the mean churn probability beside the observed churn rate, and the predicted total beside the actual', () => {
    // Arrange: customers 2 and 4 bought nothing (spend 0), so half churned
    const churn = [0.1, 0.9, 0.2, 0.6];
    const predicted = [40, 5, 30, 5];
    const actual = [50, 0, 25, 0];

    // Act
    const calibration = calibrationInTheLarge(churn, predicted, actual);

    // Assert
    expect(calibration.churnMeanPredicted).toBeCloseTo(0.45, 12);
    expect(calibration.churnObserved).toBe(0.5);
    expect(calibration.clvPredictedTotal).toBe(80);
    expect(calibration.clvActualTotal).toBe(75);
  });

  it('counts a customer whose net spend is 0 or less as churned', () => {
    const calibration = calibrationInTheLarge([0.5, 0.5, 0.5], [1, 1, 1], [0, -3, 0.01]);

    expect(calibration.churnObserved).toBeCloseTo(2 / 3, 12);
  });

  it('agrees with totalBias on the totals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })), { minLength: 1, maxLength: 50 }),
        (rows) => {
          const churn = rows.map(([p]) => p);
          const predicted = rows.map(([, v]) => v);
          const actual = rows.map(([, , a]) => a);

          const { clvPredictedTotal, clvActualTotal } = calibrationInTheLarge(churn, predicted, actual);

          expect(clvPredictedTotal / clvActualTotal - 1).toBeCloseTo(totalBias(predicted, actual), 9);
        },
      ),
    );
  });

  it('rejects probabilities outside [0, 1] and inputs of different lengths', () => {
    expect(() => calibrationInTheLarge([1.2], [1], [1])).toThrow(MetricInputError);
    expect(() => calibrationInTheLarge([0.5, 0.5], [1], [1])).toThrow(/2 churn probabilities for 1 customers/);
    expect(() => calibrationInTheLarge([0.5], [1, 2], [1])).toThrow(MetricInputError);
  });
});
