import { describe, expect, it } from 'vitest';
import { expectedTransactions, probabilityAlive } from '../../../models/btyd/index.js';
import { robustExpectedTransactions } from '../../../models/btyd-predictor/robust-expected-transactions.js';

describe('robustExpectedTransactions', () => {
  it('equals the closed form for ordinary parameters', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const customer = { x: 3, tx: 20, T: 38 };

    expect(robustExpectedTransactions(params, customer, 39)).toBeCloseTo(expectedTransactions(params, customer, 39), 10);
  });

  it('stays finite and equals the no-dropout limit P(alive) (r + x) h / (alpha + T) where the fit has drifted to a -> 0, b -> infinity', () => {
    const params = { r: 0.7236, alpha: 65.57, a: 1.64e-7, b: 107_295 };
    const customer = { x: 4, tx: 120, T: 200 };

    const value = robustExpectedTransactions(params, customer, 90);

    expect(Number.isFinite(value)).toBe(true);
    const limit = (probabilityAlive(params, customer) * (params.r + customer.x) * 90) / (params.alpha + customer.T);
    expect(value).toBeCloseTo(limit, 8);
  });

  it('never exceeds the no-dropout (NBD) expectation (r + x) horizon / (alpha + T)', () => {
    const params = { r: 0.72, alpha: 59.3, a: 1.4e-10, b: 283 };
    const customer = { x: 2, tx: 6, T: 28 };

    const value = robustExpectedTransactions(params, customer, 90);

    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(((params.r + customer.x) * 90) / (params.alpha + customer.T));
  });
});
