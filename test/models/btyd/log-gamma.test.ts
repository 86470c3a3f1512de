import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gammaSign, logGamma } from '../../../models/btyd/log-gamma.js';

// [x, ln|Gamma(x)|, sign of Gamma(x)], reference values from mpmath at 30 digits.
const referenceValues: Array<[number, number, number]> = [
  [0.243, 1.3180435846996698765, 1],
  [1e-5, 11.512919692895825626, 1],
  [3.7, 1.4280723266653881292, 1],
  [100, 359.13420536957539878, 1],
  [12345.678, 103959.91990554605982, 1],
  [-0.5, 1.2655121234846453965, -1],
  [-2.3, 0.36956666345500803746, -1],
  [-10.75, -15.403074503504817344, -1],
];

describe('logGamma', () => {
  it.each(referenceValues)('matches ln|Gamma(%d)| to 1e-13 relative', (x, expected, sign) => {
    // Act
    const value = logGamma(x);

    // Assert
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
    expect(gammaSign(x)).toBe(sign);
  });

  it('gives ln((n - 1)!) at positive integers and +Infinity at the poles', () => {
    // Act and assert
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaSign(-3)).toBe(0);
  });

  it('satisfies the recurrence Gamma(x + 1) = x Gamma(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        // Act
        const difference = logGamma(x + 1) - logGamma(x);

        // Assert
        expect(difference).toBeCloseTo(Math.log(x), 9);
      }),
    );
  });
});
