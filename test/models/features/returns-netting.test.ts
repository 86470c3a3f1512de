import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fitBtydModels, loadBtydSummaries, predictBtyd } from '../../../models/btyd-predictor/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { computeFeatures } from '../../../models/features/compute-features.js';
import { spendInWindow } from '../../../models/features/labels.js';
import { windowCounts } from '../../../models/model-families/index.js';

let db: DuckDbSession;

beforeEach(async () => {
  db = await openDuckDb();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, phone VARCHAR, country VARCHAR, signup_date TIMESTAMP, acquisition_channel VARCHAR)`);
  // a: buys 100 and 50, returns 30 of it. f: only free orders. r: buys 40 and returns all of it.
  // x: only a return, no purchase in the data. late: a return after the as-of day.
  await db.run(`CREATE TABLE orders AS SELECT * FROM (VALUES
    ('a', TIMESTAMP '2024-01-01 09:00', 100.0), ('a', TIMESTAMP '2024-01-11 10:00', 50.0), ('a', TIMESTAMP '2024-01-20 10:00', -30.0),
    ('f', TIMESTAMP '2024-01-05 10:00', 0.0), ('f', TIMESTAMP '2024-01-15 10:00', 0.0),
    ('r', TIMESTAMP '2024-01-03 10:00', 40.0), ('r', TIMESTAMP '2024-01-25 10:00', -40.0),
    ('x', TIMESTAMP '2024-01-04 10:00', -10.0),
    ('late', TIMESTAMP '2024-01-02 10:00', 20.0), ('late', TIMESTAMP '2024-02-10 10:00', -20.0)
  ) t(customer_id, order_date, amount)`);
});
afterEach(() => db.close());

describe('returns and free orders in features and BG/NBD summaries', () => {
  it('nets returns against purchases, never counts a return as a purchase, and counts free orders', async () => {
    const { frame } = await computeFeatures(db, '2024-01-31');
    const byId = new Map(frame.customerIds.map((id, i) => [id, i]));
    const row = (id: string) => {
      const i = byId.get(id)!;
      return { recency: frame.rfm.recencyDays[i], frequency: frame.rfm.frequency[i], monetary: frame.rfm.monetary[i] };
    };

    expect(frame.customerIds).toEqual(['a', 'f', 'late', 'r']);
    expect(row('a')).toEqual({ recency: 20, frequency: 2, monetary: 120 });
    expect(row('f')).toEqual({ recency: 16, frequency: 2, monetary: 0 });
    expect(row('r')).toEqual({ recency: 28, frequency: 1, monetary: 0 });
    expect(row('late')).toEqual({ recency: 29, frequency: 1, monetary: 20 });
  });

  it('gives BG/NBD + Gamma-Gamma net per-day values and scores customers whose orders were free', async () => {
    await db.run(`INSERT INTO orders SELECT 'p' || (i % 60), TIMESTAMP '2023-09-01' + INTERVAL (i * 7 % 150) DAY, 10 + i % 13 FROM range(400) t(i)`);
    const summaries = await loadBtydSummaries(db, '2024-01-31');
    const a = summaries.customerIds.indexOf('a');
    const f = summaries.customerIds.indexOf('f');

    expect(summaries.firstSpend[a]).toBeCloseTo(80);
    expect(summaries.mx[a]).toBeCloseTo(40);
    expect([summaries.x[f], summaries.mx[f]]).toEqual([1, 0]);
    const predictions = predictBtyd(fitBtydModels(summaries), summaries, 90);
    expect(Number.isFinite(predictions.expectedSpend[f]!)).toBe(true);
    expect(predictions.expectedSpend[f]).toBeGreaterThanOrEqual(0);
  });

  it('labels a window by net spend of the customers who purchased in it', async () => {
    const spend = await spendInWindow(db, '2024-01-10', '2024-01-31');

    expect(Object.fromEntries(spend)).toEqual({ a: 20, f: 0 });
    expect(await windowCounts(db, '2024-01-10', '2024-01-31')).toEqual({ customers: 4, buyers: 1 });
  });
});
