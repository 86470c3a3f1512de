import type { BgNbdCustomer, BgNbdParams } from '../../../models/btyd/index.js';

/**
 * E[Y(horizon) | x, tx, T] by numerical integration over the dropout probability p, independent of
 * the closed form with 2F1. Given p and being alive, integrating E[Y | lambda, p] = (1 - e^(-lambda p t)) / p
 * over the Gamma posterior of lambda leaves, up to factors that cancel,
 *   numerator   = int p^(a-2) (1-p)^(b+x-1) [(alpha+T)^-(r+x) - (alpha+T+p t)^-(r+x)] dp
 *   denominator = int p^(a-1) (1-p)^(b+x-1) (alpha+T)^-(r+x) + [x>0] p^a (1-p)^(b+x-2) (alpha+tx)^-(r+x) dp.
 * Substituting p = u^m with m = max(3, 2 / a) turns p^(a-1) dp into m u^(m a - 1) du, which is smooth
 * at 0 and spreads the mass of small p over many steps; the midpoint rule does the rest.
 */
export function expectedTransactionsByQuadrature(
  { r, alpha, a, b }: BgNbdParams,
  { x, tx, T }: BgNbdCustomer,
  horizon: number,
  intervals = 200_000,
): number {
  const rx = r + x;
  const aliveTerm = Math.pow(alpha + T, -rx);
  const deadTerm = x > 0 ? Math.pow(alpha + tx, -rx) : 0;
  const power = Math.max(3, 2 / a);
  let numerator = 0;
  let denominator = 0;
  for (let step = 0; step < intervals; step += 1) {
    const u = (step + 0.5) / intervals;
    const p = Math.pow(u, power);
    const weight = power * Math.pow(u, power * a - 1) * Math.pow(1 - p, b + x - 1);
    const futureShare = -Math.expm1(-rx * Math.log1p((p * horizon) / (alpha + T)));
    numerator += weight * aliveTerm * (futureShare / p);
    denominator += weight * (aliveTerm + (x > 0 ? (p * deadTerm) / (1 - p) : 0));
  }
  return numerator / denominator;
}
