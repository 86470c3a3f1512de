import { BtydInputError } from './btyd-input-error.js';
import type { GammaGammaCustomer, GammaGammaParams } from './gamma-gamma-types.js';
import { indexDistinct } from './index-distinct.js';
import { logGamma } from './log-gamma.js';
import { assertPositiveParams } from './validate-btyd-inputs.js';

/**
 * Gamma-Gamma log-likelihood of the observed mean spends (Fader & Hardie 2013): the mean of x
 * Gamma(p, nu) values is Gamma(p x, nu x), and integrating nu over Gamma(q, v) gives
 *   ln f(mx | x) = lnG(p x + q) - lnG(p x) - lnG(q) + q ln v + (p x - 1) ln mx + p x ln x
 *                  - (p x + q) ln(v + x mx).
 * The log-gamma terms depend on x only and are computed once per distinct x.
 */
export function createGammaGammaLogLikelihood(
  customers: readonly GammaGammaCustomer[],
): (params: GammaGammaParams) => number {
  customers.forEach(assertGammaGammaCustomer);
  const counts = indexDistinct(customers.map(({ x }) => x));
  const customersPerCount = new Float64Array(counts.values.length);
  for (const slot of counts.slotOf) customersPerCount[slot] = (customersPerCount[slot] ?? 0) + 1;
  const xs = Float64Array.from(customers, ({ x }) => x);
  const meanSpends = Float64Array.from(customers, ({ mx }) => mx);
  const logMeanSpends = meanSpends.map(Math.log);

  return ({ p, q, v }) => {
    let total = 0;
    const perCustomerConstant = -logGamma(q) + q * Math.log(v);
    counts.values.forEach((x, slot) => {
      const countTerm = logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x) + perCustomerConstant;
      total += (customersPerCount[slot] ?? 0) * countTerm;
    });
    for (let index = 0; index < xs.length; index += 1) {
      const x = xs[index]!;
      total += (p * x - 1) * logMeanSpends[index]! - (p * x + q) * Math.log(v + x * meanSpends[index]!);
    }
    return total;
  };
}

/** Total Gamma-Gamma log-likelihood of `customers` at `params`. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly GammaGammaCustomer[]): number {
  const { p, q, v } = params;
  assertPositiveParams('Gamma-Gamma', { p, q, v });
  return createGammaGammaLogLikelihood(customers)({ p, q, v });
}

function assertGammaGammaCustomer(customer: GammaGammaCustomer, index: number): void {
  const { x, mx } = customer;
  if (!(x > 0) || !Number.isFinite(x) || !(mx > 0) || !Number.isFinite(mx)) {
    throw new BtydInputError(
      'Gamma-Gamma needs repeat buyers only: x > 0 and mean repeat spend mx > 0 (filter out x = 0 first)',
      { cause: { index, customer } },
    );
  }
}
