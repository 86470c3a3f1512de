import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { computeSegmentKpis, KpiInputError } from '../../../models/kpis/index.js';

/**
 * Four customers as of 2025-03-31 with a 30-day horizon: this horizon is (03-01, 03-31], the
 * previous one (01-30, 03-01]. The previous run (as of 2025-02-28) had a and b in `vip`, c in `lapsed`.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'segment-kpis-'));
const file = (name: string) => path.join(dir, `${name}.parquet`);
let db: DuckDbSession;

beforeAll(async () => {
  db = await openDuckDb();
  await db.run(`COPY (SELECT * FROM (VALUES ('a', 100.0, 0.1), ('b', 50.0, 0.4), ('c', 10.0, 0.9), ('d', 0.0, 0.5)) t(customerId, predictedClv, churnProbability))
    TO '${file('scores')}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT customerId, segments::VARCHAR[] AS segments FROM (VALUES ('a', ['vip', 'all']), ('b', ['vip', 'all']), ('c', ['lapsed', 'all']), ('d', ['all'])) t(customerId, segments))
    TO '${file('memberships')}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT customerId, segments::VARCHAR[] AS segments FROM (VALUES ('a', ['vip']), ('b', ['vip']), ('c', ['lapsed'])) t(customerId, segments))
    TO '${file('previous')}' (FORMAT parquet)`);
  await db.run(`COPY (SELECT customer_id, order_date::TIMESTAMP AS order_date, amount, order_id FROM (VALUES
      ('a', '2025-02-10', 40.0, 'o1'), ('a', '2025-03-10', 60.0, 'o2'), ('a', '2025-03-10', -10.0, 'r1'),
      ('b', '2025-02-15', 30.0, 'o3'),
      ('c', '2024-06-01', 20.0, NULL), ('c', '2024-06-01', 5.0, NULL),
      ('d', '2025-03-20', 0.0, 'o4'),
      ('a', '2025-04-05', 99.0, 'late')) t(customer_id, order_date, amount, order_id))
    TO '${file('orders')}' (FORMAT parquet)`);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const input = (previous: boolean) => ({
  asOf: '2025-03-31',
  horizonDays: 30,
  scoresFiles: [file('scores')],
  membershipsFiles: [file('memberships')],
  ordersFiles: [file('orders')],
  previous: previous ? { asOf: '2025-02-28', membershipsFiles: [file('previous')] } : null,
});

describe('computeSegmentKpis', () => {
  it('computes size, revenue, orders, value, retention and conversion per segment, by hand', async () => {
    const kpis = new Map((await computeSegmentKpis(db, input(true))).map((k) => [k.segmentId, k]));

    // vip: a (net 90 over orders o1 and o2; bought in both horizons; bought after 02-28) and b (30; previous horizon only).
    expect(kpis.get('vip')).toEqual({
      segmentId: 'vip',
      size: 2,
      share: 0.5,
      revenue: 120,
      revenueShare: Number((120 / 145).toFixed(6)),
      orders: 3,
      ordersPerCustomer: 1.5,
      averageOrderValue: 40,
      retention: 0.5,
      conversion: 0.5,
      meanPredictedClv: 75,
      meanChurnProbability: 0.25,
    });
    // lapsed: c bought twice on one day without order ids (one purchase day), long ago: no retention base, no conversion.
    expect(kpis.get('lapsed')).toMatchObject({ size: 1, revenue: 25, orders: 1, averageOrderValue: 25, retention: null, conversion: 0 });
    // all: d's zero-amount order is no order; the order after the as-of day counts nowhere.
    expect(kpis.get('all')).toMatchObject({ size: 4, share: 1, revenue: 145, revenueShare: 1, orders: 4, retention: 0.5, conversion: null });
  });

  // Publish computes the KPIs on every core, where the order rows are added in changes from run to run.
  it('sums revenue and means exactly, so the order the rows come in changes nothing', async () => {
    const orders = (rows: string) => `COPY (SELECT customer_id, order_date::TIMESTAMP AS order_date, amount::DOUBLE AS amount, order_id FROM (VALUES ${rows}) t(customer_id, order_date, amount, order_id))`;
    // In floating point, 1e16 + 1 is 1e16: added in this order the 1 is lost, in the other it is kept.
    await db.run(`${orders(`('a', '2025-03-01', 1e16, 'x1'), ('a', '2025-03-02', 1.0, 'x2'), ('a', '2025-03-03', -1e16, 'x3')`)} TO '${file('big-first')}' (FORMAT parquet)`);
    await db.run(`${orders(`('a', '2025-03-01', 1e16, 'x1'), ('a', '2025-03-03', -1e16, 'x3'), ('a', '2025-03-02', 1.0, 'x2')`)} TO '${file('big-apart')}' (FORMAT parquet)`);

    const revenue = async (ordersFile: string) =>
      (await computeSegmentKpis(db, { ...input(false), ordersFiles: [file(ordersFile)] })).find((k) => k.segmentId === 'vip')?.revenue;

    expect(await revenue('big-first')).toBe(1);
    expect(await revenue('big-apart')).toBe(1);
  });

  it('has no conversion on a first run', async () => {
    const kpis = await computeSegmentKpis(db, input(false));
    expect(kpis.every((k) => k.conversion === null)).toBe(true);
  });

  it('refuses a horizon that is not a whole number of days', async () => {
    await expect(computeSegmentKpis(db, { ...input(false), horizonDays: 0 })).rejects.toThrow(KpiInputError);
  });
});
