/**
 * `npm run bench`: speed and memory of the heavy steps, printed as a table.
 * Sizes: BENCH_ORDERS (default 5,000,000 generated orders over 500,000 customers).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { trainChurnClvModel, scoreCustomers } from '../../models/churn-clv/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { ORDERS_SCHEMA, validateExtract } from '../../models/extracts/index.js';
import { computeFeatures, createExtractViews } from '../../models/features/index.js';
import { assignSegments, segmentationScoreOf } from '../../models/segmentation/index.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5_000_000);
const CUSTOMERS = Math.max(1000, Math.round(ORDERS / 10));
const RETAIL = path.resolve(import.meta.dirname, '../../../shared/data/online-retail/online_retail.csv.gz');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-bench-'));
const results: { step: string; rows: string; seconds: string; rowsPerSecond: string; peakRssMb: string }[] = [];

async function measure<T>(step: string, rows: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  results.push({
    step,
    rows: rows.toLocaleString('en-US'),
    seconds: seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds).toLocaleString('en-US'),
    peakRssMb: (process.resourceUsage().maxRSS / 1024).toFixed(0),
  });
  return result;
}

try {
  if (fs.existsSync(RETAIL)) {
    const db = await openDuckDb({ tempDirectory: dir });
    await measure('validate Online Retail (csv.gz)', 541_909, () =>
      validateExtract(db, { inputPath: RETAIL, format: 'csv.gz', schema: ORDERS_SCHEMA, cleanPath: path.join(dir, 'retail.parquet'), quarantinePath: path.join(dir, 'retail-q.csv') }),
    );
    db.close();
  } else {
    console.log(`skipped Online Retail validation: ${RETAIL} not found`);
  }
  const db = await openDuckDb({ tempDirectory: dir });
  const orders = path.join(dir, 'orders.parquet');
  await measure('generate orders (DuckDB)', ORDERS, () =>
    db.run(`COPY (
      SELECT 'C' || (hash(i) % ${CUSTOMERS}) AS customer_id, 'O' || i AS order_id,
        TIMESTAMP '2022-01-01' + INTERVAL (hash(i * 7) % 1095) DAY AS order_date,
        round(5 + (hash(i * 13) % 20000) / 100.0, 2) AS amount
      FROM range(${ORDERS}) t(i)) TO '${orders}' (FORMAT parquet)`),
  );
  await createExtractViews(db, { orders: [orders], customers: [], prospects: [] });
  const { frame } = await measure(`features as of a day (${CUSTOMERS.toLocaleString('en-US')} customers)`, ORDERS, () => computeFeatures(db, '2024-12-31'));
  const model = await measure('train churn/CLV model (family chosen on a time split)', frame.customerIds.length, () => trainChurnClvModel(db, { asOf: '2024-12-31', horizonDays: 90 }));
  const scores = await measure('score every customer', frame.customerIds.length, () => scoreCustomers(db, model, '2024-12-31'));
  db.close();
  // The default segment families over the scored customers, as each WriteShard runs them on its shard.
  const segmentation = scores.map(segmentationScoreOf);
  await measure('assign segments (default families)', segmentation.length, async () => assignSegments(segmentation));
  console.table(results);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
