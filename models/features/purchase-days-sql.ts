import { sqlString } from '../duckdb/duckdb-session.js';

/**
 * One row per customer and purchase day on or before `asOf`: `(customer_id, day, amount)`, the
 * `orders` table's rule for returns in one place (features and BG/NBD + Gamma-Gamma read it).
 *
 * - A purchase is an order with amount >= 0; zero-amount orders (free items, full discounts) are
 *   purchases worth 0: they count for frequency and recency.
 * - A return (a negative amount, which a cancellation invoice always has after ingest) is not a
 *   purchase: it never counts for frequency or recency.
 * - Returns are netted against the customer's purchases up to `asOf`: every purchase day's value
 *   is scaled by max(0, purchases - returns) / purchases, so the customer's historic value is net
 *   of returns and never negative, and per-day values (averages, Gamma-Gamma) stay non-negative.
 *
 * Without returns the ratio is exactly 1 and the values are the days' sums as they were.
 */
export function purchaseDaysSql(asOf: string): string {
  const day = `DATE ${sqlString(asOf)}`;
  return `
    WITH upto AS (
      SELECT customer_id, CAST(order_date AS DATE) AS day, amount FROM orders WHERE CAST(order_date AS DATE) <= ${day}
    ),
    purchase_days AS (SELECT customer_id, day, sum(amount) AS gross FROM upto WHERE amount >= 0 GROUP BY ALL),
    gross_totals AS (SELECT customer_id, sum(gross) AS gross_total FROM purchase_days GROUP BY ALL),
    returns AS (SELECT customer_id, -sum(amount) AS returned FROM upto WHERE amount < 0 GROUP BY ALL)
    SELECT p.customer_id, p.day,
      CASE WHEN r.returned IS NULL THEN p.gross
           WHEN t.gross_total > 0 THEN p.gross * greatest(t.gross_total - r.returned, 0) / t.gross_total
           ELSE 0 END AS amount
    FROM purchase_days p JOIN gross_totals t USING (customer_id) LEFT JOIN returns r USING (customer_id)`;
}

/**
 * Net spend in (after, until] of every customer who purchased in it: purchases minus returns, at
 * least 0. Added as decimals (amounts to the millionth), exactly: the same rows in any order give
 * the same spend, and returns that cancel the purchases leave exactly 0.
 */
export function netSpendInWindowSql(after: string, until: string): string {
  return `
    SELECT customer_id, greatest(CAST(sum(CAST(amount AS DECIMAL(38, 6))) AS DOUBLE), 0) AS spend FROM orders
    WHERE CAST(order_date AS DATE) > DATE ${sqlString(after)} AND CAST(order_date AS DATE) <= DATE ${sqlString(until)}
    GROUP BY customer_id HAVING bool_or(amount >= 0)`;
}
