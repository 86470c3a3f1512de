import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { assertBgNbdCustomer, assertPositiveParams } from './validate-btyd-inputs.js';

/**
 * P(alive at T | x, tx, T), Fader, Hardie & Lee (2005):
 *   1 / (1 + [x > 0] a / (b + x - 1) * ((alpha + T) / (alpha + tx))^(r + x)).
 * It is 1 when x = 0: BG/NBD customers can only drop out right after a repeat purchase.
 */
export function probabilityAlive(params: BgNbdParams, customer: BgNbdCustomer): number {
  const { r, alpha, a, b } = params;
  assertPositiveParams('BG/NBD', { r, alpha, a, b });
  assertBgNbdCustomer(customer);
  const { x, tx, T } = customer;
  if (x === 0) return 1;
  const logDeadToAliveOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logDeadToAliveOdds));
}
