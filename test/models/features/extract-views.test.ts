import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, sqlString, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews, loadDeduplicatedExtracts } from '../../../models/features/index.js';

let dir: string;
let db: DuckDbSession;
const file = (name: string) => path.join(dir, name);
const write = (name: string, select: string) => db.run(`COPY (${select}) TO ${sqlString(file(name))} (FORMAT parquet)`);
const dump = async (table: string) => db.rows(`SELECT * FROM ${table} ORDER BY ALL`);
const schema = async (table: string) => db.rows(`SELECT column_name, column_type FROM (DESCRIBE ${table})`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-views-'));
  db = await openDuckDb();
  // Two uploads that overlap: an order id re-sent, a row without id repeated, a profile updated, a profile with an extra column.
  await write('orders-1.parquet', `SELECT * FROM (VALUES ('A', TIMESTAMP '2024-01-01', 10.0, 'O1'), ('A', TIMESTAMP '2024-02-01', 5.0, NULL), ('B', TIMESTAMP '2024-01-03', 7.5, 'O2'))
    t(customer_id, order_date, amount, order_id)`);
  await write('orders-2.parquet', `SELECT * FROM (VALUES ('A', TIMESTAMP '2024-01-01', 12.0, 'O1'), ('A', TIMESTAMP '2024-02-01', 5.0, NULL), ('C', TIMESTAMP '2024-03-01', 3.0, 'O3'))
    t(customer_id, order_date, amount, order_id)`);
  await write('customers-1.parquet', `SELECT * FROM (VALUES ('A', 'a@x.test', 'old'), ('B', 'b@x.test', 'old')) t(customer_id, email, tier)`);
  await write('customers-2.parquet', `SELECT * FROM (VALUES ('A', 'a2@x.test')) t(customer_id, email)`);
  await write('prospects-1.parquet', `SELECT * FROM (VALUES ('P1', 'p@x.test'), ('P1', 'p2@x.test')) t(prospect_id, email)`);
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadDeduplicatedExtracts', () => {
  it('reads back the files written from createExtractViews tables as the same tables, columns and types', async () => {
    const counts = await createExtractViews(db, {
      orders: [file('orders-1.parquet'), file('orders-2.parquet')],
      customers: [file('customers-1.parquet'), file('customers-2.parquet')],
      prospects: [file('prospects-1.parquet')],
    });
    expect(counts).toEqual({ sameOrderId: 1, sameCustomerTimeAmount: 1 });
    const expected: Record<string, { rows: unknown[]; schema: unknown[] }> = {};
    for (const table of ['orders', 'customers', 'prospects']) {
      expected[table] = { rows: await dump(table), schema: await schema(table) };
      await write(`deduplicated-${table}.parquet`, `SELECT * FROM ${table}`);
    }
    await db.run('DROP TABLE orders; DROP TABLE customers; DROP TABLE prospects');

    await loadDeduplicatedExtracts(db, {
      orders: [file('deduplicated-orders.parquet')],
      customers: [file('deduplicated-customers.parquet')],
      prospects: [file('deduplicated-prospects.parquet')],
    });

    for (const table of ['orders', 'customers', 'prospects']) {
      expect({ rows: await dump(table), schema: await schema(table) }).toEqual(expected[table]);
    }
    expect(await dump('orders')).toHaveLength(4);
  });

  it('gives the empty tables createExtractViews gives when a kind has no file', async () => {
    await createExtractViews(db, { orders: [], customers: [], prospects: [] });
    const expected = { orders: await schema('orders'), customers: await schema('customers'), prospects: await schema('prospects') };
    await loadDeduplicatedExtracts(db, { orders: [], customers: [], prospects: [] });
    expect({ orders: await schema('orders'), customers: await schema('customers'), prospects: await schema('prospects') }).toEqual(expected);
    expect(await dump('orders')).toEqual([]);
  });
});
