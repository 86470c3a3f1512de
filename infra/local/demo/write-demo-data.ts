import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { BadRowCounts } from './bad-order-rows.js';
import { toCsv } from './csv.js';
import {
  CUSTOMER_COLUMNS,
  ORDER_COLUMNS,
  PROSPECT_COLUMNS,
  customerFields,
  orderFields,
  prospectFields,
} from './demo-rows.js';
import type { DemoDataOptions } from './demo-options.js';
import { generateDemoData } from './generate-demo-data.js';
import type { ReturnAndFreeOrderCounts } from './returns-and-free-orders.js';

export interface WrittenDemoData {
  paths: { customers: string; orders: string; prospects: string };
  /** Data rows per file (headers excluded); orders include returns and the injected bad rows. */
  rowCounts: { customers: number; orders: number; prospects: number };
  badRows: BadRowCounts;
  returnsAndFreeOrders: ReturnAndFreeOrderCounts;
}

export const DEMO_FILE_NAMES = {
  customers: 'customers.csv',
  orders: 'orders.csv.gz',
  prospects: 'prospects.csv',
} as const;

const gzipAsync = promisify(gzip);

/** Writes customers.csv, orders.csv.gz and prospects.csv into `dir` (created if needed). */
export async function writeDemoData(dir: string, options: DemoDataOptions = {}): Promise<WrittenDemoData> {
  const data = generateDemoData(options);
  const paths = {
    customers: join(dir, DEMO_FILE_NAMES.customers),
    orders: join(dir, DEMO_FILE_NAMES.orders),
    prospects: join(dir, DEMO_FILE_NAMES.prospects),
  };
  await mkdir(dir, { recursive: true });
  const ordersCsv = toCsv(ORDER_COLUMNS, data.orders.map(orderFields));
  await Promise.all([
    writeFile(paths.customers, toCsv(CUSTOMER_COLUMNS, data.customers.map(customerFields))),
    writeFile(paths.orders, await gzipAsync(ordersCsv)),
    writeFile(paths.prospects, toCsv(PROSPECT_COLUMNS, data.prospects.map(prospectFields))),
  ]);
  return {
    paths,
    rowCounts: { customers: data.customers.length, orders: data.orders.length, prospects: data.prospects.length },
    badRows: data.badRows,
    returnsAndFreeOrders: data.returnsAndFreeOrders,
  };
}
