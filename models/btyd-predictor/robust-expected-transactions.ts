import {
  expectedTransactions,
  HypergeometricError,
  probabilityAlive,
  type BgNbdCustomer,
  type BgNbdParams,
} from '../btyd/index.js';
import { BtydPredictionError } from './btyd-prediction-error.js';
import { expectedTransactionsIfAliveBySeries } from '../btyd/expected-transactions-series.js';

/** Below this E[p] c (r + x + 2) the small-dropout expansion is exact to ~1e-12 and is used directly. */
const EXPANSION_ONLY = 1e-6;

/**
 * E[transactions in (T, T + horizon]] under BG/NBD. Real data often drive the maximum-likelihood
 * fit towards a -> 0 (dropout after a purchase is negligible; the model tends to NBD), where the
 * closed form's 2F1 fails to converge or cancels catastrophically. The alive customer's expectation
 *   E_p[(1 - (1 + p c)^-(r + x)) / p],  c = horizon / (alpha + T),  p ~ Beta(a, b + x),
 * is then expanded to second order around p = 0:
 *   k c - k (k + 1) c^2 E[p] / 2 + k (k + 1) (k + 2) c^3 E[p^2] / 6,  k = r + x.
 * Otherwise the closed form is used, its series summed directly when z = horizon / (alpha + T +
 * horizon) > 1/2 (see expectedTransactionsIfAliveBySeries), and the result is checked against
 * 0 <= E <= P(alive) k c (dropout can only lower the NBD expectation k c).
 */
export function robustExpectedTransactions(params: BgNbdParams, customer: BgNbdCustomer, horizon: number): number {
  const k = params.r + customer.x;
  const c = horizon / (params.alpha + customer.T);
  const dropoutB = params.b + customer.x;
  const meanP = params.a / (params.a + dropoutB);
  const alive = probabilityAlive(params, customer);
  if (meanP * c * (k + 2) < EXPANSION_ONLY) {
    const meanP2 = (meanP * (params.a + 1)) / (params.a + dropoutB + 1);
    return alive * (k * c - (k * (k + 1) * c * c * meanP) / 2 + (k * (k + 1) * (k + 2) * c ** 3 * meanP2) / 6);
  }
  let value = Number.NaN;
  try {
    value =
      horizon / (params.alpha + customer.T + horizon) > 0.5
        ? alive * expectedTransactionsIfAliveBySeries(params, customer, horizon)
        : expectedTransactions(params, customer, horizon);
  } catch (error) {
    if (!(error instanceof HypergeometricError)) throw error;
    throw new BtydPredictionError('BG/NBD expected transactions could not be evaluated', { cause: error });
  }
  if (!(value >= 0 && value <= alive * k * c * (1 + 1e-6) + 1e-12)) {
    throw new BtydPredictionError('BG/NBD expected transactions out of range', { cause: { params, customer, horizon, value } });
  }
  return value;
}
