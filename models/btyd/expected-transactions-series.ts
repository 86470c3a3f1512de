import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { HypergeometricError } from './hypergeometric-error.js';

const MAX_TERMS = 200_000;
/** Below this distance from a = 1 the formula is 0/0 and is interpolated between a = 1 -+ gap. */
const UNIT_A_GAP = 1e-4;

/**
 * E[transactions in (T, T + horizon] | alive] under BG/NBD (Fader, Hardie & Lee 2005, after Euler's
 * transformation), summing the hypergeometric series directly:
 *   (C / (a - 1)) [1 - (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; C; z)],  C = a + b + x - 1,
 *   z = horizon / (alpha + T + horizon).
 * Past the first term the series' terms all have one sign, so summing it is stable for every
 * z < 1 (only slower near 1). The general-purpose 2F1 switches to the 1 - z connection formula
 * for z > 1/2, whose two large terms can cancel to no correct digit when a + b is large (young
 * customers, long horizons); this is used there instead.
 */
export function expectedTransactionsIfAliveBySeries(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  const { a } = params;
  if (Math.abs(a - 1) >= UNIT_A_GAP) return bySeries(params, customer, horizon);
  const below = bySeries({ ...params, a: 1 - UNIT_A_GAP }, customer, horizon);
  const above = bySeries({ ...params, a: 1 + UNIT_A_GAP }, customer, horizon);
  return below + ((a - (1 - UNIT_A_GAP)) / (2 * UNIT_A_GAP)) * (above - below);
}

function bySeries({ r, alpha, a, b }: BgNbdParams, { x, T }: BgNbdCustomer, horizon: number): number {
  const z = horizon / (alpha + T + horizon);
  const c = a + b + x - 1;
  const upper1 = a + b - 1 - r;
  const upper2 = a - 1;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n += 1) {
    const ratio = ((upper1 + n) * (upper2 + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (term === 0 || (Math.abs(ratio) < 1 && Math.abs(term) <= 1e-16 * Math.abs(sum))) {
      return (c / (a - 1)) * (1 - Math.pow(1 - z, a - 1) * sum);
    }
  }
  throw new HypergeometricError(`BG/NBD expected-transactions series did not converge in ${MAX_TERMS} terms`, {
    cause: { r, alpha, a, b, x, T, horizon },
  });
}
