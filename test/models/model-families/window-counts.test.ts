import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainChurnClvModel } from '../../../models/churn-clv/index.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews, spendInWindow } from '../../../models/features/index.js';
import { loadPurchaseHistory, spendInWindowOf } from '../../../models/features/purchase-history.js';
import { disposeFamilyModel, windowShortfall } from '../../../models/model-families/index.js';
import { windowCounts, windowCountsOf } from '../../../models/model-families/selection/window-counts.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

describe('why a window cannot be used', () => {
  it('names the real cause: no history yet, too few customers, or too few of one class', () => {
    expect(windowShortfall({ customers: 0, buyers: 0 }, 200, 20, 'validation window (a, b]')).toMatch(/no customer had ordered by its start/);
    expect(windowShortfall({ customers: 150, buyers: 60 }, 200, 20, 'validation window (a, b]')).toBe('validation window (a, b]: only 150 customers (at least 200 needed)');
    expect(windowShortfall({ customers: 400, buyers: 10 }, 200, 20, 'w')).toBe('w: 10 buyers and 390 non-buyers (at least 20 of each needed)');
    expect(windowShortfall({ customers: 400, buyers: 100 }, 200, 20, 'w')).toBeUndefined();
  });

  it('a long history with too few customers for the network says so, not that history is short', async () => {
    const data = syntheticExtracts(300, 5);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'few-customers-'));
    const db = await openDuckDb();
    try {
      fs.writeFileSync(path.join(dir, 'orders.csv'), data.ordersCsv);
      await db.run(`COPY (SELECT customer_id, CAST(order_date AS TIMESTAMP) AS order_date, amount, order_id FROM read_csv('${dir}/orders.csv'))
        TO '${dir}/orders.parquet' (FORMAT parquet)`);
      await createExtractViews(db, { orders: [`${dir}/orders.parquet`], customers: [], prospects: [] });
      const trained = await trainChurnClvModel(db, { asOf: data.lastDay, horizonDays: 90 });
      disposeFamilyModel(trained.model);

      expect(trained.model.family).toBe('btyd');
      expect(trained.metadata.card.reason).toMatch(/^no network: network training window .*: only 300 customers \(at least 500 needed\)$/);
      expect(trained.metadata.card.reason).not.toMatch(/short/);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('counts and labels a window the same from the purchase history as from the orders table (returns, free orders, cancelled purchases)', async () => {
    const db = await openDuckDb();
    try {
      await db.run(`CREATE TABLE orders AS SELECT * FROM (VALUES
        ('a', TIMESTAMP '2024-01-05', 10.0), ('a', TIMESTAMP '2024-02-10', 5.5), ('a', TIMESTAMP '2024-02-10', -2.25),
        ('b', TIMESTAMP '2024-01-20', 0.0), ('b', TIMESTAMP '2024-02-15', 0.0),
        ('c', TIMESTAMP '2024-01-02', 3.0), ('c', TIMESTAMP '2024-02-01', 0.1), ('c', TIMESTAMP '2024-02-01', 0.2), ('c', TIMESTAMP '2024-02-20', -0.3),
        ('d', TIMESTAMP '2024-02-05', 7.0), ('e', TIMESTAMP '2024-01-10', 4.0), ('e', TIMESTAMP '2024-02-11', -4.0),
        ('f', TIMESTAMP '2024-01-01', 2.0), ('f', TIMESTAMP '2024-02-02', 8.0), ('f', TIMESTAMP '2024-02-25', -20.0)
      ) t(customer_id, order_date, amount)`);
      const history = await loadPurchaseHistory(db);
      for (const [cutoff, end] of [['2024-01-31', '2024-02-29'], ['2024-01-15', '2024-02-10'], ['2023-12-31', '2024-01-31']] as const) {
        expect(windowCountsOf(history, cutoff, end)).toEqual(await windowCounts(db, cutoff, end));
        const fromTable = await spendInWindow(db, cutoff, end);
        const fromHistory = spendInWindowOf(history, cutoff, end);
        // The same customers; the same spend up to the float sums' last bits (the table's are exact decimals).
        expect([...fromHistory.keys()].sort()).toEqual([...fromTable.keys()].sort());
        for (const [id, spend] of fromTable) expect(fromHistory.get(id)).toBeCloseTo(spend, 12);
      }
      // c's 0.1 + 0.2 returned as 0.3: nothing left, exactly, both ways (in float, 0.1 + 0.2 - 0.3 is 5.6e-17).
      expect(spendInWindowOf(history, '2024-01-31', '2024-02-29').get('c')).toBe(0);
      expect((await spendInWindow(db, '2024-01-31', '2024-02-29')).get('c')).toBe(0);
    } finally {
      db.close();
    }
  });
});
