import type { DuckDbSession } from '../duckdb/duckdb-session.js';
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

/** Profile features that do not depend on the cut-off, as SQL over `customers p`. */
const STATIC_PROFILE_FEATURES: Record<string, string> = {
  has_profile: 'CAST(p.customer_id IS NOT NULL AS DOUBLE)',
  has_email: 'CAST(p.email IS NOT NULL AS DOUBLE)',
  has_phone: 'CAST(p.phone IS NOT NULL AS DOUBLE)',
};

/** ln(1 + days from signup to the cut-off, at least 0); 0 without a signup day (NaN). */
const logSignupAge = (signupDay: number, cutoff: number): number => (Number.isNaN(signupDay) ? 0 : Math.log(1 + Math.max(cutoff - signupDay, 0)));

/** The profile columns' names, in column order: the static ones, the signup age, the category levels. */
const profileNames = (vocabulary: FeatureVocabulary): string[] => [...Object.keys(STATIC_PROFILE_FEATURES), 'log_signup_age', ...Object.keys(categoryLevelsSql(vocabulary))];

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
  const profile = await historyProfiles(db, customers.history, vocabulary);
  const ownNames = [...BEHAVIOUR_FEATURE_NAMES, ...profile.names];
  const extraNames = extra ? checkedColumnNames(customers.customerIds, ownNames, extra) : [];
  const featureNames = [...ownNames, ...extraNames];
  const width = featureNames.length;
  const behaviour = BEHAVIOUR_FEATURE_NAMES.length;
  const profileWidth = profile.names.length;
  const signupAt = behaviour + profile.signupColumn;
  const rows = customers.customerIds.length;
  const values = new Float32Array(rows * width);
  const cutoff = epochDay(asOf);
  const rfm = { recencyDays: new Float64Array(rows), frequency: new Float64Array(rows), monetary: new Float64Array(rows) };
  const writeBehaviour = behaviourWriter(customers, cutoff);
  const { historyRows } = customers;
  for (let i = 0; i < rows; i += 1) {
    const at = i * width;
    writeBehaviour(i, values, at);
    const h = historyRows[i]!;
    if (profile.hasProfile[h]) {
      values.set(profile.values.subarray(h * profileWidth, (h + 1) * profileWidth), at + behaviour);
      values[at + signupAt] = logSignupAge(profile.signupDay[h]!, cutoff);
    }
    rfm.recencyDays[i] = cutoff - customers.lastDay[i]!;
    rfm.frequency[i] = customers.days[i]!;
    rfm.monetary[i] = customers.total[i]!;
  }
  // Written in place: appending them afterwards would copy the whole matrix once more.
  if (extra) writeFeatureColumns(values, width, ownNames.length, customers.customerIds, extra, extraNames);
  return { asOf, customerIds: customers.customerIds, featureNames, values, rfm };
}

/** Each history customer's profile columns (the signup age left to each cut-off), row-major in history order. */
interface HistoryProfiles {
  names: string[];
  /** Where log_signup_age is among the profile columns. */
  signupColumn: number;
  /** 1 for a history customer with a profile. */
  hasProfile: Uint8Array;
  values: Float32Array;
  /** Days since 1970-01-01 of each history customer's signup; NaN without one. */
  signupDay: Float64Array;
}

/**
 * Profiles are read and matched to the history's customers once per history and vocabulary, not
 * once per frame: at a million customers the read and the match by id cost 2.2 s, three times
 * over in a fit. Kept for as long as the history is (a fit's).
 */
const profilesByHistory = new WeakMap<PurchaseHistory, { vocabulary: string; profiles: HistoryProfiles }>();

async function historyProfiles(db: DuckDbSession, history: PurchaseHistory, vocabulary: FeatureVocabulary): Promise<HistoryProfiles> {
  const key = JSON.stringify(vocabulary);
  const known = profilesByHistory.get(history);
  if (known?.vocabulary === key) return known.profiles;
  const profiles = await readHistoryProfiles(db, history, vocabulary);
  profilesByHistory.set(history, { vocabulary: key, profiles });
  return profiles;
}

async function readHistoryProfiles(db: DuckDbSession, history: PurchaseHistory, vocabulary: FeatureVocabulary): Promise<HistoryProfiles> {
  const names = profileNames(vocabulary);
  const stored = Object.entries({ ...STATIC_PROFILE_FEATURES, ...categoryLevelsSql(vocabulary) });
  const select = stored.map(([name, sql]) => `CAST(COALESCE(${sql}, 0) AS FLOAT) AS "${name}"`).join(', ');
  const columns = await db.columnar(`
    SELECT p.customer_id, CAST(datediff('day', DATE '1970-01-01', CAST(p.signup_date AS DATE)) AS DOUBLE) AS signup_day, ${select}
    FROM customers p WHERE p.customer_id IS NOT NULL`);
  const customers = history.customerIds.length;
  // Without profiles (a backtest, an orders-only upload) there is nothing to match: a million ids in a map cost 0.7 s.
  const numberOf = new Map<string, number>();
  if (columns.rowCount > 0) for (let c = 0; c < customers; c += 1) numberOf.set(history.customerIds[c]!, c);
  const width = names.length;
  const signupColumn = names.indexOf('log_signup_age');
  const hasProfile = new Uint8Array(customers);
  const values = new Float32Array(customers * width);
  const signupDay = new Float64Array(customers).fill(Number.NaN);
  const ids = columns.texts('customer_id');
  const read = stored.map(([name]) => ({ column: columns.numbers(name), at: names.indexOf(name) }));
  const signup = columns.numbers('signup_day');
  for (let r = 0; r < ids.length; r += 1) {
    const c = numberOf.get(ids[r]!);
    // The first row of an id counts (the customers table holds one per id; this keeps the rule if not).
    if (c === undefined || hasProfile[c]) continue;
    hasProfile[c] = 1;
    for (const { column, at } of read) values[c * width + at] = column[r]!;
    signupDay[c] = signup[r]!;
  }
  return { names, signupColumn, hasProfile, values, signupDay };
}

