import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BtydInputError,
  expectedTransactions,
  probabilityAlive,
  probabilityNoPurchase,
} from '../../../models/btyd/index.js';
import { expectedTransactionsByQuadrature } from './bg-nbd-quadrature.js';
import { simulateBgNbd } from './simulate-btyd.js';

/** The published CDNOW fit (Fader, Hardie & Lee 2005), times in weeks. */
const cdnowParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

const customerArbitrary = fc
  .record({
    x: fc.integer({ min: 0, max: 60 }),
    T: fc.double({ min: 0.5, max: 100, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

describe('probabilityAlive', () => {
  it('is 1 for customers without repeat purchases (they cannot have dropped out yet)', () => {
    // Act
    const alive = probabilityAlive(cdnowParams, { x: 0, tx: 0, T: 38.86 });

    // Assert
    expect(alive).toBe(1);
  });

  it('matches 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)) for the example customer', () => {
    // Arrange: x = 2, tx = 30.43, T = 38.86
    const odds = (0.793 / (2.426 + 1)) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2);

    // Act
    const alive = probabilityAlive(cdnowParams, { x: 2, tx: 30.43, T: 38.86 });

    // Assert
    expect(alive).toBeCloseTo(1 / (1 + odds), 12);
    expect(alive).toBeCloseTo(0.7266, 3);
  });

  it('falls as the time since the last purchase grows', () => {
    // Act
    const recent = probabilityAlive(cdnowParams, { x: 5, tx: 38, T: 38.86 });
    const lapsed = probabilityAlive(cdnowParams, { x: 5, tx: 10, T: 38.86 });

    // Assert
    expect(recent).toBeGreaterThan(lapsed);
    expect(lapsed).toBeLessThan(0.1);
  });
});

describe('expectedTransactions', () => {
  it('gives about 1.226 transactions in the next 39 weeks for the CDNOW example customer', () => {
    // Act
    const expected = expectedTransactions(cdnowParams, { x: 2, tx: 30.43, T: 38.86 }, 39);

    // Assert
    expect(expected).toBeCloseTo(1.226, 3);
  });

  it.each([
    ['a < 1 (CDNOW)', cdnowParams, { x: 2, tx: 30.43, T: 38.86 }, 39],
    ['a < 1, no repeat purchases, long horizon', cdnowParams, { x: 0, tx: 0, T: 2 }, 500],
    ['a > 1, heavy buyer', { r: 1.3, alpha: 2.5, a: 2.2, b: 1.7 }, { x: 25, tx: 11, T: 12 }, 52],
    ['a just off 1', { r: 0.8, alpha: 3, a: 1.00004, b: 2.5 }, { x: 4, tx: 20, T: 30 }, 80],
    ['a exactly 1', { r: 0.8, alpha: 3, a: 1, b: 2.5 }, { x: 4, tx: 20, T: 30 }, 80],
  ])('agrees with numerical integration over p: %s', (_, params, customer, horizon) => {
    // Act
    const closedForm = expectedTransactions(params, customer, horizon);
    const quadrature = expectedTransactionsByQuadrature(params, customer, horizon);

    // Assert
    expect(closedForm / quadrature).toBeCloseTo(1, 7);
  });

  it('is 0 over a zero horizon, grows with the horizon and is finite for any history', () => {
    fc.assert(
      fc.property(customerArbitrary, fc.double({ min: 0.01, max: 1000, noNaN: true }), (customer, horizon) => {
        // Act
        const shorter = expectedTransactions(cdnowParams, customer, horizon);
        const longer = expectedTransactions(cdnowParams, customer, horizon * 2);

        // Assert
        expect(expectedTransactions(cdnowParams, customer, 0)).toBe(0);
        expect(Number.isFinite(longer)).toBe(true);
        expect(shorter).toBeGreaterThan(0);
        expect(longer).toBeGreaterThan(shorter);
      }),
    );
  });

  it('rejects a negative horizon', () => {
    // Act and assert
    expect(() => expectedTransactions(cdnowParams, { x: 1, tx: 1, T: 2 }, -1)).toThrow(BtydInputError);
  });
});

describe('probabilityNoPurchase', () => {
  it('combines dropout and the posterior chance of a quiet horizon', () => {
    // Arrange: the example customer, with the derivation written out
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    const alive = probabilityAlive(cdnowParams, customer);
    const quietIfAlive = Math.pow((4.414 + 38.86) / (4.414 + 38.86 + 39), 0.243 + 2);

    // Act
    const noPurchase = probabilityNoPurchase(cdnowParams, customer, 39);

    // Assert
    expect(noPurchase).toBeCloseTo(1 - alive + alive * quietIfAlive, 12);
  });

  it('is 1 over a zero horizon, falls with the horizon and never drops below 1 - P(alive)', () => {
    fc.assert(
      fc.property(customerArbitrary, fc.double({ min: 0.01, max: 1000, noNaN: true }), (customer, horizon) => {
        // Act
        const shorter = probabilityNoPurchase(cdnowParams, customer, horizon);
        const longer = probabilityNoPurchase(cdnowParams, customer, horizon * 2);

        // Assert
        expect(probabilityNoPurchase(cdnowParams, customer, 0)).toBe(1);
        expect(longer).toBeLessThanOrEqual(shorter);
        expect(longer).toBeGreaterThanOrEqual(1 - probabilityAlive(cdnowParams, customer) - 1e-12);
      }),
    );
  });
});

describe('BG/NBD predictions on simulated customers', () => {
  it('match the simulated holdout in total transactions and in the share of customers who buy nothing', () => {
    // Arrange: customers drawn from the model itself, observed for 20-60 weeks, then 26 weeks more
    const truth = { r: 0.6, alpha: 5, a: 0.9, b: 3 };
    const customers = simulateBgNbd(truth, 40_000, [20, 60], 26, 3);

    // Act
    const predictedTransactions = customers
      .map((customer) => expectedTransactions(truth, customer, 26))
      .reduce((sum, value) => sum + value, 0);
    const predictedQuiet = customers
      .map((customer) => probabilityNoPurchase(truth, customer, 26))
      .reduce((sum, value) => sum + value, 0);

    // Assert
    const actualTransactions = customers.reduce((sum, customer) => sum + customer.holdoutTransactions, 0);
    const actualQuiet = customers.filter((customer) => customer.holdoutTransactions === 0).length;
    expect(predictedTransactions / actualTransactions).toBeCloseTo(1, 1);
    expect(predictedQuiet / actualQuiet).toBeCloseTo(1, 1);
  });
});
