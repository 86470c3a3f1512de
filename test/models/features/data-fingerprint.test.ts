import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { dataFingerprint } from '../../../models/features/index.js';

let db: DuckDbSession;
beforeAll(async () => {
  db = await openDuckDb();
  // 200,000 amounts with cents (not representable in binary) whose floating-point sum depends on the order of its terms.
  await db.run(`CREATE TABLE source AS
    SELECT 'C' || (i % 5000) AS customer_id, TIMESTAMP '2024-01-01' + INTERVAL (i % 700) DAY AS order_date,
      round(((i * 7919) % 100003) / 3.0 + 1e6 * (i % 3 = 0)::INTEGER, 2) AS amount, 'O' || i AS order_id
    FROM range(200000) t(i)`);
});
afterAll(() => db?.close());

const fingerprintOf = async (orderBy: string) => {
  await db.run(`CREATE OR REPLACE TABLE orders AS SELECT * FROM source ORDER BY ${orderBy}`);
  const [{ total } = { total: 0 }] = await db.rows<{ total: number }>('SELECT sum(amount) AS total FROM orders');
  return { fingerprint: await dataFingerprint(db), floatSum: total };
};

describe('dataFingerprint', () => {
  it('is the same whatever order the rows are in', async () => {
    const seen = [];
    for (const order of ['amount', 'amount DESC', 'hash(order_id)', 'customer_id, order_date']) seen.push(await fingerprintOf(order));
    // The data is one a floating-point sum cannot fingerprint: the orders give different sums.
    expect(new Set(seen.map((s) => s.floatSum)).size).toBeGreaterThan(1);
    expect(new Set(seen.map((s) => s.fingerprint)).size).toBe(1);
  });

  it('changes when one amount changes by a cent', async () => {
    const before = await fingerprintOf('order_id');
    await db.run(`UPDATE orders SET amount = amount + 0.01 WHERE order_id = 'O12345'`);
    expect(await dataFingerprint(db)).not.toBe(before);
  });
});
