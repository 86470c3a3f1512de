import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBacktestOrders } from '../../../models/backtest/load-backtest-orders.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { customerHistories, loadPurchaseHistory, spendInWindowOf } from '../../../models/features/purchase-history.js';
import { seededRandom } from '../../support/seeded-random.js';

const AS_OF = '2024-03-31';
const HORIZON = 30;

/**
 * Invoice lines as real exports have them: many rows per customer and day, with amounts of very
 * different sizes, so a sum over a day depends on the order its rows are added in.
 */
function invoiceLinesCsv(customers: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = ['customer_id,order_date,amount'];
  for (let c = 0; c < customers; c += 1) {
    for (let day = 0; day < 3; day += 1) {
      const date = `2024-0${1 + Math.floor(random() * 6)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      for (let line = 0; line < 4; line += 1) lines.push(`K${c},${date},${(10 ** (4 * random() - 2)).toFixed(2)}`);
    }
    // In the horizon, lines and a return that cancel them: spend 0 exactly, or a few ulps either side in float.
    if (c % 10 === 0) lines.push(`K${c},2024-04-10,0.10`, `K${c},2024-04-10,0.20`, `K${c},2024-04-10,1234.57`, `K${c},2024-04-12,-1234.87`);
  }
  return `${lines.join('\n')}\n`;
}

describe('loadBacktestOrders', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'load-backtest-orders-'));
    file = path.join(dir, 'invoice-lines.csv');
    await writeFile(file, invoiceLinesCsv(25_000, 7), 'utf8');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Each customer-day's purchase value as the features read it and each customer's spend in the horizon, to the last bit, after a load on two threads. */
  async function purchaseDays(): Promise<{ values: string; observed: string; buyers: number }> {
    const workDir = await mkdtemp(path.join(dir, 'load-'));
    const db = await openDuckDb({ tempDirectory: workDir, threads: 2 });
    try {
      const loaded = await loadBacktestOrders(db, { ordersPath: file, asOf: AS_OF, horizonDays: HORIZON, workDir });
      // The purchase history read on two threads too: rows come in a different order each time.
      const history = await loadPurchaseHistory(db);
      const customers = customerHistories(history, AS_OF);
      const labels = [...spendInWindowOf(history, '2024-02-29', AS_OF)].map(([id, s]) => `${id}=${s}`).join(',');
      const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
      const values = [bits(history.gross), bits(history.returned), bits(customers.total), bits(customers.maxDaySpend), labels].join('|');
      const spend = [...loaded.observed!.spend].sort(([a], [b]) => a.localeCompare(b));
      return { values, observed: spend.map(([id, s]) => `${id}=${s}`).join(','), buyers: spend.filter(([, s]) => s > 0).length };
    } finally {
      db.close();
    }
  }

  it('gives every run the same sums to the last bit, and the same buyers in the horizon, whatever order the rows were loaded in on several threads', async () => {
    const first = await purchaseDays();
    const runs = [await purchaseDays(), await purchaseDays()];

    expect(first.buyers).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run.values === first.values).toBe(true);
      expect(run.observed === first.observed).toBe(true);
      expect(run.buyers).toBe(first.buyers);
    }
  }, 120_000);

  it('validates under a memory limit of a few times the file and gives the session back the limit it had', async () => {
    const workDir = await mkdtemp(path.join(dir, 'limit-'));
    const db = await openDuckDb({ tempDirectory: workDir, threads: 2, memoryLimit: '3GiB' });
    try {
      const seen: string[] = [];
      const run = db.run.bind(db);
      db.run = async (sql: string) => {
        if (sql.startsWith('SET memory_limit')) seen.push(sql);
        return run(sql);
      };
      await loadBacktestOrders(db, { ordersPath: file, asOf: AS_OF, horizonDays: HORIZON, workDir });
      // The file is about 2 MB: the floor of 256 MiB applies while it is validated.
      expect(seen[0]).toBe(`SET memory_limit = '256MiB'`);
      const [setting] = await db.rows<{ limit: string }>(`SELECT current_setting('memory_limit') AS "limit"`);
      expect(setting?.limit).toBe('3.0 GiB');
    } finally {
      db.close();
    }
  });
});
