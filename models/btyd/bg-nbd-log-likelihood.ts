import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { indexDistinct } from './index-distinct.js';
import { logAddExp } from './log-add-exp.js';
import { logGamma } from './log-gamma.js';
import { assertBgNbdCustomer, assertPositiveParams } from './validate-btyd-inputs.js';

/**
 * BG/NBD log-likelihood, Fader, Hardie & Lee (2005), in the stable form of their note
 * "Implementing the BG/NBD model": for each customer
 *   ln L = ln A1 + ln A2 + ln(e^(ln A3) + [x > 0] e^(ln A4)), with
 *   ln A1 = lnG(r + x) - lnG(r) + r ln alpha
 *   ln A2 = lnG(a + b) + lnG(b + x) - lnG(b) - lnG(a + b + x)
 *   ln A3 = -(r + x) ln(alpha + T)
 *   ln A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + tx)
 * and the last term by log-sum-exp. A1 and A2 depend on x only, so they are summed per distinct x;
 * the logs of alpha + T and alpha + tx are taken once per distinct time.
 */
export function createBgNbdLogLikelihood(
  customers: readonly BgNbdCustomer[],
): (params: BgNbdParams) => number {
  customers.forEach(assertBgNbdCustomer);
  const counts = indexDistinct(customers.map(({ x }) => x));
  const ages = indexDistinct(customers.map(({ T }) => T));
  const lastTimes = indexDistinct(customers.map(({ tx }) => tx));
  const customersPerCount = new Float64Array(counts.values.length);
  for (const slot of counts.slotOf) customersPerCount[slot] = (customersPerCount[slot] ?? 0) + 1;
  const logDropoutOdds = new Float64Array(counts.values.length);
  const logAlphaPlusAge = new Float64Array(ages.values.length);
  const logAlphaPlusLastTime = new Float64Array(lastTimes.values.length);
  const n = customers.length;
  const { slotOf: countSlots, values: countValues } = counts;
  const ageSlots = ages.slotOf;
  const lastTimeSlots = lastTimes.slotOf;

  return ({ r, alpha, a, b }) => {
    const constantTerm = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    let total = 0;
    counts.values.forEach((x, slot) => {
      const countTerm = constantTerm + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      total += (customersPerCount[slot] ?? 0) * countTerm;
      logDropoutOdds[slot] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    });
    ages.values.forEach((T, slot) => (logAlphaPlusAge[slot] = Math.log(alpha + T)));
    lastTimes.values.forEach((tx, slot) => (logAlphaPlusLastTime[slot] = Math.log(alpha + tx)));

    // Slots index arrays built above with matching lengths, so the non-null assertions hold.
    for (let customer = 0; customer < n; customer += 1) {
      const countSlot = countSlots[customer]!;
      const rx = r + countValues[countSlot]!;
      const logA3 = -rx * logAlphaPlusAge[ageSlots[customer]!]!;
      const logOdds = logDropoutOdds[countSlot]!;
      // x = 0: A4 is 0 and logAddExp(logA3, -Infinity) is exactly logA3 + 0; skipping its exp and log1p saves a third of the fit.
      if (logOdds === Number.NEGATIVE_INFINITY) {
        total += logA3 + 0;
        continue;
      }
      total += logAddExp(logA3, logOdds - rx * logAlphaPlusLastTime[lastTimeSlots[customer]!]!);
    }
    return total;
  };
}

/** Total BG/NBD log-likelihood of `customers` at `params`. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly BgNbdCustomer[]): number {
  const { r, alpha, a, b } = params;
  assertPositiveParams('BG/NBD', { r, alpha, a, b });
  return createBgNbdLogLikelihood(customers)({ r, alpha, a, b });
}
