import { sqlString } from '../duckdb/duckdb-session.js';
import { purchaseDaysSql } from './purchase-days-sql.js';

export const WINDOWS_DAYS = [30, 90, 180, 365] as const;

/**
 * Per-customer behaviour as of a day, from the `orders` view. Orders are collapsed to one
 * transaction per customer-day first: line-item extracts and split shipments otherwise
 * inflate frequency, and the probabilistic models count repeat purchases per day as well.
 * Returns are netted as purchaseDaysSql says.
 */
export function behaviourSql(asOf: string): string {
  const day = `DATE ${sqlString(asOf)}`;
  const windows = WINDOWS_DAYS.map(
    (w) => `CAST(count(*) FILTER (WHERE day > ${day} - ${w}) AS DOUBLE) AS orders_${w}d,
      COALESCE(sum(amount) FILTER (WHERE day > ${day} - ${w}), 0) AS spend_${w}d`,
  ).join(',\n      ');
  return `
  WITH daily AS (${purchaseDaysSql(asOf)}),
  gaps AS (
    SELECT *, datediff('day', lag(day) OVER (PARTITION BY customer_id ORDER BY day), day) AS gap FROM daily
  )
  SELECT customer_id,
      CAST(datediff('day', max(day), ${day}) AS DOUBLE) AS recency_days,
      CAST(datediff('day', min(day), ${day}) AS DOUBLE) AS tenure_days,
      CAST(count(*) AS DOUBLE) AS frequency,
      sum(amount) AS monetary,
      avg(amount) AS avg_order_value,
      max(amount) AS max_order_value,
      COALESCE(stddev_pop(amount), 0) AS std_order_value,
      avg(gap) AS mean_gap_days,
      COALESCE(stddev_pop(gap), 0) AS std_gap_days,
      COALESCE(sum(amount) FILTER (WHERE day > ${day} - 180 AND day <= ${day} - 90), 0) AS spend_prev_90d,
      ${windows}
  FROM gaps GROUP BY customer_id`;
}
