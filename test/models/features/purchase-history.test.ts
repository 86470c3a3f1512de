import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBtydSummaries } from '../../../models/btyd-predictor/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { computeFeatures } from '../../../models/features/compute-features.js';
import { customerHistories, loadPurchaseHistory, WINDOWS_DAYS, type CustomerHistories } from '../../../models/features/purchase-history.js';
import { epochDay } from '../../../models/features/dates.js';
import { referenceBehaviourFeaturesSql, referenceSummariesSql } from '../../support/reference-behaviour-sql.js';
import { seededRandom } from '../../support/seeded-random.js';

let db: DuckDbSession;

/**
 * Orders with what makes the arithmetic hard: several orders a day, free orders, returns (some
 * on purchase days, some larger than the purchases, one customer with only returns), one-day
 * customers, orders after the cut-offs, and ids that sort differently as bytes and as text.
 */
beforeAll(async () => {
  db = await openDuckDb();
  const random = seededRandom(11);
  const rows: string[] = [];
  for (let c = 0; c < 400; c += 1) {
    const id = c % 50 === 0 ? `Ünïcode-${c}` : c % 7 === 0 ? `c${c}` : `C${String(c).padStart(4, '0')}`;
    const orders = c % 9 === 0 ? 1 : 1 + Math.floor(random() * 25);
    let day = Math.floor(random() * 500);
    for (let k = 0; k < orders; k += 1) {
      const amount = random() < 0.08 ? 0 : random() < 0.1 ? -Math.round(random() * 150 * 100) / 100 : Math.round(random() * 200 * 100) / 100;
      rows.push(`('${id}', TIMESTAMP '2023-01-01 10:00' + INTERVAL ${day} DAY, ${amount})`);
      if (random() < 0.3) rows.push(`('${id}', TIMESTAMP '2023-01-01 15:00' + INTERVAL ${day} DAY, ${Math.round(random() * 50 * 100) / 100})`);
      day += Math.floor(random() * 60);
    }
  }
  rows.push(`('only-returns', TIMESTAMP '2023-03-01', -25.0)`);
  await db.run(`CREATE TABLE orders AS SELECT * FROM (VALUES ${rows.join(',\n')}) t(customer_id, order_date, amount)`);
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, phone VARCHAR, country VARCHAR, signup_date TIMESTAMP, acquisition_channel VARCHAR)`);
  await db.run(`INSERT INTO customers VALUES ('C0001', 'a@example.com', NULL, 'GB', TIMESTAMP '2022-06-01', 'referral'), ('c7', NULL, '+44', 'fr', NULL, NULL)`);
});
afterAll(() => db.close());

describe('features and BG/NBD summaries from the purchase history', () => {
  it.each(['2023-06-30', '2024-01-15', '2025-12-31'])('agree with the reference SQL as of %s', async (asOf) => {
    const history = await loadPurchaseHistory(db);
    const { frame } = await computeFeatures(db, asOf, { country: ['gb', 'fr'], acquisitionChannel: ['referral'] }, history);
    const reference = await db.columnar(referenceBehaviourFeaturesSql(asOf));
    expect(frame.customerIds).toEqual(reference.texts('customer_id'));
    expect(frame.customerIds).not.toContain('only-returns');
    const width = frame.featureNames.length;
    frame.featureNames.slice(0, 21).forEach((name, j) => {
      const expected = reference.numbers(name);
      frame.customerIds.forEach((_, i) => expect(frame.values[i * width + j], `${name} of ${frame.customerIds[i]}`).toBeCloseTo(expected[i]!, 4));
    });
    frame.customerIds.forEach((_, i) => {
      expect(frame.rfm.recencyDays[i]).toBe(reference.numbers('recency_days')[i]);
      expect(frame.rfm.frequency[i]).toBe(reference.numbers('frequency')[i]);
      expect(frame.rfm.monetary[i]).toBeCloseTo(reference.numbers('monetary')[i]!, 6);
    });

    const summaries = await loadBtydSummaries(db, asOf, history);
    const expected = await db.columnar(referenceSummariesSql(asOf));
    expect(summaries.customerIds).toEqual(expected.texts('customer_id'));
    for (const key of ['x', 'tx', 'T', 'mx'] as const) {
      summaries[key].forEach((v, i) => expect(v, `${key} of ${summaries.customerIds[i]}`).toBeCloseTo(expected.numbers(key)[i]!, 6));
    }
    summaries.firstSpend.forEach((v, i) => expect(v).toBeCloseTo(expected.numbers('first_spend')[i]!, 6));
  });

  it('computes each behaviour feature, to the bit, as its definition one column at a time does', async () => {
    const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);
    type Feature = (c: CustomerHistories, i: number, cutoff: number) => number;
    const recency: Feature = (c, i, t) => t - c.lastDay[i]!;
    const tenure: Feature = (c, i, t) => t - c.firstDay[i]!;
    const average: Feature = (c, i) => c.total[i]! / c.days[i]!;
    const w90 = WINDOWS_DAYS.indexOf(90);
    const definitions: [string, Feature][] = [
      ['log_recency', (c, i, t) => Math.log(1 + recency(c, i, t))],
      ['log_tenure', (c, i, t) => Math.log(1 + tenure(c, i, t))],
      ['log_frequency', (c, i) => Math.log(c.days[i]!)],
      ['log_monetary', (c, i) => Math.log(1 + c.total[i]!)],
      ['log_avg_order_value', (c, i, t) => Math.log(1 + average(c, i, t))],
      ['log_max_order_value', (c, i) => Math.log(1 + c.maxDaySpend[i]!)],
      ['order_value_cv', (c, i, t) => c.stdDaySpend[i]! / Math.max(average(c, i, t), 1e-9)],
      ['one_time_buyer', (c, i) => (c.days[i] === 1 ? 1 : 0)],
      ['log_mean_gap', (c, i) => orZero(Math.log(1 + c.meanGap[i]!))],
      ['gap_cv', (c, i) => orZero(orZero(c.stdGap[i]!) / Math.max(orZero(c.meanGap[i]!), 1))],
      ['recency_over_gap', (c, i, t) => orZero(Math.log(1 + recency(c, i, t) / (c.meanGap[i]! + 1)))],
      ['orders_per_month', (c, i, t) => Math.log(1 + (30 * c.days[i]!) / (tenure(c, i, t) + 30))],
      ['spend_trend_90d', (c, i) => Math.log(1 + c.windowSpend[w90]![i]!) - Math.log(1 + c.spendPrevious90[i]!)],
      ...WINDOWS_DAYS.flatMap((w, k): [string, Feature][] => [
        [`log_orders_${w}d`, (c, i) => Math.log(1 + c.windowDays[k]![i]!)],
        [`log_spend_${w}d`, (c, i) => Math.log(1 + c.windowSpend[k]![i]!)],
      ]),
    ];
    const history = await loadPurchaseHistory(db);
    for (const asOf of ['2023-06-30', '2025-12-31']) {
      const customers = customerHistories(history, asOf);
      const { frame } = await computeFeatures(db, asOf, { country: [], acquisitionChannel: [] }, history);
      const width = frame.featureNames.length;
      expect(frame.featureNames.slice(0, definitions.length)).toEqual(definitions.map(([name]) => name));
      definitions.forEach(([name, feature], j) => {
        customers.customerIds.forEach((id, i) => {
          expect(frame.values[i * width + j], `${name} of ${id}`).toBe(Math.fround(orZero(feature(customers, i, epochDay(asOf)))));
        });
      });
    }
  });

  it('reads profile columns by customer id', async () => {
    const { frame } = await computeFeatures(db, '2025-12-31', { country: ['gb', 'fr'], acquisitionChannel: ['referral'] });
    const column = (name: string) => frame.featureNames.indexOf(name);
    const row = (id: string) => frame.customerIds.indexOf(id) * frame.featureNames.length;
    expect(frame.values[row('C0001') + column('has_email')]).toBe(1);
    expect(frame.values[row('C0001') + column('country_gb')]).toBe(1);
    expect(frame.values[row('C0001') + column('channel_referral')]).toBe(1);
    expect(frame.values[row('c7') + column('country_fr')]).toBe(1);
    expect(frame.values[row('c7') + column('has_email')]).toBe(0);
    expect(frame.values[row('C0002') + column('has_profile')]).toBe(0);
  });

  it('reads profiles once per history, with the signup age of each cut-off', async () => {
    // Arrange: one history shared by two cut-offs, as a fit's frames share it.
    const vocabulary = { country: ['gb'], acquisitionChannel: [] };
    const shared = await loadPurchaseHistory(db);

    // Act
    const early = (await computeFeatures(db, '2023-06-30', vocabulary, shared)).frame;
    const late = (await computeFeatures(db, '2025-12-31', vocabulary, shared)).frame;

    // Assert: each frame as its own read of the orders and profiles gives it, and the age as SQL computes it.
    for (const [asOf, frame] of [['2023-06-30', early], ['2025-12-31', late]] as const) {
      expect(frame.values).toEqual((await computeFeatures(db, asOf, vocabulary)).frame.values);
    }
    const signupAge = (id: string) => late.values[late.customerIds.indexOf(id) * late.featureNames.length + late.featureNames.indexOf('log_signup_age')];
    const [expected] = await db.rows<{ age: number }>(`SELECT CAST(ln(1 + datediff('day', DATE '2022-06-01', DATE '2025-12-31')) AS FLOAT) AS age`);
    expect(signupAge('C0001')).toBe(expected!.age);
    expect(signupAge('c7')).toBe(0);
  });
});
