import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { hypergeometric2F1 } from './hypergeometric-2f1.js';
import { probabilityAlive } from './probability-alive.js';
import { assertHorizon } from './validate-btyd-inputs.js';

/** Below this distance from a = 1 the closed form is 0/0 and is interpolated instead. */
const UNIT_DROPOUT_SHAPE_GAP = 1e-4;

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
 * At a = 1 the bracket and a - 1 both vanish (the limit is finite), so within 1e-4 of it the value
 * is linearly interpolated between a = 1 -+ 1e-4 (error O(1e-8) relative).
 */
export function expectedTransactions(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  assertHorizon(horizon);
  const aliveProbability = probabilityAlive(params, customer);
  if (horizon === 0) return 0;
  const { a } = params;
  if (Math.abs(a - 1) >= UNIT_DROPOUT_SHAPE_GAP) {
    return aliveProbability * expectedTransactionsIfAlive(params, customer, horizon);
  }
  const below = expectedTransactionsIfAlive({ ...params, a: 1 - UNIT_DROPOUT_SHAPE_GAP }, customer, horizon);
  const above = expectedTransactionsIfAlive({ ...params, a: 1 + UNIT_DROPOUT_SHAPE_GAP }, customer, horizon);
  const weightAbove = (a - (1 - UNIT_DROPOUT_SHAPE_GAP)) / (2 * UNIT_DROPOUT_SHAPE_GAP);
  return aliveProbability * (below + weightAbove * (above - below));
}

function expectedTransactionsIfAlive(
  { r, alpha, a, b }: BgNbdParams,
  { x, T }: BgNbdCustomer,
  horizon: number,
): number {
  const z = horizon / (alpha + T + horizon);
  const c = a + b + x - 1;
  const survivingTerm = Math.pow(1 - z, a - 1) * hypergeometric2F1(a + b - 1 - r, a - 1, c, z);
  return (c / (a - 1)) * (1 - survivingTerm);
}
