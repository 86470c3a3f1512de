import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decileMape, MetricInputError } from '../../../models/evaluation/index.js';

const positiveValues = fc.array(fc.double({ min: 0.01, max: 1e4, noNaN: true }), { minLength: 10, maxLength: 300 });

describe('decileMape', () => {
  it('matches a hand-computed example with one row per decile', () => {
    // Arrange: each decile holds one row; predictions are 10% high everywhere except the top
    // decile, which is 50% low.
    const actual = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const predicted = actual.map((value, index) => (index === 9 ? value * 0.5 : value * 1.1));

    // Act
    const mape = decileMape(predicted, actual);

    // Assert
    expect(mape).toBeCloseTo((9 * 0.1 + 0.5) / 10, 12);
  });

  it('groups rows into equal-count deciles by predicted value before comparing means', () => {
    // Arrange: 20 rows, 2 per decile. Within each decile the predictions average to the actual
    // mean even though individual rows are off, so the decile error is 0.
    const predicted = Array.from({ length: 20 }, (_, index) => index);
    const actual = predicted.map((value, index) => value + (index % 2 === 0 ? 0.5 : -0.5));

    // Act
    const mape = decileMape(predicted, actual);

    // Assert
    expect(mape).toBeCloseTo(0, 12);
  });

  it('skips deciles whose mean actual is zero', () => {
    // Arrange: the lowest decile has actual 0 and would otherwise be infinite.
    const actual = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const predicted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12];

    // Act
    const mape = decileMape(predicted, actual);

    // Assert: only 9 deciles count; the top one is 20% off.
    expect(mape).toBeCloseTo(0.2 / 9, 12);
  });

  it('is 0 for perfect predictions', () => {
    fc.assert(
      fc.property(positiveValues, (actual) => {
        // Act
        const mape = decileMape(actual, actual);

        // Assert
        expect(mape).toBeCloseTo(0, 10);
      }),
    );
  });

  it('rejects input whose every decile has zero mean actual', () => {
    // Arrange, act and assert
    expect(() => decileMape([1, 2, 3], [0, 0, 0])).toThrow(MetricInputError);
  });
});
