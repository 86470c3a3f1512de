import { addDays } from '../features/dates.js';
import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { KpiInputError } from './errors.js';

/**
 * One segment's KPIs for a run. Money is net of returns, orders up to the as-of day.
 * - `orders`: distinct order ids with a positive amount (a purchase day where the extract has no order id).
 * - `retention`: of the members who bought in the previous horizon (asOf - 2h, asOf - h], the share
 *   who bought in this one (asOf - h, asOf]; null when no member bought in the previous one.
 * - `conversion`: of the customers in the segment at the previous published run, the share who
 *   bought after that run's as-of day; null on a first run or for a segment then empty.
 */
export interface SegmentKpis {
  segmentId: string;
  size: number;
  share: number;
  revenue: number;
  revenueShare: number;
  orders: number;
  ordersPerCustomer: number;
  averageOrderValue: number | null;
  retention: number | null;
  conversion: number | null;
  meanPredictedClv: number;
  meanChurnProbability: number;
}

/** Parquet files of one run: scores (customerId, predictedClv, churnProbability, ...), memberships (customerId, segments) and orders. */
export interface SegmentKpiInput {
  asOf: string;
  horizonDays: number;
  scoresFiles: readonly string[];
  membershipsFiles: readonly string[];
  /** The run's clean orders (customer_id, order_date, amount, order_id). */
  ordersFiles: readonly string[];
  /** The previous published run: its day and memberships files; null on a first run. */
  previous: { asOf: string; membershipsFiles: readonly string[] } | null;
}

/**
 * Sums and means over exact decimals (10 places; the KPIs keep at most 6): a floating-point sum
 * depends on the order it adds in, which on several threads changes from run to run, so a cent
 * could tip either way; these are the same on any number of threads.
 */
const exact = (column: string) => `CAST(${column} AS DECIMAL(38, 10))`;
const files = (list: readonly string[]) => `read_parquet([${list.map(sqlString).join(', ')}])`;
const day = (value: string) => `${sqlString(value)}::DATE`;

/** Every segment's KPIs (segments with members, and those the previous run had), by segment id. */
export async function computeSegmentKpis(db: DuckDbSession, input: SegmentKpiInput): Promise<SegmentKpis[]> {
  if (!Number.isInteger(input.horizonDays) || input.horizonDays < 1) throw new KpiInputError(`A horizon of ${input.horizonDays} days cannot frame retention.`);
  if (input.scoresFiles.length === 0 || input.membershipsFiles.length === 0) return [];
  const asOf = day(input.asOf);
  const thisHorizon = day(addDays(input.asOf, -input.horizonDays));
  const previousHorizon = day(addDays(input.asOf, -2 * input.horizonDays));
  const orders =
    input.ordersFiles.length > 0
      ? `SELECT CAST(customer_id AS VARCHAR) AS customerId, CAST(order_date AS DATE) AS day, amount, CAST(order_id AS VARCHAR) AS order_id FROM ${files(input.ordersFiles)} WHERE CAST(order_date AS DATE) <= ${asOf}`
      : `SELECT NULL::VARCHAR AS customerId, NULL::DATE AS day, NULL::DOUBLE AS amount, NULL::VARCHAR AS order_id WHERE false`;
  const previous = input.previous && input.previous.membershipsFiles.length > 0 ? input.previous : null;
  const previousMembers = previous
    ? `SELECT customerId, unnest(segments) AS segmentId FROM ${files(previous.membershipsFiles)}`
    : `SELECT NULL::VARCHAR AS customerId, NULL::VARCHAR AS segmentId WHERE false`;
  const boughtSince = previous ? `max(day) > ${day(previous.asOf)}` : 'false';
  const rows = await db.rows<SegmentKpis & { conversionBase: number }>(`
    WITH customer_orders AS (
      SELECT customerId,
        sum(${exact('amount')}) AS revenue,
        count(DISTINCT COALESCE(order_id, CAST(day AS VARCHAR))) FILTER (WHERE amount > 0) AS orders,
        bool_or(day > ${previousHorizon} AND day <= ${thisHorizon}) AS active_before,
        bool_or(day > ${thisHorizon}) AS active_now,
        ${boughtSince} AS bought_since
      FROM (${orders}) GROUP BY customerId),
    customers AS (
      SELECT s.customerId, s.predictedClv, s.churnProbability,
        COALESCE(o.revenue, 0) AS revenue, COALESCE(o.orders, 0) AS orders,
        COALESCE(o.active_before, false) AS active_before, COALESCE(o.active_now, false) AS active_now
      FROM ${files(input.scoresFiles)} s LEFT JOIN customer_orders o USING (customerId)),
    totals AS (SELECT count(*) AS customers, sum(revenue) AS revenue FROM customers),
    members AS (SELECT customerId, unnest(segments) AS segmentId FROM ${files(input.membershipsFiles)}),
    current_kpis AS (
      SELECT m.segmentId,
        count(*) AS size, sum(c.revenue) AS revenue, sum(c.orders) AS orders,
        avg(${exact('c.predictedClv')}) AS meanPredictedClv, avg(${exact('c.churnProbability')}) AS meanChurnProbability,
        count(*) FILTER (WHERE c.active_before) AS before, count(*) FILTER (WHERE c.active_before AND c.active_now) AS kept
      -- A prospect (lifecycle:prospect) has no score row: counted in its segment's size, with no revenue, orders or predictions.
      FROM members m LEFT JOIN customers c USING (customerId) GROUP BY m.segmentId),
    conversions AS (
      SELECT p.segmentId, count(*) AS conversionBase, count(*) FILTER (WHERE COALESCE(o.bought_since, false)) AS converted
      FROM (${previousMembers}) p LEFT JOIN customer_orders o USING (customerId) GROUP BY p.segmentId)
    SELECT COALESCE(k.segmentId, v.segmentId) AS segmentId,
      CAST(COALESCE(k.size, 0) AS DOUBLE) AS size,
      COALESCE(k.size, 0) / greatest(t.customers, 1) AS share,
      CAST(COALESCE(k.revenue, 0) AS DOUBLE) AS revenue,
      CASE WHEN t.revenue > 0 THEN CAST(COALESCE(k.revenue, 0) / t.revenue AS DOUBLE) ELSE 0 END AS revenueShare,
      CAST(COALESCE(k.orders, 0) AS DOUBLE) AS orders,
      CASE WHEN k.size > 0 THEN k.orders / k.size ELSE 0 END AS ordersPerCustomer,
      CASE WHEN k.orders > 0 THEN CAST(k.revenue / k.orders AS DOUBLE) ELSE NULL END AS averageOrderValue,
      CASE WHEN k.before > 0 THEN k.kept / k.before ELSE NULL END AS retention,
      CASE WHEN v.conversionBase > 0 THEN v.converted / v.conversionBase ELSE NULL END AS conversion,
      CAST(COALESCE(k.meanPredictedClv, 0) AS DOUBLE) AS meanPredictedClv,
      CAST(COALESCE(k.meanChurnProbability, 0) AS DOUBLE) AS meanChurnProbability,
      CAST(COALESCE(v.conversionBase, 0) AS DOUBLE) AS conversionBase
    FROM current_kpis k FULL OUTER JOIN conversions v USING (segmentId), totals t
    ORDER BY segmentId`);
  return rows.map(({ conversionBase: _base, ...kpis }) => ({
    ...kpis,
    size: Number(kpis.size),
    orders: Number(kpis.orders),
    revenue: round(Number(kpis.revenue), 2),
    averageOrderValue: kpis.averageOrderValue === null ? null : round(Number(kpis.averageOrderValue), 2),
    share: round(Number(kpis.share), 6),
    revenueShare: round(Number(kpis.revenueShare), 6),
    ordersPerCustomer: round(Number(kpis.ordersPerCustomer), 4),
    retention: kpis.retention === null ? null : round(Number(kpis.retention), 6),
    conversion: kpis.conversion === null ? null : round(Number(kpis.conversion), 6),
    meanPredictedClv: round(Number(kpis.meanPredictedClv), 2),
    meanChurnProbability: round(Number(kpis.meanChurnProbability), 6),
  }));
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Writes KPIs to a Parquet file (one row per segment) with DuckDB. */
export async function writeSegmentKpisParquet(db: DuckDbSession, kpis: readonly (SegmentKpis & { entered?: number; exited?: number })[], file: string): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE segment_kpis_out (segmentId VARCHAR, size BIGINT, share DOUBLE, revenue DOUBLE, revenueShare DOUBLE, orders BIGINT,
    ordersPerCustomer DOUBLE, averageOrderValue DOUBLE, retention DOUBLE, conversion DOUBLE, meanPredictedClv DOUBLE, meanChurnProbability DOUBLE, entered BIGINT, exited BIGINT)`);
  const value = (v: number | null | undefined) => (v === null || v === undefined ? 'NULL' : String(v));
  for (let i = 0; i < kpis.length; i += 500) {
    const rows = kpis.slice(i, i + 500).map(
      (k) =>
        `(${sqlString(k.segmentId)}, ${k.size}, ${k.share}, ${k.revenue}, ${k.revenueShare}, ${k.orders}, ${k.ordersPerCustomer}, ${value(k.averageOrderValue)}, ${value(k.retention)}, ${value(k.conversion)}, ${k.meanPredictedClv}, ${k.meanChurnProbability}, ${value(k.entered)}, ${value(k.exited)})`,
    );
    if (rows.length > 0) await db.run(`INSERT INTO segment_kpis_out VALUES ${rows.join(', ')}`);
  }
  await db.run(`COPY segment_kpis_out TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
  await db.run('DROP TABLE segment_kpis_out');
}
