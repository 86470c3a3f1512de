import { sqlString, type DuckDbSession } from '../duckdb/duckdb-session.js';

export interface CleanExtractFiles {
  orders: string[];
  customers: string[];
  prospects: string[];
}

const EMPTY = {
  orders: `SELECT NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS order_date, NULL::DOUBLE AS amount, NULL::VARCHAR AS order_id WHERE false`,
  customers: `SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS email, NULL::VARCHAR AS phone, NULL::VARCHAR AS country,
    NULL::TIMESTAMP AS signup_date, NULL::VARCHAR AS acquisition_channel WHERE false`,
  prospects: `SELECT NULL::VARCHAR AS prospect_id, NULL::VARCHAR AS email, NULL::VARCHAR AS phone, NULL::VARCHAR AS country,
    NULL::TIMESTAMP AS signup_date, NULL::VARCHAR AS acquisition_channel WHERE false`,
};

const fileList = (files: string[]): string => `[${files.map(sqlString).join(', ')}]`;

/**
 * Creates the views `orders`, `customers` and `prospects` over the clean Parquet files of
 * every upload. The same order id arriving in two extracts (overlapping or full re-exports)
 * is taken from one file only; a profile repeated across uploads keeps its newest file's row.
 */
export async function createExtractViews(db: DuckDbSession, files: CleanExtractFiles): Promise<void> {
  const orders = files.orders.length === 0 ? EMPTY.orders : `
    SELECT customer_id, order_date, amount, order_id
    FROM read_parquet(${fileList(files.orders)}, filename = true, union_by_name = true)
    QUALIFY order_id IS NULL OR filename = max(filename) OVER (PARTITION BY customer_id, order_id)`;
  await db.run(`CREATE OR REPLACE TABLE orders AS ${orders}`);
  await db.run(`CREATE OR REPLACE TABLE customers AS ${latestProfile(files.customers, 'customer_id', EMPTY.customers)}`);
  await db.run(`CREATE OR REPLACE TABLE prospects AS ${latestProfile(files.prospects, 'prospect_id', EMPTY.prospects)}`);
}

function latestProfile(files: string[], key: string, empty: string): string {
  if (files.length === 0) return empty;
  return `SELECT * EXCLUDE (filename) FROM read_parquet(${fileList(files)}, filename = true, union_by_name = true)
    QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY filename DESC) = 1`;
}
