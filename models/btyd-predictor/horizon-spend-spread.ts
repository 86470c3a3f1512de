import { purchaseCountMoments, type BgNbdCustomer } from '../btyd/index.js';
import type { BtydModels } from './fit-btyd-models.js';

/** The ZILN head's cap on sigma: beyond it a lognormal's upper quantiles mean nothing. */
export const MAX_SPEND_SIGMA = 3;

/**
 * The log-spread sigma of a lognormal with the first two moments of the customer's spend in the
 * horizon given at least one purchase, under BG/NBD + Gamma-Gamma.
 *
 * Spend S is the sum of the N purchases' values Z. Gamma-Gamma gives each Z ~ Gamma(p, nu) with one
 * scale nu per customer, nu ~ Gamma(Q, V) a posteriori (Q = q + p x, V = v + x mx), so
 * S | N = n ~ Gamma(n p, nu) and E[S | n] = n p V / (Q - 1), E[S^2 | n] = n p (n p + 1) V^2 / ((Q - 1)(Q - 2)).
 * Without a Gamma-Gamma fit every purchase is worth the population mean: E[S^2 | n] = (n m)^2.
 * BG/NBD gives P(N = 0), E[N] and E[N^2] (purchaseCountMoments). Given N >= 1 the moments are
 * divided by 1 - P(N = 0), and sigma^2 = ln(E[S^2] / E[S]^2). Q <= 2 (infinite variance) and
 * anything above MAX_SPEND_SIGMA give MAX_SPEND_SIGMA.
 */
export function horizonSpendSigma(models: BtydModels, customer: BgNbdCustomer & { mx: number }, horizon: number): number {
  const counts = purchaseCountMoments(models.bgNbd, customer, horizon);
  const buying = 1 - counts.none;
  if (!(counts.mean > 0) || !(buying > 0)) return 0;
  let relativeSecondMoment: number;
  if (models.gammaGamma) {
    const { p, q } = models.gammaGamma;
    const shape = q + p * customer.x;
    if (shape <= 2) return MAX_SPEND_SIGMA;
    relativeSecondMoment = ((p * p * counts.meanSquare + p * counts.mean) * (shape - 1)) / ((shape - 2) * p * p * counts.mean * counts.mean);
  } else {
    relativeSecondMoment = counts.meanSquare / (counts.mean * counts.mean);
  }
  const sigma = Math.sqrt(Math.max(0, Math.log(relativeSecondMoment * buying)));
  return Math.min(sigma, MAX_SPEND_SIGMA);
}
