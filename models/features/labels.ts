import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { netSpendInWindowSql } from './purchase-days-sql.js';

/**
 * Net spend of each customer who purchased in (after, until]; customers without a purchase in the
 * window are absent (spend 0). A customer counts as churned in the window when this is 0.
 */
export async function spendInWindow(db: DuckDbSession, after: string, until: string): Promise<Map<string, number>> {
  const result = await db.columnar(`SELECT customer_id, CAST(spend AS DOUBLE) AS spend FROM (${netSpendInWindowSql(after, until)})`);
  const ids = result.texts('customer_id');
  const spend = result.numbers('spend');
  const byCustomer = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1) byCustomer.set(ids[i]!, spend[i]!);
  return byCustomer;
}

/** First and last order day in the data, or null when there are no orders. */
export async function orderDateRange(db: DuckDbSession): Promise<{ first: string; last: string } | null> {
  const [row] = await db.rows<{ first: string | null; last: string | null }>(`
    SELECT strftime(min(order_date), '%Y-%m-%d') AS first, strftime(max(order_date), '%Y-%m-%d') AS last FROM orders`);
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}
