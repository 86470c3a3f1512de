import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { epochDay, isoDay } from '../features/dates.js';
import { customerHistories, loadPurchaseHistory, type CustomerHistories, type PurchaseHistory } from '../features/purchase-history.js';
import type { BtydSummaries } from './btyd-summaries.js';

/**
 * (x, tx, T, mx) of every customer with a purchase day on or before `asOf`. Orders are summed per
 * customer-day first, as the CDNOW analyses count transactions and as computeFeatures does, so
 * split shipments and line items do not inflate frequency; returns are netted as
 * customerHistories says. Pass `history` to share one read of the orders between cut-offs.
 */
export async function loadBtydSummaries(db: DuckDbSession, asOfInput: string, history?: PurchaseHistory): Promise<BtydSummaries> {
  const asOf = isoDay(asOfInput);
  return btydSummariesOf(customerHistories(history ?? (await loadPurchaseHistory(db)), asOf));
}

/** The summaries of customers whose history up to a cut-off is already summed up. */
export function btydSummariesOf(c: CustomerHistories): BtydSummaries {
  const { asOf } = c;
  const cutoff = epochDay(asOf);
  const n = c.customerIds.length;
  const summaries: BtydSummaries = {
    asOf,
    customerIds: c.customerIds,
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    mx: new Float64Array(n),
    firstSpend: new Float64Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    const repeats = c.days[i]! - 1;
    summaries.x[i] = repeats;
    summaries.tx[i] = c.lastDay[i]! - c.firstDay[i]!;
    summaries.T[i] = cutoff - c.firstDay[i]!;
    summaries.mx[i] = repeats > 0 ? (c.total[i]! - c.firstDaySpend[i]!) / repeats : 0;
    summaries.firstSpend[i] = c.firstDaySpend[i]!;
  }
  return summaries;
}
