import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, BtydInputError } from '../../../models/btyd/index.js';
import { logAddExp } from '../../../models/btyd/log-add-exp.js';
import { logGamma } from '../../../models/btyd/log-gamma.js';

const params = { r: 0.5, alpha: 2, a: 0.7, b: 1.5 };

describe('bgNbdLogLikelihood', () => {
  it('matches the paper form of the likelihood evaluated in 30-digit arithmetic', () => {
    // Arrange: reference from mpmath using FHL (2005) in its original, non-log form
    //   L = B(a, b + x) / B(a, b) * G(r + x) alpha^r / (G(r) (alpha + T)^(r + x))
    //     + [x > 0] B(a + 1, b + x - 1) / B(a, b) * G(r + x) alpha^r / (G(r) (alpha + tx)^(r + x)).
    const customers = [
      { x: 0, tx: 0, T: 8 },
      { x: 3, tx: 5, T: 8 },
      { x: 1, tx: 0.5, T: 12.25 },
      { x: 40, tx: 30, T: 31 },
    ];

    // Act
    const logLikelihood = bgNbdLogLikelihood(params, customers);

    // Assert
    expect(logLikelihood).toBeCloseTo(-46.582488352753469318, 10);
  });

  it('is, to the bit, the per-customer sum in customer order (one-time buyers, whose second term is 0, included)', () => {
    const customers = Array.from({ length: 500 }, (_, i) => {
      const x = i % 3 === 0 ? 0 : i % 17;
      const T = 5 + (i % 41);
      return { x, tx: x === 0 ? 0 : (i * 7) % T, T };
    });
    const { r, alpha, a, b } = params;
    let total = 0;
    // The count terms per distinct x come first, in order of first appearance, as the likelihood sums them.
    const distinct = [...new Set(customers.map((c) => c.x))];
    const constant = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    for (const x of distinct) total += customers.filter((c) => c.x === x).length * (constant + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
    for (const { x, tx, T } of customers) {
      const logA4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
      total += logAddExp(-(r + x) * Math.log(alpha + T), logA4);
    }
    expect(bgNbdLogLikelihood(params, customers)).toBe(total);
  });

  it('adds up over customers', () => {
    // Arrange
    const first = { x: 3, tx: 5, T: 8 };
    const second = { x: 0, tx: 0, T: 8 };

    // Act
    const together = bgNbdLogLikelihood(params, [first, second, first]);
    const apart = 2 * bgNbdLogLikelihood(params, [first]) + bgNbdLogLikelihood(params, [second]);

    // Assert
    expect(together).toBeCloseTo(apart, 10);
  });

  it('rejects inconsistent customers and non-positive parameters', () => {
    // Act and assert
    expect(() => bgNbdLogLikelihood(params, [{ x: 2, tx: 9, T: 8 }])).toThrow(BtydInputError);
    expect(() => bgNbdLogLikelihood(params, [{ x: 1.5, tx: 1, T: 8 }])).toThrow(BtydInputError);
    expect(() => bgNbdLogLikelihood({ ...params, a: 0 }, [{ x: 0, tx: 0, T: 8 }])).toThrow(BtydInputError);
  });
});
