import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { probabilityAlive } from './probability-alive.js';
import { assertHorizon } from './validate-btyd-inputs.js';

/**
 * P(no transaction in (T, T + horizon] | x, tx, T) under BG/NBD: the churn probability over a horizon.
 *
 * Derivation. A customer who is dead at T buys nothing. A customer alive at T with purchase rate
 * lambda buys at the events of a Poisson process; in BG/NBD dropout can only happen immediately
 * after a purchase, so "no purchase in the horizon" is exactly "the first event after T comes later
 * than T + horizon", which by memorylessness has probability exp(-lambda * horizon), whatever happens
 * to the dropout afterwards. Given alive, the likelihood (1 - p)^x lambda^x e^(-lambda T) factorizes,
 * so lambda | x, tx, T, alive ~ Gamma(r + x, alpha + T), and averaging over that posterior gives
 *   E[exp(-lambda * horizon)] = ((alpha + T) / (alpha + T + horizon))^(r + x).
 * Hence
 *   P(no purchase) = (1 - P(alive)) + P(alive) * ((alpha + T) / (alpha + T + horizon))^(r + x).
 */
export function probabilityNoPurchase(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  assertHorizon(horizon);
  return noPurchaseGivenAlive(params, customer, horizon, probabilityAlive(params, customer));
}

/** probabilityNoPurchase given the customer's P(alive) (probabilityAlive), for callers that need both; the horizon is checked by the caller. */
export function noPurchaseGivenAlive(params: BgNbdParams, customer: BgNbdCustomer, horizon: number, aliveProbability: number): number {
  const { r, alpha } = params;
  const { x, T } = customer;
  const noEventIfAlive = Math.exp(-(r + x) * Math.log1p(horizon / (alpha + T)));
  return 1 - aliveProbability + aliveProbability * noEventIfAlive;
}
