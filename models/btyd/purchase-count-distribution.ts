import type { BgNbdCustomer, BgNbdParams } from './bg-nbd-types.js';
import { BtydInputError } from './btyd-input-error.js';
import { probabilityAlive } from './probability-alive.js';
import { assertHorizon } from './validate-btyd-inputs.js';

/** A customer's purchases in the horizon have a mean in the thousands long before this; anything more is a unit mistake. */
const MAX_COUNT = 1_000_000;

/**
 * P(N = n | x, tx, T) for the number N of transactions in (T, T + horizon] under BG/NBD, for
 * n = 0, 1, ... until the probability left is below `tolerance`.
 *
 * Derivation. A customer dead at T buys nothing. Given alive, the likelihood factorises, so the
 * purchase rate lambda ~ Gamma(r + x, alpha + T) and the dropout probability p ~ Beta(a, b + x)
 * independently. With rate lambda and dropout p, purchases are Poisson events, and after each one
 * the customer leaves with probability p; so N = n >= 1 when the first n events fall in the horizon,
 * the first n - 1 were survived, and then either the customer left (p) or survived with no further
 * event in the horizon (1 - p):
 *   P(N = n | lambda, p) = (1 - p)^(n-1) [p P(M >= n) + (1 - p) P(M = n)],  M ~ Poisson(lambda h).
 * Averaging M over lambda gives the negative binomial f(m) = Gamma(k + m) / (Gamma(k) m!) th^k (1 - th)^m,
 * k = r + x, th = (alpha + T) / (alpha + T + h); averaging over p gives B(n) = E[(1 - p)^n] =
 * prod_{j<n} (b + x + j) / (a + b + x + j) and E[p (1 - p)^(n-1)] = B(n - 1) a / (a + b + x + n - 1).
 * P(N = 0) is probabilityNoPurchase and the mean is expectedTransactions (the tests check both).
 */
export function purchaseCountProbabilities(params: BgNbdParams, customer: BgNbdCustomer, horizon: number, tolerance = 1e-12): Float64Array {
  assertHorizon(horizon);
  const alive = probabilityAlive(params, customer);
  const { r, alpha, a, b } = params;
  const { x, T } = customer;
  const k = r + x;
  const logTheta = -Math.log1p(horizon / (alpha + T));
  const logRest = Math.log(horizon / (alpha + T + horizon));
  let logF = k * logTheta;
  let below = Math.exp(logF);
  let keep = 1;
  const probabilities = [1 - alive + alive * below];
  for (let n = 1; ; n += 1) {
    if (n > MAX_COUNT) {
      throw new BtydInputError(`BG/NBD purchase counts did not converge within ${MAX_COUNT} purchases`, { cause: { params, customer, horizon } });
    }
    logF += Math.log((k + n - 1) / n) + logRest;
    const f = Math.exp(logF);
    const atLeast = Math.max(0, 1 - below);
    const leave = (keep * a) / (a + b + x + n - 1);
    keep -= leave;
    probabilities.push(alive * (leave * atLeast + keep * f));
    below += f;
    // Term m + 1 of the negative binomial is term m times (k + m) / (m + 1) (1 - th), a factor that
    // only falls with m when k >= 1 and stays below 1 - th when k < 1: so `ratio` bounds every later
    // factor, the tail beyond n is below f ratio / (1 - ratio), and P(N > n) is below that tail.
    const ratio = Math.max((k + n) / (n + 1), 1) * Math.exp(logRest);
    if (1 - below < tolerance || (ratio < 1 && (f * ratio) / (1 - ratio) < tolerance)) break;
  }
  return Float64Array.from(probabilities);
}

export interface PurchaseCountMoments {
  /** P(N = 0). */
  none: number;
  /** E[N]. */
  mean: number;
  /** E[N^2]. */
  meanSquare: number;
}

/** P(N = 0), E[N] and E[N^2] of the transactions in (T, T + horizon] under BG/NBD (see purchaseCountProbabilities). */
export function purchaseCountMoments(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): PurchaseCountMoments {
  const probabilities = purchaseCountProbabilities(params, customer, horizon);
  let mean = 0;
  let meanSquare = 0;
  for (let n = 1; n < probabilities.length; n += 1) {
    mean += n * probabilities[n]!;
    meanSquare += n * n * probabilities[n]!;
  }
  return { none: probabilities[0]!, mean, meanSquare };
}
