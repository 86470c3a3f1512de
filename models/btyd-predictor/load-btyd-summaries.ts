import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { isoDay } from '../features/dates.js';
import { purchaseDaysSql } from '../features/purchase-days-sql.js';
import type { BtydSummaries } from './btyd-summaries.js';

/**
 * Reads (x, tx, T, mx) of every customer with an order on or before `asOf` from the `orders`
 * table. Orders are summed per customer-day first, as the CDNOW analyses count transactions and
 * as computeFeatures does, so split shipments and line items do not inflate frequency; returns
 * are netted as purchaseDaysSql says.
 */
export async function loadBtydSummaries(db: DuckDbSession, asOfInput: string): Promise<BtydSummaries> {
  const asOf = isoDay(asOfInput);
  const day = `DATE ${sqlString(asOf)}`;
  const columns = await db.columnar(`
    WITH daily AS (${purchaseDaysSql(asOf)})
    SELECT customer_id,
      CAST(count(*) - 1 AS DOUBLE) AS x,
      CAST(datediff('day', min(day), max(day)) AS DOUBLE) AS tx,
      CAST(datediff('day', min(day), ${day}) AS DOUBLE) AS "T",
      CAST(COALESCE((sum(amount) - arg_min(amount, day)) / nullif(count(*) - 1, 0), 0) AS DOUBLE) AS mx,
      CAST(arg_min(amount, day) AS DOUBLE) AS first_spend
    FROM daily GROUP BY customer_id ORDER BY customer_id`);
  return {
    asOf,
    customerIds: columns.texts('customer_id') as string[],
    x: columns.numbers('x'),
    tx: columns.numbers('tx'),
    T: columns.numbers('T'),
    mx: columns.numbers('mx'),
    firstSpend: columns.numbers('first_spend'),
  };
}
