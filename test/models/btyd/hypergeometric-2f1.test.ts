import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HypergeometricError } from '../../../models/btyd/hypergeometric-error.js';
import { hypergeometric2F1 } from '../../../models/btyd/hypergeometric-2f1.js';

// [a, b, c, z, 2F1(a, b; c; z)], reference values from mpmath.hyp2f1 at 30 digits. They cover the
// direct series, the negative-z (Pfaff) branch, z near 1, integer c - a - b and the parameter
// shapes that BG/NBD expectations use at CDNOW's fitted parameters.
const referenceValues: Array<[number, number, number, number, number]> = [
  [1, 1, 2, 0.3, 1.1889164797957745875],
  [0.5, 1.5, 2.5, 0.75, 1.4183991523122904675],
  [2.5, 3.7, 1.3, 0.45, 37.878681855401701957],
  [2.243, 4.426, 4.219, 0.4740258161752194, 4.5753158976436893116],
  [1.9760000000000004, -0.20699999999999996, 4.219, 0.95, 0.87294266772950499537],
  [1.5, 2, 3.5, 0.999, 19.921754297725048115],
  [1, 1, 2, 0.9, 2.5584278811044953881],
  [3, 2, 4, 0.8, 9.2643994636628888557],
  [0.3, 0.7, 2.0, 0.99, 1.2147856463027500798],
  [2, 3, 5.5, -4, 0.12385915165630255577],
  [0.25, 1.75, 0.6, -0.4, 0.79573851164631528272],
  [12.5, 0.3, 30.2, 0.97, 1.1713840441299593805],
  [5.243, 7.426, 7.219000000000001, 0.9, 264960.71745159716428],
];

describe('hypergeometric2F1', () => {
  it.each(referenceValues)('2F1(%d, %d; %d; %d) matches mpmath to 1e-9 relative', (a, b, c, z, expected) => {
    // Act
    const value = hypergeometric2F1(a, b, c, z);

    // Assert
    expect(Math.abs(value / expected - 1)).toBeLessThan(1e-9);
  });

  it('matches -ln(1 - z) / z = 2F1(1, 1; 2; z) across (-20, 1), including integer c - a - b', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 0.9999, noNaN: true }).filter((z) => Math.abs(z) > 1e-6), (z) => {
        // Act
        const value = hypergeometric2F1(1, 1, 2, z);

        // Assert
        expect(value).toBeCloseTo(-Math.log1p(-z) / z, 8);
      }),
    );
  });

  it('matches (1 - z)^(-a) = 2F1(a, b; b; z)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 8, noNaN: true }),
        fc.double({ min: 0.05, max: 8, noNaN: true }),
        fc.double({ min: -5, max: 0.99, noNaN: true }),
        (a, b, z) => {
          // Act
          const value = hypergeometric2F1(a, b, b, z);

          // Assert
          expect(Math.abs(value / Math.pow(1 - z, -a) - 1)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('matches sin((2a - 1)x) / ((2a - 1) sin x) = 2F1(a, 1 - a; 3/2; sin^2 x)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 3, noNaN: true }).filter((a) => Math.abs(a - 0.5) > 1e-3),
        fc.double({ min: 0.05, max: 1.5, noNaN: true }),
        (a, x) => {
          // Arrange
          const expected = Math.sin((2 * a - 1) * x) / ((2 * a - 1) * Math.sin(x));

          // Act
          const value = hypergeometric2F1(a, 1 - a, 1.5, Math.sin(x) ** 2);

          // Assert
          expect(value).toBeCloseTo(expected, 8);
        },
      ),
    );
  });

  it('is a polynomial when a is a non-positive integer and equals Gauss sum at z = 1', () => {
    // Act and assert: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1))
    expect(hypergeometric2F1(-2, 3, 4, 0.9)).toBeCloseTo(1 - (2 * 3 * 0.9) / 4 + (3 * 4 * 0.81) / 20, 12);
    // Gamma(3) Gamma(1.5) / (Gamma(2.5) Gamma(2)) = 2 / 1.5
    expect(hypergeometric2F1(0.5, 1, 3, 1)).toBeCloseTo(2 / 1.5, 12);
  });

  it('rejects z > 1, divergence at z = 1 and non-positive integer c', () => {
    // Act and assert
    expect(() => hypergeometric2F1(1, 1, 2, 1.5)).toThrow(HypergeometricError);
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(HypergeometricError);
    expect(() => hypergeometric2F1(1, 1, -2, 0.3)).toThrow(HypergeometricError);
  });
});
