import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDuckDb, sqlString } from '../../../models/duckdb/duckdb-session.js';

/** Shared real data sets beside the repository (not committed). */
const sharedData = path.resolve(import.meta.dirname, '../../../..', 'shared/data');
export const onlineRetailPath = path.join(sharedData, 'online-retail/online_retail.csv.gz');
export const cdnowPath = path.join(sharedData, 'cdnow-sample/CDNOW_sample.txt');
export const onlineRetailAvailable = existsSync(onlineRetailPath);
export const cdnowAvailable = existsSync(cdnowPath);

/**
 * Online Retail as the issue prepares it: drop rows without CustomerID, with Quantity <= 0,
 * UnitPrice <= 0 or an InvoiceNo starting with C; amount = Quantity x UnitPrice; one row per
 * customer per day (summed).
 */
export async function prepareOnlineRetail(out: string): Promise<void> {
  const db = await openDuckDb();
  try {
    await db.run(`COPY (
      SELECT CAST(CAST(CAST(CustomerID AS DOUBLE) AS BIGINT) AS VARCHAR) AS customer_id,
        CAST(CAST(InvoiceDate AS TIMESTAMP) AS DATE) AS order_date,
        sum(CAST(Quantity AS DOUBLE) * CAST(UnitPrice AS DOUBLE)) AS amount
      FROM read_csv(${sqlString(onlineRetailPath)}, all_varchar = true, header = true)
      WHERE nullif(trim(CustomerID), '') IS NOT NULL AND CAST(Quantity AS DOUBLE) > 0
        AND CAST(UnitPrice AS DOUBLE) > 0 AND NOT starts_with(InvoiceNo, 'C')
      GROUP BY ALL ORDER BY customer_id, order_date
    ) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
  } finally {
    db.close();
  }
}

/** CDNOW sample (whitespace separated: id, id2, YYYYMMDD, cds, dollars) with id2 as the customer. */
export async function prepareCdnow(out: string): Promise<void> {
  const db = await openDuckDb();
  try {
    await db.run(`COPY (
      SELECT CAST(CAST(parts[2] AS INTEGER) AS VARCHAR) AS customer_id, strptime(parts[3], '%Y%m%d')::DATE AS order_date,
        CAST(parts[5] AS DOUBLE) AS amount
      FROM (SELECT string_split(trim(line), ' ').list_filter(x -> x <> '') AS parts
            FROM read_csv(${sqlString(cdnowPath)}, columns = {'line': 'VARCHAR'}, header = false, delim = '\\t'))
    ) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
  } finally {
    db.close();
  }
}

/** Each customer's spend in (after, until] in a prepared customer_id,order_date,amount CSV. */
export async function actualSpend(file: string, after: string, until: string): Promise<Map<string, number>> {
  const db = await openDuckDb();
  try {
    const rows = await db.rows<{ customer_id: string; spend: number }>(`
      SELECT CAST(customer_id AS VARCHAR) AS customer_id, sum(amount) AS spend FROM read_csv(${sqlString(file)}, header = true)
      WHERE order_date > DATE ${sqlString(after)} AND order_date <= DATE ${sqlString(until)} GROUP BY ALL`);
    return new Map(rows.map((r) => [r.customer_id, r.spend]));
  } finally {
    db.close();
  }
}
