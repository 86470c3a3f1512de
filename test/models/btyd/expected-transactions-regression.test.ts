import { describe, expect, it } from 'vitest';
import { expectedTransactions, probabilityAlive } from '../../../models/btyd/index.js';

/** E[Y(h) | alive] by numerical integration over the posterior of lambda and the dropout time. */
function integratedExpectation(params: { r: number; alpha: number; a: number; b: number }, c: { x: number; tx: number; T: number }, h: number): number {
  // Given alive at T with lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x): E[Y] = E[(1/p)(1 - (1 - p)^... )]
  // is awkward in closed form; integrate the discrete-time form by simulation-free quadrature over p and lambda.
  const shape = params.r + c.x;
  const rate = params.alpha + c.T;
  let total = 0;
  let weight = 0;
  const steps = 400;
  for (let i = 0; i < steps; i += 1) {
    const p = (i + 0.5) / steps;
    const wp = Math.pow(p, params.a - 1) * Math.pow(1 - p, params.b + c.x - 1);
    for (let j = 0; j < steps; j += 1) {
      const lambda = ((j + 0.5) / steps) * (20 * shape) / rate;
      const wl = Math.exp((shape - 1) * Math.log(lambda) - rate * lambda);
      // Alive customer: purchases at rate lambda until dropout after a purchase with prob p; E[Y(h)] = (1 - exp(-lambda p h)) / p
      total += wp * wl * (1 - Math.exp(-lambda * p * h)) / p;
      weight += wp * wl;
    }
  }
  return total / weight;
}

describe('expectedTransactions where the general 2F1 used to cancel (z > 1/2, large a + b)', () => {
  it.each([
    [{ r: 0.49, alpha: 25.4, a: 5.18, b: 22.9 }, { x: 2, tx: 20, T: 32 }, 60],
    [{ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 33, tx: 2, T: 2.33 }, 7.73],
  ])('matches numerical integration for %o %o over %d', (params, customer, horizon) => {
    const expected = probabilityAlive(params, customer) * integratedExpectation(params, customer, horizon);

    const value = expectedTransactions(params, customer, horizon);

    expect(value).toBeGreaterThan(0);
    expect(Math.abs(value - expected) / expected).toBeLessThan(0.02);
  });
});
