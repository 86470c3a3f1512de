import { describe, expect, it } from 'vitest';
import { expectedTransactions, probabilityAlive } from '../../../models/btyd/index.js';
import { robustExpectedTransactions } from '../../../models/btyd-predictor/robust-expected-transactions.js';
import { expectedTransactionsByQuadrature } from '../btyd/bg-nbd-quadrature.js';

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

  it.each([
    ['large a + b, young customer (the 1 - z connection formula cancels here)', { r: 0.4897, alpha: 25.4, a: 5.179, b: 22.92 }, { x: 2, tx: 27, T: 32 }, 60],
    ['CDNOW fit, long horizon', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 3, tx: 2, T: 5 }, 39],
    ['a within 1e-4 of 1', { r: 0.243, alpha: 4.414, a: 1.00003, b: 2.426 }, { x: 0, tx: 0, T: 1 }, 78],
    ['large shapes', { r: 2, alpha: 10, a: 30, b: 60 }, { x: 7, tx: 5, T: 6 }, 100],
  ])('matches numerical integration where horizon > alpha + T: %s', (_, params, customer, horizon) => {
    expect(robustExpectedTransactions(params, customer, horizon)).toBeCloseTo(expectedTransactionsByQuadrature(params, customer, horizon), 6);
  });

  it('stays finite where the fit has drifted to a, b -> infinity (one common dropout probability) and the closed form breaks down', () => {
    const params = { r: 0.4555, alpha: 4.7355, a: 16_615, b: 162_749 };
    const customer = { x: 0, tx: 0, T: 750 };
    const p = params.a / (params.a + params.b);
    const c = 90 / (params.alpha + customer.T);

    const value = robustExpectedTransactions(params, customer, 90);

    const pointMass = (probabilityAlive(params, customer) * -Math.expm1(-params.r * Math.log1p(p * c))) / p;
    expect(value).toBeCloseTo(pointMass, 6);
  });
});

