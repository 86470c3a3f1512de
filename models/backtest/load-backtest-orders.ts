import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { detectFileFormat, ORDERS_SCHEMA, validateExtract, type ColumnMapping, type ExtractFormat, type ExtractReport } from '../extracts/index.js';
import { addDays } from '../features/dates.js';
import { createExtractViews } from '../features/extract-views.js';
import { spendInWindow } from '../features/labels.js';
import { BacktestError } from './backtest-error.js';

const CLEAN_TABLE = 'backtest_clean_orders';

/** What happened in the horizon after as-of, read from the file before those rows are dropped. */
export interface ObservedHorizon {
  /** The window (after, until] = (asOf, asOf + horizon]. */
  after: string;
  until: string;
  /** Net spend in the window of each customer who purchased in it (the pipeline's label rule); absent = churned. */
  spend: Map<string, number>;
}

export interface LoadedOrders {
  report: ExtractReport;
  /** Accepted rows dated after as-of, dropped before anything is fitted. */
  rowsAfterAsOf: number;
  customers: number;
  firstOrder: string;
  /** The day of the file's last accepted order, after as-of or not. */
  lastOrder: string;
  /** Present when a horizon was given. */
  observed?: ObservedHorizon;
}

/**
 * Validates an orders file as the pipeline does (rejected rows go to a quarantine CSV in `workDir`
 * and are skipped), creates the `orders` table from the clean rows, records what each customer
 * spent in (asOf, asOf + horizonDays] when given a horizon, and drops every order dated after
 * `asOf`, so nothing downstream can see the future.
 */
export async function loadBacktestOrders(
  db: DuckDbSession,
  input: { ordersPath: string; asOf: string; workDir: string; horizonDays?: number; mapping?: ColumnMapping },
): Promise<LoadedOrders> {
  const format = await detectFileFormat(input.ordersPath, path.basename(input.ordersPath));
  const until = input.horizonDays === undefined ? undefined : addDays(input.asOf, input.horizonDays);
  // The accepted rows stay in the session: one file has no order that another upload repeats, so
  // the pipeline's views over several clean Parquet files would keep every row, and writing the
  // Parquet to read it straight back cost a fifth of the load. Rows after the horizon serve nothing
  // and are never copied.
  const report = await withMemoryLimit(db, await validationMemory(input.ordersPath, format), () =>
    validateExtract(db, {
      inputPath: input.ordersPath,
      format,
      schema: ORDERS_SCHEMA,
      cleanTable: CLEAN_TABLE,
      cleanTableWhere: `CAST(order_date AS DATE) <= DATE ${sqlString(until ?? input.asOf)}`,
      quarantinePath: path.join(input.workDir, 'orders-quarantine.csv'),
      workDir: input.workDir,
      ...(input.mapping ? { mapping: input.mapping } : {}),
    }),
  );
  // The empty customers and prospects tables the features expect; the clean rows become the orders below.
  await createExtractViews(db, { orders: [], customers: [], prospects: [] });
  const after = `CAST(order_date AS DATE) > DATE ${sqlString(input.asOf)}`;
  const [kept] = await db.rows<{ rows: number; after: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS rows, CAST(count(*) FILTER (WHERE ${after}) AS INTEGER) AS after FROM ${CLEAN_TABLE}`,
  );
  // Every accepted row the table does not hold is dated after the horizon, so after as-of too.
  const rowsAfterAsOf = report.rowsAccepted - (kept?.rows ?? 0) + (kept?.after ?? 0);
  // The clean rows come in no fixed order (they were checked on every core): every sum downstream
  // is exact (spendInWindow) or orders its terms itself (the purchase history), so the same file
  // gives the same bits.
  await db.run(`DROP TABLE orders; ALTER TABLE ${CLEAN_TABLE} RENAME TO orders`);
  const observed = until === undefined ? undefined : { after: input.asOf, until, spend: await spendInWindow(db, input.asOf, until) };
  if ((kept?.after ?? 0) > 0) await db.run(`DELETE FROM orders WHERE ${after}`);
  const [history] = await db.rows<{ customers: number; first: string | null }>(
    `SELECT CAST(count(DISTINCT customer_id) AS INTEGER) AS customers, strftime(min(order_date), '%Y-%m-%d') AS first FROM orders`,
  );
  const lastOrder = report.orderDays?.last;
  if (!history?.first || !lastOrder) throw new BacktestError(`No valid orders on or before ${input.asOf} in ${input.ordersPath}.`);
  return { report, rowsAfterAsOf, customers: history.customers, firstOrder: history.first, lastOrder, ...(observed ? { observed } : {}) };
}

/** Below this, DuckDB's CSV reader cannot get the blocks it reads with (64 MiB each, one per thread). */
const MIN_VALIDATION_MEMORY = 256 * 1024 * 1024;

/**
 * DuckDB's memory budget for validating an uncompressed CSV: three times the file's size (it
 * spills the rest of its working tables to the session's temporary folder). Left to itself it
 * holds about eight times the file at the peak (raw cells, checked rows, the sorted clean copy),
 * and that memory stays with the process for the rest of the backtest. Null (no limit) for
 * gzipped and Parquet files, whose size on disk says little about their size in memory.
 */
async function validationMemory(ordersPath: string, format: ExtractFormat): Promise<number | null> {
  if (format !== 'csv') return null;
  return Math.max(MIN_VALIDATION_MEMORY, 3 * (await stat(ordersPath)).size);
}

/** Runs `work` under a DuckDB memory limit of `bytes` (none when null), then restores the setting. */
async function withMemoryLimit<T>(db: DuckDbSession, bytes: number | null, work: () => Promise<T>): Promise<T> {
  if (bytes === null) return work();
  const [setting] = await db.rows<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
  await db.run(`SET memory_limit = '${Math.ceil(bytes / 1048576)}MiB'`);
  try {
    return await work();
  } finally {
    await db.run(`SET memory_limit = ${sqlString(setting?.limit ?? '80%')}`);
  }
}
