import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { behaviourSql, WINDOWS_DAYS } from './customer-features-sql.js';
import { isoDay } from './dates.js';
import type { FeatureFrame, FeatureVocabulary } from './feature-frame.js';
import { categoryLevelsSql, chooseVocabulary } from './vocabulary.js';

const behaviourFeatures: Record<string, string> = {
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

const profileFeatures = (asOf: string): Record<string, string> => ({
  has_profile: 'CAST(p.customer_id IS NOT NULL AS DOUBLE)',
  has_email: 'CAST(p.email IS NOT NULL AS DOUBLE)',
  has_phone: 'CAST(p.phone IS NOT NULL AS DOUBLE)',
  log_signup_age: `COALESCE(ln(1 + greatest(datediff('day', CAST(p.signup_date AS DATE), DATE ${sqlString(asOf)}), 0)), 0)`,
});

/**
 * Features of every customer with at least one order on or before `asOf`, read only from
 * orders up to that day, so the same function builds training rows (asOf = cut-off) and
 * scoring rows without leaking the future.
 */
export async function computeFeatures(
  db: DuckDbSession,
  asOfInput: string,
  vocabulary?: FeatureVocabulary,
): Promise<{ frame: FeatureFrame; vocabulary: FeatureVocabulary }> {
  const asOf = isoDay(asOfInput);
  const vocab = vocabulary ?? (await chooseVocabulary(db));
  const expressions = { ...behaviourFeatures, ...profileFeatures(asOf), ...categoryLevelsSql(vocab) };
  const select = Object.entries(expressions)
    .map(([name, sql]) => `CAST(COALESCE(${sql}, 0) AS FLOAT) AS "${name}"`)
    .join(',\n  ');
  const columns = await db.columnar(`
    WITH b AS (${behaviourSql(asOf)})
    SELECT b.customer_id, b.recency_days, b.frequency, b.monetary, ${select}
    FROM b LEFT JOIN customers p ON p.customer_id = b.customer_id
    ORDER BY b.customer_id`);
  const featureNames = Object.keys(expressions);
  const customerIds = columns.texts('customer_id') as string[];
  const values = new Float32Array(customerIds.length * featureNames.length);
  featureNames.forEach((name, j) => {
    const column = columns.numbers(name);
    for (let i = 0; i < customerIds.length; i += 1) values[i * featureNames.length + j] = column[i]!;
  });
  const rfm = { recencyDays: columns.numbers('recency_days'), frequency: columns.numbers('frequency'), monetary: columns.numbers('monetary') };
  return { frame: { asOf, customerIds, featureNames, values, rfm }, vocabulary: vocab };
}
