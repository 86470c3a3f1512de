import { sqlString } from '../../models/duckdb/duckdb-session.js';
import { purchaseDaysSql } from '../../models/features/purchase-days-sql.js';

export const WINDOWS_DAYS = [30, 90, 180, 365] as const;

/**
 * The SQL that computed the features and BG/NBD summaries before they moved to one pass over
 * typed arrays (models/features/purchase-history.ts); kept as the reference the new code must
 * agree with.
 *
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

export const REFERENCE_BEHAVIOUR_FEATURES: Record<string, string> = {
  log_recency: 'ln(1 + recency_days)',
  log_tenure: 'ln(1 + tenure_days)',
  log_frequency: 'ln(frequency)',
  log_monetary: 'ln(1 + monetary)',
  log_avg_order_value: 'ln(1 + avg_order_value)',
  log_max_order_value: 'ln(1 + max_order_value)',
  order_value_cv: 'std_order_value / greatest(avg_order_value, 1e-9)',
  one_time_buyer: 'CAST(frequency = 1 AS DOUBLE)',
  log_mean_gap: 'COALESCE(ln(1 + mean_gap_days), 0)',
  gap_cv: 'COALESCE(std_gap_days / greatest(mean_gap_days, 1), 0)',
  recency_over_gap: 'COALESCE(ln(1 + recency_days / (mean_gap_days + 1)), 0)',
  orders_per_month: 'ln(1 + 30 * frequency / (tenure_days + 30))',
  spend_trend_90d: 'ln(1 + spend_90d) - ln(1 + spend_prev_90d)',
  ...Object.fromEntries(
    WINDOWS_DAYS.flatMap((w) => [
      [`log_orders_${w}d`, `ln(1 + orders_${w}d)`],
      [`log_spend_${w}d`, `ln(1 + spend_${w}d)`],
    ]),
  ),
};

/** The reference summaries: (x, tx, T, mx, first_spend) per customer, ordered by id. */
export function referenceSummariesSql(asOf: string): string {
  const day = `DATE ${sqlString(asOf)}`;
  return `
    WITH daily AS (${purchaseDaysSql(asOf)})
    SELECT customer_id,
      CAST(count(*) - 1 AS DOUBLE) AS x,
      CAST(datediff('day', min(day), max(day)) AS DOUBLE) AS tx,
      CAST(datediff('day', min(day), ${day}) AS DOUBLE) AS "T",
      CAST(COALESCE((sum(amount) - arg_min(amount, day)) / nullif(count(*) - 1, 0), 0) AS DOUBLE) AS mx,
      CAST(arg_min(amount, day) AS DOUBLE) AS first_spend
    FROM daily GROUP BY customer_id ORDER BY customer_id`;
}

/** The reference behaviour features (CAST to FLOAT as before) and RFM inputs, ordered by id. */
export function referenceBehaviourFeaturesSql(asOf: string): string {
  const select = Object.entries(REFERENCE_BEHAVIOUR_FEATURES)
    .map(([name, sql]) => `CAST(COALESCE(${sql}, 0) AS FLOAT) AS "${name}"`)
    .join(',\n  ');
  return `WITH b AS (${behaviourSql(asOf)}) SELECT b.customer_id, b.recency_days, b.frequency, b.monetary, ${select} FROM b ORDER BY b.customer_id`;
}
