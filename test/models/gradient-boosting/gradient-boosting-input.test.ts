import { describe, expect, it } from 'vitest';
import {
  fitGradientBoosting,
  GradientBoostingInputError,
  predictGradientBoosting,
  type GradientBoostingOptions,
} from '../../../models/gradient-boosting/index.js';

const x = Float32Array.from({ length: 8 }, (_, i) => i);
const regression: GradientBoostingOptions = { loss: 'squared-error', seed: 1 };
const classification: GradientBoostingOptions = { loss: 'log-loss', seed: 1 };

describe('gradient boosting input checks', () => {
  it.each([
    ['a length that is not a multiple of the width', () => fitGradientBoosting(x, 3, [0, 1], regression)],
    ['a zero width', () => fitGradientBoosting(x, 0, [], regression)],
    ['fewer targets than rows', () => fitGradientBoosting(x, 2, [0, 1, 2], regression)],
    ['fewer than 2 rows', () => fitGradientBoosting(Float32Array.of(1, 2), 2, [0], regression)],
    ['a NaN feature', () => fitGradientBoosting(Float32Array.of(1, Number.NaN, 3, 4), 2, [0, 1], regression)],
    ['an infinite feature', () => fitGradientBoosting(Float32Array.of(1, 2, Infinity, 4), 2, [0, 1], regression)],
    ['a NaN target', () => fitGradientBoosting(x, 2, [0, 1, Number.NaN, 3], regression)],
    ['a single class for log-loss', () => fitGradientBoosting(x, 2, [1, 1, 1, 1], classification)],
    ['labels other than 0 and 1 for log-loss', () => fitGradientBoosting(x, 2, [0, 1, 2, 1], classification)],
    ['an option out of range', () => fitGradientBoosting(x, 2, [0, 1, 2, 3], { ...regression, maxBins: 256 })],
    ['an unknown loss', () => fitGradientBoosting(x, 2, [0, 1, 2, 3], { ...regression, loss: 'poisson' as 'log-loss' })],
  ])('rejects %s', (_, act) => {
    // Act + Assert
    expect(act).toThrow(GradientBoostingInputError);
  });

  it('takes an option given as undefined to be its default', () => {
    // Act
    const model = fitGradientBoosting(x, 2, [0, 1, 2, 3], { ...regression, maxDepth: undefined, maxIter: undefined });

    // Assert
    expect(model.iterations).toBe(100);
  });

  it('rejects prediction rows of another width than the training rows', () => {
    // Arrange
    const model = fitGradientBoosting(x, 2, [0, 1, 2, 3], regression);

    // Act + Assert
    expect(() => predictGradientBoosting(model, x, 4)).toThrow(GradientBoostingInputError);
  });

  it('names the offending row and column of a non-finite feature', () => {
    // Arrange
    const values = Float32Array.of(1, 2, 3, Number.NaN);

    // Act
    const error = (() => {
      try {
        fitGradientBoosting(values, 2, [0, 1], regression);
      } catch (caught) {
        return caught as GradientBoostingInputError;
      }
      return null;
    })();

    // Assert
    expect(error?.cause).toMatchObject({ row: 1, column: 1 });
  });
});
