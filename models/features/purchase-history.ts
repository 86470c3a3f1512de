import type { DuckDbSession, NumericChunks } from '../duckdb/duckdb-session.js';
import { epochDay } from './dates.js';
import { FeatureInputError } from './errors.js';
import { WindowSpend } from './window-spend.js';

/**
 * Every customer's order days as typed arrays, read from the `orders` table once: the features
 * and the BG/NBD summaries of any cut-off are then single passes over these arrays (sums in a
 * fixed order, so the same data give the same bits). Customers are in DuckDB's VARCHAR order,
 * the order every per-customer result of this project uses.
 */
export interface PurchaseHistory {
  customerIds: string[];
  /** Customer c's days are rows offsets[c] .. offsets[c + 1] - 1, in ascending day order. */
  offsets: Int32Array;
  /** Days since 1970-01-01. */
  day: Int32Array;
  /** Sum of the day's orders with amount >= 0. */
  gross: Float64Array;
  /** 1 when the day has an order with amount >= 0 (a purchase, zero-amount orders included). */
  purchased: Uint8Array;
  /** Sum of the day's returns, as a positive number. */
  returned: Float64Array;
}

/** Per customer with a purchase day on or before the cut-off (the `customers` rows, in history order). */
export interface CustomerHistories {
  asOf: string;
  customerIds: string[];
  /** The history these rows come from, and each row's customer number in it (its row in history.customerIds). */
  history: PurchaseHistory;
  historyRows: Int32Array;
  /** Purchase days: frequency in the features' sense (all days), x + 1 in BG/NBD's. */
  days: Float64Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Net of returns (purchaseDays' rule), never negative. */
  total: Float64Array;
  firstDaySpend: Float64Array;
  maxDaySpend: Float64Array;
  /** Population standard deviation of the day amounts. */
  stdDaySpend: Float64Array;
  /** Mean and population standard deviation of the gaps between consecutive purchase days; NaN with one day. */
  meanGap: Float64Array;
  stdGap: Float64Array;
  /** Purchase days and net spend with day > asOf - w, for each w of WINDOWS_DAYS (same order). */
  windowDays: Float64Array[];
  windowSpend: Float64Array[];
  /** Net spend of the days in (asOf - 180, asOf - 90]. */
  spendPrevious90: Float64Array;
}

/** Numbers each read's temporary table: reads may run at once on one session (scoring beside training). */
let reads = 0;

export async function loadPurchaseHistory(db: DuckDbSession): Promise<PurchaseHistory> {
  const table = `purchase_history_customers_${(reads += 1)}`;
  const valid = (o: string) => `${o}customer_id IS NOT NULL AND ${o}order_date IS NOT NULL AND ${o}amount IS NOT NULL`;
  // Customers are numbered first, so each id string crosses into JS once rather than once per
  // order; their order counts place each order in one pass over the orders.
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS
    SELECT customer_id, CAST(row_number() OVER (ORDER BY customer_id) - 1 AS INTEGER) AS c, CAST(count(*) AS INTEGER) AS orders
    FROM orders WHERE ${valid('')} GROUP BY customer_id`);
  try {
    const customers = await db.columnar(`SELECT customer_id, orders FROM ${table} ORDER BY c`);
    // Every order with its customer's number, grouped into days here rather than by DuckDB: a
    // hash table keyed by the id text and the day held about 200 bytes per customer-day (most of
    // which hold one order) and cost three times this join. Read chunk by chunk, never as whole
    // columns (three arrays of 8 bytes per order).
    const orders = await db.numericChunks(`
      SELECT k.c, CAST(datediff('day', DATE '1970-01-01', CAST(o.order_date AS DATE)) AS INTEGER) AS day, CAST(o.amount AS DOUBLE) AS amount
      FROM orders o JOIN ${table} k USING (customer_id) WHERE ${valid('o.')}`);
    const customerIds = customers.texts('customer_id') as string[];
    return { customerIds, ...purchaseDays(orders, customers.numbers('orders')) };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The orders' days, customer by customer: the orders scattered into their customer's slots (a
 * counting sort), each customer's few orders then sorted by day and, within a day, by amount, and
 * each day's amounts added in that order. The sums then do not depend on the order the rows came
 * in (parallel reads and tables in any order give the same bits).
 */
function purchaseDays(orders: NumericChunks, ordersOf: Float64Array): Omit<PurchaseHistory, 'customerIds'> {
  const customers = ordersOf.length;
  const starts = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c += 1) starts[c + 1] = starts[c]! + ordersOf[c]!;
  if (starts[customers] !== orders.rowCount) throw new FeatureInputError(`The orders changed while the purchase history was read (${orders.rowCount} rows, ${starts[customers]} counted).`);
  const next = starts.slice(0, customers);
  const count = orders.rowCount;
  const orderDay = new Int32Array(count);
  const orderAmount = new Float64Array(count);
  orders.forEach(([customer, day, amount], n) => {
    for (let i = 0; i < n; i += 1) {
      const slot = next[customer![i]!]!++;
      orderDay[slot] = day![i]!;
      orderAmount[slot] = amount![i]!;
    }
  });
  const offsets = new Int32Array(customers + 1);
  // Customer-days are written over the orders they sum (row <= the group's first order, and later
  // reads are all past it): two fewer arrays of one slot per order.
  const days = orderDay;
  const gross = orderAmount;
  const purchased = new Uint8Array(count);
  const returned = new Float64Array(count);
  let rows = 0;
  for (let c = 0; c < customers; c += 1) {
    offsets[c] = rows;
    const to = starts[c + 1]!;
    sortByDay(orderDay, orderAmount, starts[c]!, to);
    for (let k = starts[c]!; k < to; ) {
      const d = orderDay[k]!;
      let kept = 0;
      let bought = 0;
      let back = 0;
      let returns = 0;
      for (; k < to && orderDay[k] === d; k += 1) {
        const value = orderAmount[k]!;
        if (value >= 0) {
          kept += value;
          bought += 1;
        } else {
          back += value;
          returns += 1;
        }
      }
      days[rows] = d;
      gross[rows] = kept;
      purchased[rows] = bought > 0 ? 1 : 0;
      returned[rows] = returns > 0 ? -back : 0;
      rows += 1;
    }
  }
  offsets[customers] = rows;
  // Views, not copies: an order per customer-day is the rule, so the unused tails are small.
  return { offsets, day: days.subarray(0, rows), gross: gross.subarray(0, rows), purchased: purchased.subarray(0, rows), returned: returned.subarray(0, rows) };
}

/** Sorts rows from..to-1 of both arrays by day, then amount (insertion sort: a customer has few orders). */
function sortByDay(day: Int32Array, amount: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => day[a]! - day[b]! || amount[a]! - amount[b]!);
    const days = order.map((i) => day[i]!);
    const amounts = order.map((i) => amount[i]!);
    day.set(days, from);
    amount.set(amounts, from);
    return;
  }
  for (let k = from + 1; k < to; k += 1) {
    const d = day[k]!;
    const a = amount[k]!;
    let j = k - 1;
    while (j >= from && (day[j]! > d || (day[j] === d && amount[j]! > a))) {
      day[j + 1] = day[j]!;
      amount[j + 1] = amount[j]!;
      j -= 1;
    }
    day[j + 1] = d;
    amount[j + 1] = a;
  }
}

/** Net spend within this fraction of the purchases is rounding: the returns cancelled them. */
const SPEND_TOLERANCE = 1e-9;

/**
 * Net spend in (after, until] of every customer with a purchase day in it: purchases minus
 * returns, at least 0 (spendInWindow's rule), from the history rather than the orders table.
 */
export function spendInWindowOf(history: PurchaseHistory, after: string, until: string): WindowSpend {
  const from = epochDay(after);
  const to = epochDay(until);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new FeatureInputError(`Not a window: (${after}, ${until}]`);
  const { offsets, day, gross, purchased, returned, customerIds } = history;
  const spend = new Float64Array(customerIds.length).fill(Number.NaN);
  for (let c = 0; c < customerIds.length; c += 1) {
    let purchases = 0;
    let returns = 0;
    let bought = false;
    for (let k = offsets[c]!; k < offsets[c + 1]! && day[k]! <= to; k += 1) {
      if (day[k]! <= from) continue;
      purchases += gross[k]!;
      returns += returned[k]!;
      if (purchased[k]) bought = true;
    }
    if (!bought) continue;
    // Returns that cancel the purchases leave nothing, not the last bits of two sums added in different orders.
    const net = purchases - returns;
    spend[c] = net > SPEND_TOLERANCE * purchases ? net : 0;
  }
  return new WindowSpend(customerIds, spend);
}

/** A purchase day's value net of returns: gross x kept / gross total, rounded as the former SQL did; kept < 0 means no returns. */
const netValue = (gross: number, kept: number, grossTotal: number): number => (kept < 0 ? gross : kept === 0 ? 0 : (gross * kept) / grossTotal);

export const WINDOWS_DAYS = [30, 90, 180, 365] as const;

/**
 * One pass over the history up to `asOf`. Returns are netted as the project's rule says: a
 * return is never a purchase (it counts for neither frequency nor recency), and every purchase
 * day's value up to asOf is scaled by max(0, purchases - returns) / purchases, so historic value
 * is net of returns and never negative; without returns the values are the days' sums as they were.
 */
export function customerHistories(history: PurchaseHistory, asOf: string): CustomerHistories {
  const cutoff = epochDay(asOf);
  if (!Number.isFinite(cutoff)) throw new FeatureInputError(`Not a day: ${asOf}`);
  const n = history.customerIds.length;
  const rows = new Int32Array(n);
  const days = new Float64Array(n);
  const firstDay = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const totals = new Float64Array(n);
  const firstDaySpend = new Float64Array(n);
  const maxDaySpend = new Float64Array(n);
  const stdDaySpend = new Float64Array(n);
  const meanGaps = new Float64Array(n);
  const stdGaps = new Float64Array(n);
  const spendPrevious90 = new Float64Array(n);
  // The four windows unrolled (WINDOWS_DAYS order): this loop runs once per purchase day.
  const [w0, w1, w2, w3] = WINDOWS_DAYS;
  const windowDays = WINDOWS_DAYS.map(() => new Float64Array(n));
  const windowSpend = WINDOWS_DAYS.map(() => new Float64Array(n));
  const [days0, days1, days2, days3] = windowDays as [Float64Array, Float64Array, Float64Array, Float64Array];
  const [spend0, spend1, spend2, spend3] = windowSpend as [Float64Array, Float64Array, Float64Array, Float64Array];
  const { offsets, day, gross, purchased, returned } = history;
  let row = 0;
  for (let c = 0; c < n; c += 1) {
    const from = offsets[c]!;
    const end = offsets[c + 1]!;
    let to = from;
    let grossTotal = 0;
    let returnedTotal = 0;
    let purchaseDays = 0;
    while (to < end && day[to]! <= cutoff) {
      if (purchased[to]) {
        grossTotal += gross[to]!;
        purchaseDays += 1;
      }
      returnedTotal += returned[to]!;
      to += 1;
    }
    if (purchaseDays === 0) continue;
    const kept = returnedTotal === 0 ? -1 : grossTotal > 0 ? Math.max(grossTotal - returnedTotal, 0) : 0;
    let total = 0;
    let max = Number.NEGATIVE_INFINITY;
    let first = -1;
    let last = -1;
    let gapSum = 0;
    let previous90 = 0;
    for (let k = from; k < to; k += 1) {
      if (!purchased[k]) continue;
      const amount = netValue(gross[k]!, kept, grossTotal);
      const d = day[k]!;
      total += amount;
      if (amount > max) max = amount;
      if (first < 0) {
        first = k;
      } else {
        gapSum += d - day[last]!;
      }
      last = k;
      if (d > cutoff - 180 && d <= cutoff - 90) previous90 += amount;
      if (d > cutoff - w0) {
        days0[row] = days0[row]! + 1;
        spend0[row] = spend0[row]! + amount;
      }
      if (d > cutoff - w1) {
        days1[row] = days1[row]! + 1;
        spend1[row] = spend1[row]! + amount;
      }
      if (d > cutoff - w2) {
        days2[row] = days2[row]! + 1;
        spend2[row] = spend2[row]! + amount;
      }
      if (d > cutoff - w3) {
        days3[row] = days3[row]! + 1;
        spend3[row] = spend3[row]! + amount;
      }
    }
    const mean = total / purchaseDays;
    const gaps = purchaseDays - 1;
    const meanGap = gaps > 0 ? gapSum / gaps : Number.NaN;
    let squares = 0;
    let gapSquares = 0;
    let previous = -1;
    for (let k = from; k < to; k += 1) {
      if (!purchased[k]) continue;
      const amount = netValue(gross[k]!, kept, grossTotal);
      squares += (amount - mean) ** 2;
      if (previous >= 0) gapSquares += (day[k]! - day[previous]! - meanGap) ** 2;
      previous = k;
    }
    rows[row] = c;
    days[row] = purchaseDays;
    firstDay[row] = day[first]!;
    lastDay[row] = day[last]!;
    totals[row] = total;
    firstDaySpend[row] = netValue(gross[first]!, kept, grossTotal);
    maxDaySpend[row] = max;
    stdDaySpend[row] = Math.sqrt(squares / purchaseDays);
    meanGaps[row] = meanGap;
    stdGaps[row] = gaps > 0 ? Math.sqrt(gapSquares / gaps) : Number.NaN;
    spendPrevious90[row] = previous90;
    row += 1;
  }
  const trim = <T extends Float64Array | Int32Array>(a: T): T => a.subarray(0, row) as T;
  const customerIds = new Array<string>(row);
  for (let r = 0; r < row; r += 1) customerIds[r] = history.customerIds[rows[r]!]!;
  return {
    asOf,
    customerIds,
    history,
    historyRows: trim(rows),
    days: trim(days),
    firstDay: trim(firstDay),
    lastDay: trim(lastDay),
    total: trim(totals),
    firstDaySpend: trim(firstDaySpend),
    maxDaySpend: trim(maxDaySpend),
    stdDaySpend: trim(stdDaySpend),
    meanGap: trim(meanGaps),
    stdGap: trim(stdGaps),
    windowDays: windowDays.map(trim),
    windowSpend: windowSpend.map(trim),
    spendPrevious90: trim(spendPrevious90),
  };
}
