import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricInputError, totalBias } from '../../../models/evaluation/index.js';

describe('totalBias', () => {
  it('is the relative error of the total', () => {
    // Arrange: totals 110 predicted against 100 actual
    const predicted = [50, 60];
    const actual = [70, 30];

    // Act
    const bias = totalBias(predicted, actual);

    // Assert
    expect(bias).toBeCloseTo(0.1, 12);
  });

  it('is 0 when predictions are any rearrangement of the actuals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 100 }), (actual) => {
        // Act
        const bias = totalBias([...actual].reverse(), actual);

        // Assert
        expect(bias).toBeCloseTo(0, 12);
      }),
    );
  });

  it('rejects actual values that sum to zero', () => {
    // Arrange, act and assert
    expect(() => totalBias([1, 2], [1, -1])).toThrow(MetricInputError);
  });
});
