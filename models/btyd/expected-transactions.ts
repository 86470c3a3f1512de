import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { expectedTransactionsIfAliveBySeries } from './expected-transactions-series.js';
import { probabilityAlive } from './probability-alive.js';
import { assertHorizon } from './validate-btyd-inputs.js';

/**
 * E[Y(horizon) | x, tx, T]: expected transactions in (T, T + horizon] (Fader, Hardie & Lee 2005).
 * With z = horizon / (alpha + T + horizon), so that (alpha + T) / (alpha + T + horizon) = 1 - z,
 *   E = P(alive) * (a + b + x - 1) / (a - 1)
 *       * [1 - (1 - z)^(r + x) 2F1(r + x, b + x; a + b + x - 1; z)]
 * (the paper's denominator 1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x) is
 * 1 / P(alive)). Euler's transformation 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z)
 * turns the product into
 *   (1 - z)^(r + x) 2F1(r + x, b + x; C; z) = (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; C; z),
 * whose upper parameters do not grow with x: no overflow of (1 - z)^-(r + x) for heavy buyers and
 * long horizons, and a fast series because C = a + b + x - 1 does grow.
 *
 * The series is summed term by term rather than through the general 2F1, whose 1 - z connection
 * formula cancels to no correct digit for z > 1/2 with large a + b (see expected-transactions-series).
 */
export function expectedTransactions(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  assertHorizon(horizon);
  if (horizon === 0) return 0;
  return probabilityAlive(params, customer) * expectedTransactionsIfAliveBySeries(params, customer, horizon);
}
