import {
  HypergeometricError,
  probabilityAlive,
  type BgNbdCustomer,
  type BgNbdParams,
} from '../btyd/index.js';
import { BtydPredictionError } from './btyd-prediction-error.js';
import { expectedTransactionsIfAliveBySeries } from '../btyd/expected-transactions-series.js';
import { assertHorizon } from '../btyd/validate-btyd-inputs.js';

/** Below this E[p] c (r + x + 2) the small-dropout expansion is exact to ~1e-12 and is used directly. */
const EXPANSION_ONLY = 1e-6;

/**
 * E[transactions in (T, T + horizon]] under BG/NBD. Real data often drive the maximum-likelihood
 * fit towards a -> 0 (dropout after a purchase is negligible; the model tends to NBD), where the
 * closed form's 2F1 fails to converge or cancels catastrophically. The alive customer's expectation
 *   E_p[(1 - (1 + p c)^-(r + x)) / p],  c = horizon / (alpha + T),  p ~ Beta(a, b + x),
 * is then expanded to second order around p = 0:
 *   k c - k (k + 1) c^2 E[p] / 2 + k (k + 1) (k + 2) c^3 E[p^2] / 6,  k = r + x.
 * Otherwise the closed form is used, its series summed directly (expectedTransactionsIfAliveBySeries,
 * stable for every z = horizon / (alpha + T + horizon) < 1), and the result is checked against
 * 0 <= E <= P(alive) k c (dropout can only lower the NBD expectation k c).
 */
export function robustExpectedTransactions(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  assertHorizon(horizon);
  return expectedTransactionsGivenAlive(params, customer, horizon, probabilityAlive(params, customer));
}

/**
 * robustExpectedTransactions given the customer's P(alive) (probabilityAlive), for callers that
 * need both; the horizon is checked by the caller. No closures here: it runs once per customer.
 */
export function expectedTransactionsGivenAlive(params: BgNbdParams, customer: BgNbdCustomer, horizon: number, alive: number): number {
  const k = params.r + customer.x;
  const c = horizon / (params.alpha + customer.T);
  const dropoutB = params.b + customer.x;
  const meanP = params.a / (params.a + dropoutB);
  if (meanP * c * (k + 2) < EXPANSION_ONLY) {
    const meanP2 = (meanP * (params.a + 1)) / (params.a + dropoutB + 1);
    return alive * (k * c - (k * (k + 1) * c * c * meanP) / 2 + (k * (k + 1) * (k + 2) * c ** 3 * meanP2) / 6);
  }
  const upperBound = alive * k * c * (1 + 1e-6) + 1e-12;
  let value = Number.NaN;
  try {
    // The closed form (expectedTransactions), P(alive) times this series, for every z.
    value = alive * expectedTransactionsIfAliveBySeries(params, customer, horizon);
  } catch (error) {
    if (!(error instanceof HypergeometricError)) throw error;
  }
  if (!(value >= 0 && value <= upperBound)) value = alive * expectationNearMeanDropout(k, c, params.a, dropoutB);
  if (!(value >= 0 && value <= upperBound)) {
    throw new BtydPredictionError('BG/NBD expected transactions out of range', { cause: { params, customer: { ...customer }, horizon, value } });
  }
  return value;
}

/**
 * E_p[(1 - (1 + p c)^-k) / p] for p ~ Beta(a, b) by the two-point rule at mean +- standard
 * deviation, exact to second order. It is the fallback for when the closed form cannot be
 * evaluated, which happens when a and b are both huge (the fit's other ridge: every customer has
 * the same dropout probability), and there Beta(a, b) is all but a point mass, so it is accurate.
 */
function expectationNearMeanDropout(k: number, c: number, a: number, b: number): number {
  const alive = (p: number) => (p > 0 ? -Math.expm1(-k * Math.log1p(p * c)) / p : k * c);
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  return sd < mean ? (alive(mean - sd) + alive(mean + sd)) / 2 : alive(mean);
}
