import type { DuckDbSession } from '../duckdb/duckdb-session.js';
import { netSpendInWindowSql } from './purchase-days-sql.js';

/**
 * Net spend of each customer who purchased in (after, until]; customers without a purchase in the
 * window are absent (spend 0). A customer counts as churned in the window when this is 0.
 */
export async function spendInWindow(db: DuckDbSession, after: string, until: string): Promise<Map<string, number>> {
  const rows = await db.rows<{ customer_id: string; spend: number }>(netSpendInWindowSql(after, until));
  return new Map(rows.map((r) => [r.customer_id, r.spend]));
}

/** First and last order day in the data, or null when there are no orders. */
export async function orderDateRange(db: DuckDbSession): Promise<{ first: string; last: string } | null> {
  const [row] = await db.rows<{ first: string | null; last: string | null }>(`
    SELECT strftime(min(order_date), '%Y-%m-%d') AS first, strftime(max(order_date), '%Y-%m-%d') AS last FROM orders`);
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}
