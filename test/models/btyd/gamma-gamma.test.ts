import { describe, expect, it } from 'vitest';
import {
  BtydInputError,
  expectedAverageSpend,
  expectedSpend,
  expectedTransactions,
  fitGammaGamma,
  gammaGammaLogLikelihood,
} from '../../../models/btyd/index.js';
import { simulateGammaGamma } from './simulate-btyd.js';

/** The published CDNOW spend fit (Fader & Hardie 2013). */
const cdnowSpend = { p: 6.25, q: 3.74, v: 15.44 };

describe('gammaGammaLogLikelihood', () => {
  it('matches the density of mean spend evaluated in 30-digit arithmetic', () => {
    // Arrange: reference from mpmath, G(px+q) / (G(px) G(q)) v^q mx^(px-1) x^(px) / (v + x mx)^(px+q)
    const customers = [
      { x: 1, mx: 10.5 },
      { x: 4, mx: 33.25 },
      { x: 12, mx: 7.1 },
    ];

    // Act
    const logLikelihood = gammaGammaLogLikelihood(cdnowSpend, customers);

    // Assert
    expect(logLikelihood).toBeCloseTo(-14.536148115389964893, 10);
  });

  it('rejects customers without repeat purchases or with non-positive spend', () => {
    // Act and assert
    expect(() => gammaGammaLogLikelihood(cdnowSpend, [{ x: 0, mx: 0 }])).toThrow(BtydInputError);
    expect(() => gammaGammaLogLikelihood(cdnowSpend, [{ x: 2, mx: -3 }])).toThrow(BtydInputError);
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of simulated repeat buyers and beats the truth on likelihood', () => {
    // p is identified only through how the spread of mean spend shrinks with x, so its sampling
    // error is several percent even with 20,000 buyers; hence the wider band for p.
    // Arrange
    const truth = { p: 4, q: 3, v: 20 };
    const customers = simulateGammaGamma(truth, 20_000, 10, 5);

    // Act
    const fit = fitGammaGamma(customers);

    // Assert
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.p / truth.p - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.q / truth.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.v / truth.v - 1)).toBeLessThan(0.15);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
  });
});

describe('expectedAverageSpend', () => {
  it('weights the population mean against the customer\'s own mean by p x / (p x + q - 1)', () => {
    // Arrange: population mean p v / (q - 1) = 6.25 * 15.44 / 2.74; weight on own mean 12.5 / 15.24
    const populationMean = (6.25 * 15.44) / 2.74;
    const ownWeight = 12.5 / 15.24;

    // Act
    const spend = expectedAverageSpend(cdnowSpend, 2, 22.35);

    // Assert
    expect(spend).toBeCloseTo(ownWeight * 22.35 + (1 - ownWeight) * populationMean, 10);
  });

  it('is the population mean when there are no repeat purchases', () => {
    // Act
    const spend = expectedAverageSpend(cdnowSpend, 0, 0);

    // Assert
    expect(spend).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
  });

  it('rejects q <= 1, where the population mean is infinite', () => {
    // Act and assert
    expect(() => expectedAverageSpend({ p: 2, q: 0.9, v: 10 }, 2, 5)).toThrow(BtydInputError);
  });
});

describe('expectedSpend', () => {
  it('is expected transactions times expected spend per transaction', () => {
    // Arrange
    const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const customer = { x: 2, tx: 30.43, T: 38.86, mx: 22.35 };

    // Act
    const spend = expectedSpend(bgNbd, cdnowSpend, customer, 39);

    // Assert
    const perTransaction = expectedAverageSpend(cdnowSpend, 2, 22.35);
    expect(spend).toBeCloseTo(expectedTransactions(bgNbd, customer, 39) * perTransaction, 10);
  });
});
