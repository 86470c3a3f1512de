import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { isoDay } from './dates.js';
import type { FeatureFrame, FeatureVocabulary } from './feature-frame.js';
import { customerHistories, epochDay, loadPurchaseHistory, WINDOWS_DAYS, type CustomerHistories, type PurchaseHistory } from './purchase-history.js';
import { categoryLevelsSql, chooseVocabulary } from './vocabulary.js';

/** One customer's behaviour as the features read it (row `i` of CustomerHistories). */
interface Behaviour {
  recency: number;
  tenure: number;
  frequency: number;
  monetary: number;
  average: number;
  max: number;
  std: number;
  /** NaN with a single purchase day. */
  meanGap: number;
  stdGap: number;
  spend90: number;
  spendPrevious90: number;
  windows: { days: number; spend: number }[];
}

const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);

const BEHAVIOUR_FEATURES: [string, (b: Behaviour) => number][] = [
  ['log_recency', (b) => Math.log(1 + b.recency)],
  ['log_tenure', (b) => Math.log(1 + b.tenure)],
  ['log_frequency', (b) => Math.log(b.frequency)],
  ['log_monetary', (b) => Math.log(1 + b.monetary)],
  ['log_avg_order_value', (b) => Math.log(1 + b.average)],
  ['log_max_order_value', (b) => Math.log(1 + b.max)],
  ['order_value_cv', (b) => b.std / Math.max(b.average, 1e-9)],
  ['one_time_buyer', (b) => (b.frequency === 1 ? 1 : 0)],
  ['log_mean_gap', (b) => orZero(Math.log(1 + b.meanGap))],
  ['gap_cv', (b) => orZero(orZero(b.stdGap) / Math.max(orZero(b.meanGap), 1))],
  ['recency_over_gap', (b) => orZero(Math.log(1 + b.recency / (b.meanGap + 1)))],
  ['orders_per_month', (b) => Math.log(1 + (30 * b.frequency) / (b.tenure + 30))],
  ['spend_trend_90d', (b) => Math.log(1 + b.spend90) - Math.log(1 + b.spendPrevious90)],
  ...WINDOWS_DAYS.flatMap((w, k): [string, (b: Behaviour) => number][] => [
    [`log_orders_${w}d`, (b) => Math.log(1 + b.windows[k]!.days)],
    [`log_spend_${w}d`, (b) => Math.log(1 + b.windows[k]!.spend)],
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
  const customers = customerHistories(history ?? (await loadPurchaseHistory(db)), asOf);
  const profile = await profileColumns(db, asOf, vocab);
  const featureNames = [...BEHAVIOUR_FEATURES.map(([name]) => name), ...profile.names];
  const width = featureNames.length;
  const rows = customers.customerIds.length;
  const values = new Float32Array(rows * width);
  const cutoff = epochDay(asOf);
  const rfm = { recencyDays: new Float64Array(rows), frequency: new Float64Array(rows), monetary: new Float64Array(rows) };
  for (let i = 0; i < rows; i += 1) {
    const b = behaviourOf(customers, i, cutoff);
    BEHAVIOUR_FEATURES.forEach(([, feature], j) => (values[i * width + j] = orZero(feature(b))));
    const p = profile.rows.get(customers.customerIds[i]!);
    if (p !== undefined) {
      for (let j = 0; j < profile.names.length; j += 1) values[i * width + BEHAVIOUR_FEATURES.length + j] = profile.values[p * profile.names.length + j]!;
    }
    rfm.recencyDays[i] = b.recency;
    rfm.frequency[i] = b.frequency;
    rfm.monetary[i] = b.monetary;
  }
  return { frame: { asOf, customerIds: customers.customerIds, featureNames, values, rfm }, vocabulary: vocab };
}

function behaviourOf(c: CustomerHistories, i: number, cutoff: number): Behaviour {
  const frequency = c.days[i]!;
  return {
    recency: cutoff - c.lastDay[i]!,
    tenure: cutoff - c.firstDay[i]!,
    frequency,
    monetary: c.total[i]!,
    average: c.total[i]! / frequency,
    max: c.maxDaySpend[i]!,
    std: c.stdDaySpend[i]!,
    meanGap: c.meanGap[i]!,
    stdGap: c.stdGap[i]!,
    spend90: c.windows.get(90)!.spend[i]!,
    spendPrevious90: c.spendPrevious90[i]!,
    windows: WINDOWS_DAYS.map((w) => ({ days: c.windows.get(w)!.days[i]!, spend: c.windows.get(w)!.spend[i]! })),
  };
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
