import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { expectedAverageSpend } from './expected-average-spend.js';
import { expectedTransactions } from './expected-transactions.js';
import type { GammaGammaParams } from './gamma-gamma-types.js';

export interface SpendingCustomer extends BgNbdCustomer {
  /** Mean spend of the repeat transactions; ignored when x = 0. */
  mx: number;
}

/**
 * Expected spend in (T, T + horizon]: expected transactions (BG/NBD) times expected spend per
 * transaction (Gamma-Gamma), which the Gamma-Gamma model's independence of spend and purchase
 * timing allows. Undiscounted.
 */
export function expectedSpend(
  bgNbd: BgNbdParams,
  gammaGamma: GammaGammaParams,
  customer: SpendingCustomer,
  horizon: number,
): number {
  return expectedTransactions(bgNbd, customer, horizon) * expectedAverageSpend(gammaGamma, customer.x, customer.mx);
}
