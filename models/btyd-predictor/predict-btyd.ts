import { expectedAverageSpend, probabilityAlive } from '../btyd/index.js';
import { noPurchaseGivenAlive } from '../btyd/probability-no-purchase.js';
import { assertHorizon } from '../btyd/validate-btyd-inputs.js';
import type { BtydSummaries } from './btyd-summaries.js';
import type { BtydModels } from './fit-btyd-models.js';
import { expectedTransactionsGivenAlive } from './robust-expected-transactions.js';

/** Per-customer BTYD predictions over a horizon, aligned with the summaries' customerIds. */
export interface BtydPredictions {
  customerIds: string[];
  /** The summaries predicted from (same customers, same order). */
  summaries: BtydSummaries;
  probabilityAlive: Float64Array;
  /** P(no purchase in (asOf, asOf + horizon]). */
  churnProbability: Float64Array;
  expectedTransactions: Float64Array;
  /** Expected spend per purchase day (Gamma-Gamma posterior mean, or the population mean). */
  expectedAverageSpend: Float64Array;
  /** expectedTransactions x expectedAverageSpend. */
  expectedSpend: Float64Array;
}

export function predictBtyd(models: BtydModels, summaries: BtydSummaries, horizonDays: number): BtydPredictions {
  assertHorizon(horizonDays);
  const n = summaries.customerIds.length;
  const out = {
    customerIds: summaries.customerIds,
    summaries,
    probabilityAlive: new Float64Array(n),
    churnProbability: new Float64Array(n),
    expectedTransactions: new Float64Array(n),
    expectedAverageSpend: new Float64Array(n),
    expectedSpend: new Float64Array(n),
  };
  const { bgNbd, gammaGamma } = models;
  // One customer object, refilled: P(alive) is worked out once per customer and serves all three predictions.
  const customer = { x: 0, tx: 0, T: 0 };
  for (let i = 0; i < n; i += 1) {
    customer.x = summaries.x[i]!;
    customer.tx = summaries.tx[i]!;
    customer.T = summaries.T[i]!;
    const perDay = gammaGamma ? expectedAverageSpend(gammaGamma, customer.x, summaries.mx[i]!) : models.meanSpendPerDay;
    const alive = probabilityAlive(bgNbd, customer);
    const transactions = expectedTransactionsGivenAlive(bgNbd, customer, horizonDays, alive);
    out.probabilityAlive[i] = alive;
    out.churnProbability[i] = noPurchaseGivenAlive(bgNbd, customer, horizonDays, alive);
    out.expectedTransactions[i] = transactions;
    out.expectedAverageSpend[i] = perDay;
    out.expectedSpend[i] = transactions * perDay;
  }
  return out;
}
