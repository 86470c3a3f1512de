import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../models/backtest/run-backtest.js';
import { predictionsCsv } from '../../../models/backtest/write-predictions-csv.js';
import { writeSyntheticOrders } from './synthetic-orders.js';

const AS_OF = '2023-12-31';
const small = { asOf: AS_OF, horizonDays: 60, seed: 3, settings: { networkMembers: 2 } };

describe('backtest contract on synthetic orders', () => {
  let dir: string;
  let full: string;
  let truncated: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-contract-'));
    full = path.join(dir, 'orders.csv');
    const csv = await writeSyntheticOrders(full, 1500, 480, 11);
    const [header, ...rows] = csv.trim().split('\n');
    const beforeAsOf = rows.filter((row) => row.split(',')[1]! <= AS_OF);
    truncated = path.join(dir, 'orders-until-as-of.csv');
    await writeFile(truncated, [header, ...beforeAsOf, 'C1,2023-06-01,1e308'].join('\n'), 'utf8');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ignores rows after as-of, skips rejected rows and gives the same output for the same input and seed', async () => {
    const first = await runBacktest({ ordersPath: full, ...small });
    const again = await runBacktest({ ordersPath: full, ...small });
    const withoutFuture = await runBacktest({ ordersPath: truncated, ...small });

    expect(first.card.family).not.toBe('btyd');
    expect(first.loaded.rowsAfterAsOf).toBeGreaterThan(0);
    expect(withoutFuture.loaded.report.rowsQuarantined).toBe(1);
    expect(predictionsCsv(again.predictions)).toBe(predictionsCsv(first.predictions));
    expect(predictionsCsv(withoutFuture.predictions)).toBe(predictionsCsv(first.predictions));
  }, 60_000);

  it('writes one row per customer with an order on or before as-of, probabilities in [0, 1], values >= 0', async () => {
    const result = await runBacktest({ ordersPath: truncated, ...small });
    const [header, ...rows] = predictionsCsv(result.predictions).trim().split('\n');
    const customers = new Set((await readFile(truncated, 'utf8')).trim().split('\n').slice(1).map((row) => row.split(',')[0]));

    expect(header).toBe('customer_id,churn_probability,predicted_value');
    expect(rows).toHaveLength(customers.size);
    for (const row of rows) {
      const [, churn, value] = row.split(',').map(Number);
      expect(churn).toBeGreaterThanOrEqual(0);
      expect(churn).toBeLessThanOrEqual(1);
      expect(value).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
