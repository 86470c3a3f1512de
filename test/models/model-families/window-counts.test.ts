import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainChurnClvModel } from '../../../models/churn-clv/index.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { createExtractViews } from '../../../models/features/index.js';
import { disposeFamilyModel, windowShortfall } from '../../../models/model-families/index.js';
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
});
