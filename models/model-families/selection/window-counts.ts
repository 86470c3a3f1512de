import { sqlString, type DuckDbSession } from '../../duckdb/duckdb-session.js';
import { epochDay } from '../../features/dates.js';
import type { PurchaseHistory } from '../../features/purchase-history.js';

export interface WindowCounts {
  /** Customers with an order on or before the cut-off. */
  customers: number;
  /** Of those, customers who bought (an order with a positive amount) in (cutoff, end]. */
  buyers: number;
}

/** The counts' rule over the orders table: the reference windowCountsOf is tested against. */
export async function windowCounts(db: DuckDbSession, cutoff: string, end: string): Promise<WindowCounts> {
  const [row] = await db.rows<WindowCounts>(`
    SELECT CAST(count(*) AS INTEGER) AS customers, CAST(count(*) FILTER (WHERE bought) AS INTEGER) AS buyers
    FROM (
      SELECT customer_id,
        bool_or(CAST(order_date AS DATE) > DATE ${sqlString(cutoff)} AND CAST(order_date AS DATE) <= DATE ${sqlString(end)} AND amount > 0) AS bought
      FROM orders WHERE amount >= 0 GROUP BY customer_id
      HAVING min(CAST(order_date AS DATE)) <= DATE ${sqlString(cutoff)}
    )`);
  return row ?? { customers: 0, buyers: 0 };
}

/** windowCounts from the purchase history rather than the orders table (the same counts). */
export function windowCountsOf(history: PurchaseHistory, cutoff: string, end: string): WindowCounts {
  const from = epochDay(cutoff);
  const to = epochDay(end);
  const { offsets, day, gross, purchased } = history;
  let customers = 0;
  let buyers = 0;
  for (let c = 0; c + 1 < offsets.length; c += 1) {
    let first = -1;
    let bought = false;
    for (let k = offsets[c]!; k < offsets[c + 1]! && day[k]! <= to; k += 1) {
      if (!purchased[k]) continue;
      if (first < 0) first = k;
      // gross > 0: the day has an order with a positive amount (gross adds the day's amounts >= 0).
      if (day[k]! > from && gross[k]! > 0) bought = true;
    }
    if (first < 0 || day[first]! > from) continue;
    customers += 1;
    if (bought) buyers += 1;
  }
  return { customers, buyers };
}

/** Why a window cannot be used for labels, or undefined when it can. */
export function windowShortfall(counts: WindowCounts, minCustomers: number, minClass: number, what: string): string | undefined {
  if (counts.customers === 0) return `${what}: no customer had ordered by its start (the history is shorter than the window needs)`;
  if (counts.customers < minCustomers) return `${what}: only ${counts.customers} customers (at least ${minCustomers} needed)`;
  const nonBuyers = counts.customers - counts.buyers;
  if (Math.min(counts.buyers, nonBuyers) < minClass) {
    return `${what}: ${counts.buyers} buyers and ${nonBuyers} non-buyers (at least ${minClass} of each needed)`;
  }
  return undefined;
}
