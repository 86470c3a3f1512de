import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { epochDay, isoDay } from './dates.js';
import type { FeatureFrame, FeatureVocabulary } from './feature-frame.js';
import { customerHistories, loadPurchaseHistory, WINDOWS_DAYS, type CustomerHistories, type PurchaseHistory } from './purchase-history.js';
import { categoryLevelsSql, chooseVocabulary } from './vocabulary.js';

const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);

type Feature = (c: CustomerHistories, i: number, cutoff: number) => number;
const recency: Feature = (c, i, cutoff) => cutoff - c.lastDay[i]!;
const tenure: Feature = (c, i, cutoff) => cutoff - c.firstDay[i]!;
const average: Feature = (c, i) => c.total[i]! / c.days[i]!;
const window90 = WINDOWS_DAYS.indexOf(90);

/** The behaviour features, in column order; each reads one customer's row of CustomerHistories. */
const BEHAVIOUR_FEATURES: [string, Feature][] = [
  ['log_recency', (c, i, t) => Math.log(1 + recency(c, i, t))],
  ['log_tenure', (c, i, t) => Math.log(1 + tenure(c, i, t))],
  ['log_frequency', (c, i) => Math.log(c.days[i]!)],
  ['log_monetary', (c, i) => Math.log(1 + c.total[i]!)],
  ['log_avg_order_value', (c, i, t) => Math.log(1 + average(c, i, t))],
  ['log_max_order_value', (c, i) => Math.log(1 + c.maxDaySpend[i]!)],
  ['order_value_cv', (c, i, t) => c.stdDaySpend[i]! / Math.max(average(c, i, t), 1e-9)],
  ['one_time_buyer', (c, i) => (c.days[i] === 1 ? 1 : 0)],
  ['log_mean_gap', (c, i) => orZero(Math.log(1 + c.meanGap[i]!))],
  ['gap_cv', (c, i) => orZero(orZero(c.stdGap[i]!) / Math.max(orZero(c.meanGap[i]!), 1))],
  ['recency_over_gap', (c, i, t) => orZero(Math.log(1 + recency(c, i, t) / (c.meanGap[i]! + 1)))],
  ['orders_per_month', (c, i, t) => Math.log(1 + (30 * c.days[i]!) / (tenure(c, i, t) + 30))],
  ['spend_trend_90d', (c, i) => Math.log(1 + c.windowSpend[window90]![i]!) - Math.log(1 + c.spendPrevious90[i]!)],
  ...WINDOWS_DAYS.flatMap((w, k): [string, Feature][] => [
    [`log_orders_${w}d`, (c, i) => Math.log(1 + c.windowDays[k]![i]!)],
    [`log_spend_${w}d`, (c, i) => Math.log(1 + c.windowSpend[k]![i]!)],
  ]),
];

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

/** The features of customers whose history up to a cut-off is already summed up; profile columns from `customers`. */
export async function featuresOf(db: DuckDbSession, customers: CustomerHistories, vocabulary: FeatureVocabulary): Promise<FeatureFrame> {
  const { asOf } = customers;
  const profile = await profileColumns(db, asOf, vocabulary);
  const featureNames = [...BEHAVIOUR_FEATURES.map(([name]) => name), ...profile.names];
  const width = featureNames.length;
  const rows = customers.customerIds.length;
  const values = new Float32Array(rows * width);
  const cutoff = epochDay(asOf);
  const rfm = { recencyDays: new Float64Array(rows), frequency: new Float64Array(rows), monetary: new Float64Array(rows) };
  BEHAVIOUR_FEATURES.forEach(([, feature], j) => {
    for (let i = 0; i < rows; i += 1) values[i * width + j] = orZero(feature(customers, i, cutoff));
  });
  for (let i = 0; i < rows; i += 1) {
    const p = profile.rows.get(customers.customerIds[i]!);
    if (p !== undefined) {
      for (let j = 0; j < profile.names.length; j += 1) values[i * width + BEHAVIOUR_FEATURES.length + j] = profile.values[p * profile.names.length + j]!;
    }
    rfm.recencyDays[i] = recency(customers, i, cutoff);
    rfm.frequency[i] = customers.days[i]!;
    rfm.monetary[i] = customers.total[i]!;
  }
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
