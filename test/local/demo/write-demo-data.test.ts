import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoData, type WrittenDemoData } from '../../../infra/local/demo/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demo-data-'));
  dirs.push(dir);
  return dir;
}

function hashFiles(written: WrittenDemoData): string {
  const hash = createHash('sha256');
  for (const path of [written.paths.customers, written.paths.orders, written.paths.prospects]) hash.update(readFileSync(path));
  return hash.digest('hex');
}

const lines = (text: string) => text.trimEnd().split('\n');

describe('writeDemoData', () => {
  it('writes customers.csv, gzipped orders and prospects.csv with the agreed columns and counts', async () => {
    const dir = newDir();

    const written = await writeDemoData(dir, { customers: 500, prospects: 200, seed: 7 });

    const customers = lines(readFileSync(written.paths.customers, 'utf8'));
    const orders = lines(gunzipSync(readFileSync(written.paths.orders)).toString('utf8'));
    const prospects = lines(readFileSync(written.paths.prospects, 'utf8'));
    expect(written.paths).toEqual({
      customers: join(dir, 'customers.csv'),
      orders: join(dir, 'orders.csv.gz'),
      prospects: join(dir, 'prospects.csv'),
    });
    expect(customers[0]).toBe('customer_id,email,phone,country,signup_date,acquisition_channel,marketing_consent,web_sessions,email_engagement,product_interest');
    expect(orders[0]).toBe('order_id,customer_id,order_date,amount');
    expect(prospects[0]).toBe('prospect_id,email,phone,country,signup_date,acquisition_channel,marketing_consent,web_sessions,email_engagement,product_interest');
    expect(written.rowCounts).toEqual({ customers: 500, orders: orders.length - 1, prospects: 200 });
    expect(orders[1]).toMatch(/^O\d{7},C\d{6},\d{4}-\d{2}-\d{2},\d+\.\d{2}$/);
  });

  it('is byte-for-byte deterministic for a seed, and differs for another seed', async () => {
    const first = await writeDemoData(newDir(), { customers: 2_000, prospects: 500, seed: 42 });
    const again = await writeDemoData(newDir(), { customers: 2_000, prospects: 500, seed: 42 });
    const otherSeed = await writeDemoData(newDir(), { customers: 2_000, prospects: 500, seed: 43 });

    expect(hashFiles(again)).toBe(hashFiles(first));
    expect(hashFiles(otherSeed)).not.toBe(hashFiles(first));
  });

  it('keeps the customers and orders of a seed when only the prospect count changes', async () => {
    const fewProspects = await writeDemoData(newDir(), { customers: 1_000, prospects: 10, seed: 5 });
    const manyProspects = await writeDemoData(newDir(), { customers: 1_000, prospects: 900, seed: 5 });

    expect(readFileSync(manyProspects.paths.customers)).toEqual(readFileSync(fewProspects.paths.customers));
    expect(readFileSync(manyProspects.paths.orders)).toEqual(readFileSync(fewProspects.paths.orders));
  });

  it('writes the full default data set well within 5 seconds', async () => {
    const started = performance.now();

    const written = await writeDemoData(newDir());

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(written.rowCounts.customers).toBe(20_000);
    expect(Object.values(written.badRows).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(written.returnsAndFreeOrders.returns).toBeGreaterThan(0);
    expect(written.returnsAndFreeOrders.freeOrders).toBeGreaterThan(0);
  });
});
