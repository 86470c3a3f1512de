import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, spendCdf, spendInterval, spendQuantile, zilnPart } from '../../../models/scoring/index.js';

describe('normalCdf and normalQuantile', () => {
  it('have the textbook values and invert each other', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
      }),
    );
  });
});

describe('spendQuantile', () => {
  it('is 0 while P(no purchase) covers the quantile, and the lognormal quantile beyond it', () => {
    const part = zilnPart(1, 0.3, 100, 0.8);

    expect(spendQuantile([part], 0.1)).toBe(0);
    expect(spendQuantile([part], 0.3)).toBe(0);
    // q = 0.9 is the (0.9 - 0.3) / 0.7 quantile of the lognormal whose mean is 100.
    const expected = Math.exp(Math.log(100) - 0.32 + 0.8 * normalQuantile(0.6 / 0.7));
    expect(spendQuantile([part], 0.9)).toBeCloseTo(expected, 6);
  });

  it('inverts the CDF of a mixture (the blend of a network and BG/NBD + Gamma-Gamma)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (zeroA, zeroB, mean, sigma, q) => {
          const parts = [zilnPart(0.5, zeroA, mean, sigma), zilnPart(0.5, zeroB, mean * 3, sigma / 2)];
          const quantile = spendQuantile(parts, q);

          if ((zeroA + zeroB) / 2 >= q) expect(quantile).toBe(0);
          else expect(spendCdf(parts, quantile)).toBeCloseTo(q, 6);
        },
      ),
    );
  });

  it('puts everything at 0 when there is no spend to expect', () => {
    expect(spendQuantile([zilnPart(1, 0.2, 0, 1)], 0.9)).toBe(0);
    expect(spendQuantile([zilnPart(1, 1, 50, 1)], 0.9)).toBe(0);
  });
});

describe('spendInterval', () => {
  it('holds 80% of the probability: 10th to 90th percentile, or [0, 80th] once the zero mass reaches 10%', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.79, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), (zeroMass, sigma) => {
        const parts = [zilnPart(0.5, zeroMass, 40, sigma), zilnPart(0.5, zeroMass / 2, 90, sigma)];
        const { predictedSpendLow: low, predictedSpendHigh: high } = spendInterval(parts);
        const belowLow = low > 0 ? spendCdf(parts, low) : 0;

        expect(spendCdf(parts, high) - belowLow).toBeCloseTo(0.8, 5);
        expect(low === 0).toBe(spendCdf(parts, 0) >= 0.1);
      }),
    );
  });
});
