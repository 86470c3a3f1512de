import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { checkedColumnNames, writeFeatureColumns, type CustomerColumns } from './extra-feature-columns.js';
import { epochDay, isoDay } from './dates.js';
import type { FeatureFrame, FeatureVocabulary } from './feature-frame.js';
import { customerHistories, loadPurchaseHistory, WINDOWS_DAYS, type CustomerHistories, type PurchaseHistory } from './purchase-history.js';
import { categoryLevelsSql, chooseVocabulary } from './vocabulary.js';

const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);

const window90 = WINDOWS_DAYS.indexOf(90);

/** The behaviour features' names, in column order (behaviourWriter writes them in this order). */
export const BEHAVIOUR_FEATURE_NAMES: readonly string[] = [
  'log_recency',
  'log_tenure',
  'log_frequency',
  'log_monetary',
  'log_avg_order_value',
  'log_max_order_value',
  'order_value_cv',
  'one_time_buyer',
  'log_mean_gap',
  'gap_cv',
  'recency_over_gap',
  'orders_per_month',
  'spend_trend_90d',
  ...WINDOWS_DAYS.flatMap((w) => [`log_orders_${w}d`, `log_spend_${w}d`]),
];

/**
 * Writes customer i's behaviour features (BEHAVIOUR_FEATURE_NAMES, in order) at out[at...], a
 * value that is not finite as 0. One pass per customer row, each column's arrays read once.
 */
function behaviourWriter(c: CustomerHistories, cutoff: number): (i: number, out: Float32Array, at: number) => void {
  const { days: daysOf, total: totalOf, lastDay, firstDay, maxDaySpend, stdDaySpend, meanGap: meanGapOf, stdGap, spendPrevious90, windowDays, windowSpend } = c;
  const spend90 = windowSpend[window90]!;
  return (i, out, at) => {
    const days = daysOf[i]!;
    const total = totalOf[i]!;
    const meanGap = meanGapOf[i]!;
    const recency = cutoff - lastDay[i]!;
    const tenure = cutoff - firstDay[i]!;
    const average = total / days;
    out[at] = orZero(Math.log(1 + recency));
    out[at + 1] = orZero(Math.log(1 + tenure));
    out[at + 2] = orZero(Math.log(days));
    out[at + 3] = orZero(Math.log(1 + total));
    out[at + 4] = orZero(Math.log(1 + average));
    out[at + 5] = orZero(Math.log(1 + maxDaySpend[i]!));
    out[at + 6] = orZero(stdDaySpend[i]! / Math.max(average, 1e-9));
    out[at + 7] = days === 1 ? 1 : 0;
    out[at + 8] = orZero(Math.log(1 + meanGap));
    out[at + 9] = orZero(orZero(stdGap[i]!) / Math.max(orZero(meanGap), 1));
    out[at + 10] = orZero(Math.log(1 + recency / (meanGap + 1)));
    out[at + 11] = orZero(Math.log(1 + (30 * days) / (tenure + 30)));
    out[at + 12] = orZero(Math.log(1 + spend90[i]!) - Math.log(1 + spendPrevious90[i]!));
    for (let k = 0; k < windowDays.length; k += 1) {
      out[at + 13 + 2 * k] = orZero(Math.log(1 + windowDays[k]![i]!));
      out[at + 14 + 2 * k] = orZero(Math.log(1 + windowSpend[k]![i]!));
    }
  };
}

const profileFeatures = (asOf: string): Record<string, string> => ({
  has_profile: 'CAST(p.customer_id IS NOT NULL AS DOUBLE)',
  has_email: 'CAST(p.email IS NOT NULL AS DOUBLE)',
  has_phone: 'CAST(p.phone IS NOT NULL AS DOUBLE)',
  log_signup_age: `COALESCE(ln(1 + greatest(datediff('day', CAST(p.signup_date AS DATE), DATE ${sqlString(asOf)}), 0)), 0)`,
});

/**
 * Features of every customer with at least one purchase day on or before `asOf`, read only from
 * orders up to that day, so the same function builds training rows (asOf = cut-off) and
 * scoring rows without leaking the future. Behaviour comes from the purchase history (one pass
 * over typed arrays; pass `history` to share one read between cut-offs), profile columns from
 * the `customers` table.
 */
export async function computeFeatures(
  db: DuckDbSession,
  asOfInput: string,
  vocabulary?: FeatureVocabulary,
  history?: PurchaseHistory,
): Promise<{ frame: FeatureFrame; vocabulary: FeatureVocabulary }> {
  const asOf = isoDay(asOfInput);
  const vocab = vocabulary ?? (await chooseVocabulary(db));
  return { frame: await featuresOf(db, customerHistories(history ?? (await loadPurchaseHistory(db)), asOf), vocab), vocabulary: vocab };
}

/**
 * The features of customers whose history up to a cut-off is already summed up; profile columns
 * from `customers`, then the `extra` columns when given (they must cover the customers in order, with a finite value each: a misaligned join would quietly ruin a model).
 */
export async function featuresOf(db: DuckDbSession, customers: CustomerHistories, vocabulary: FeatureVocabulary, extra?: CustomerColumns): Promise<FeatureFrame> {
  const { asOf } = customers;
  const profile = await profileColumns(db, asOf, vocabulary);
  const ownNames = [...BEHAVIOUR_FEATURE_NAMES, ...profile.names];
  const extraNames = extra ? checkedColumnNames(customers.customerIds, ownNames, extra) : [];
  const featureNames = [...ownNames, ...extraNames];
  const width = featureNames.length;
  const behaviour = BEHAVIOUR_FEATURE_NAMES.length;
  const rows = customers.customerIds.length;
  const values = new Float32Array(rows * width);
  const cutoff = epochDay(asOf);
  const rfm = { recencyDays: new Float64Array(rows), frequency: new Float64Array(rows), monetary: new Float64Array(rows) };
  const writeBehaviour = behaviourWriter(customers, cutoff);
  for (let i = 0; i < rows; i += 1) {
    writeBehaviour(i, values, i * width);
    const p = profile.rows.size > 0 ? profile.rows.get(customers.customerIds[i]!) : undefined;
    if (p !== undefined) {
      for (let j = 0; j < profile.names.length; j += 1) values[i * width + behaviour + j] = profile.values[p * profile.names.length + j]!;
    }
    rfm.recencyDays[i] = cutoff - customers.lastDay[i]!;
    rfm.frequency[i] = customers.days[i]!;
    rfm.monetary[i] = customers.total[i]!;
  }
  // Written in place: appending them afterwards would copy the whole matrix once more.
  if (extra) writeFeatureColumns(values, width, ownNames.length, customers.customerIds, extra, extraNames);
  return { asOf, customerIds: customers.customerIds, featureNames, values, rfm };
}

/** Profile features of every customer with a profile, row-major, found by customer id. */
async function profileColumns(db: DuckDbSession, asOf: string, vocabulary: FeatureVocabulary) {
  const expressions = { ...profileFeatures(asOf), ...categoryLevelsSql(vocabulary) };
  const names = Object.keys(expressions);
  const select = Object.entries(expressions).map(([name, sql]) => `CAST(COALESCE(${sql}, 0) AS FLOAT) AS "${name}"`).join(', ');
  const columns = await db.columnar(`SELECT p.customer_id, ${select} FROM customers p WHERE p.customer_id IS NOT NULL`);
  const ids = columns.texts('customer_id');
  const rows = new Map<string, number>();
  ids.forEach((id, r) => {
    if (!rows.has(id!)) rows.set(id!, r);
  });
  const values = new Float32Array(ids.length * names.length);
  names.forEach((name, j) => {
    const column = columns.numbers(name);
    for (let r = 0; r < ids.length; r += 1) values[r * names.length + j] = column[r]!;
  });
  return { names, rows, values };
}
