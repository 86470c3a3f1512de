import path from 'node:path';
import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';
import { detectFileFormat, ORDERS_SCHEMA, validateExtract, type ColumnMapping, type ExtractReport } from '../extracts/index.js';
import { createExtractViews } from '../features/extract-views.js';
import { BacktestError } from './backtest-error.js';

export interface LoadedOrders {
  report: ExtractReport;
  /** Accepted rows dated after as-of, dropped before anything is fitted. */
  rowsAfterAsOf: number;
  customers: number;
  firstOrder: string;
}

/**
 * Validates an orders file as the pipeline does (rejected rows go to a quarantine CSV in `workDir`
 * and are skipped), creates the `orders` table from the clean rows and deletes every order dated
 * after `asOf`, so nothing downstream can see the future.
 */
export async function loadBacktestOrders(
  db: DuckDbSession,
  input: { ordersPath: string; asOf: string; workDir: string; mapping?: ColumnMapping },
): Promise<LoadedOrders> {
  const format = await detectFileFormat(input.ordersPath, path.basename(input.ordersPath));
  const cleanPath = path.join(input.workDir, 'orders.parquet');
  const report = await validateExtract(db, {
    inputPath: input.ordersPath,
    format,
    schema: ORDERS_SCHEMA,
    cleanPath,
    quarantinePath: path.join(input.workDir, 'orders-quarantine.csv'),
    ...(input.mapping ? { mapping: input.mapping } : {}),
  });
  await createExtractViews(db, { orders: [cleanPath], customers: [], prospects: [] });
  const after = `CAST(order_date AS DATE) > DATE ${sqlString(input.asOf)}`;
  const [late] = await db.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM orders WHERE ${after}`);
  await db.run(`DELETE FROM orders WHERE ${after}`);
  const [kept] = await db.rows<{ customers: number; first: string | null }>(
    `SELECT CAST(count(DISTINCT customer_id) AS INTEGER) AS customers, strftime(min(order_date), '%Y-%m-%d') AS first FROM orders`,
  );
  if (!kept?.first) throw new BacktestError(`No valid orders on or before ${input.asOf} in ${input.ordersPath}.`);
  return { report, rowsAfterAsOf: late?.n ?? 0, customers: kept.customers, firstOrder: kept.first };
}
