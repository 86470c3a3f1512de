import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fitBtydModels, loadBtydSummaries, predictBtyd } from '../../../models/btyd-predictor/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';

let db: DuckDbSession;

beforeEach(async () => {
  db = await openDuckDb();
  await db.run(`CREATE TABLE orders AS SELECT * FROM (VALUES
    ('a', TIMESTAMP '2024-01-01 09:00', 10.0), ('a', TIMESTAMP '2024-01-01 17:00', 5.0),
    ('a', TIMESTAMP '2024-01-11 10:00', 20.0), ('a', TIMESTAMP '2024-01-21 10:00', 40.0),
    ('b', TIMESTAMP '2024-01-05 10:00', 7.0), ('c', TIMESTAMP '2024-02-01 10:00', 9.0)
  ) t(customer_id, order_date, amount)`);
});
afterEach(() => db.close());

describe('loadBtydSummaries', () => {
  it('counts customer-days in days as of the day and ignores later orders', async () => {
    const summaries = await loadBtydSummaries(db, '2024-01-31');

    expect(summaries.customerIds).toEqual(['a', 'b']);
    expect(Array.from(summaries.x)).toEqual([2, 0]);
    expect(Array.from(summaries.tx)).toEqual([20, 0]);
    expect(Array.from(summaries.T)).toEqual([30, 26]);
    expect(Array.from(summaries.mx)).toEqual([30, 0]);
    expect(Array.from(summaries.firstSpend)).toEqual([15, 7]);
  });
});

describe('predictBtyd', () => {
  it('gives probabilities in [0, 1] and non-negative spend for every customer, in the same order', async () => {
    await db.run(`INSERT INTO orders SELECT 'r' || (i % 60), TIMESTAMP '2024-01-01' + INTERVAL (i * 7 % 150) DAY, 10 + i % 13 FROM range(400) t(i)`);
    const summaries = await loadBtydSummaries(db, '2024-06-30');

    const predictions = predictBtyd(fitBtydModels(summaries), summaries, 90);

    expect(predictions.customerIds).toEqual(summaries.customerIds);
    for (let i = 0; i < summaries.customerIds.length; i += 1) {
      expect(predictions.churnProbability[i]).toBeGreaterThanOrEqual(0);
      expect(predictions.churnProbability[i]).toBeLessThanOrEqual(1);
      expect(predictions.expectedSpend[i]).toBeGreaterThanOrEqual(0);
    }
  });
});
