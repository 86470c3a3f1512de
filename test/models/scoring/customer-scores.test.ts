import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitBtydModels, loadBtydSummaries, robustExpectedTransactions, type BtydModels } from '../../../models/btyd-predictor/index.js';
import { scoreFrame } from '../../../models/churn-clv/score-customers.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { addDays, daysBetween } from '../../../models/features/dates.js';
import { buildCustomerFrame, type CustomerFrame, type FamilyModel } from '../../../models/model-families/index.js';
import { customerScores, type CustomerScore } from '../../../models/scoring/index.js';

const AS_OF = '2024-12-31';
const VOCABULARY = { country: [], acquisitionChannel: [] };
let db: DuckDbSession;
let btydModels: BtydModels;
let frame: CustomerFrame;
let model: FamilyModel;
let scores: CustomerScore[];
const byId = (id: string) => scores.find((s) => s.customerId === id)!;

beforeAll(async () => {
  db = await openDuckDb();
  await db.run(`CREATE TABLE customers (customer_id VARCHAR, email VARCHAR, phone VARCHAR, country VARCHAR, signup_date TIMESTAMP, acquisition_channel VARCHAR)`);
  // 400 customers buying on pseudo-random days of 2023-2024 (a quarter of them only in early 2023,
  // and fewer times); `free` only ever got free orders,
  // `ret` returned part of a purchase, `later` first buys after the as-of day.
  await db.run(`CREATE TABLE orders AS
    SELECT 'c' || (i % 400) AS customer_id,
      TIMESTAMP '2023-01-01' + INTERVAL (CAST(hash(i) % (CASE WHEN i % 400 >= 300 THEN 150 ELSE 730 END) AS INTEGER)) DAY AS order_date,
      CAST(5 + hash(i * 7) % 90 AS DOUBLE) AS amount
    FROM range(3000) t(i)
    WHERE i % 400 < 50 OR hash(i * 13) % (CASE WHEN i % 400 >= 300 THEN 6 ELSE 3 END) > 0
    UNION ALL SELECT * FROM (VALUES
      ('free', TIMESTAMP '2024-06-01', 0.0), ('free', TIMESTAMP '2024-11-20', 0.0),
      ('ret', TIMESTAMP '2024-03-01', 100.0), ('ret', TIMESTAMP '2024-09-01', 60.0), ('ret', TIMESTAMP '2024-09-20', -40.0),
      ('later', TIMESTAMP '2025-01-05', 30.0)
    ) v(customer_id, order_date, amount)`);
  btydModels = fitBtydModels(await loadBtydSummaries(db, AS_OF));
  frame = await buildCustomerFrame(db, AS_OF, 90, VOCABULARY, btydModels);
  model = { family: 'btyd', inputs: { horizonDays: 90, btyd: btydModels, vocabulary: VOCABULARY, featureNames: frame.features.featureNames }, parameters: {}, networks: [] };
  scores = scoreFrame(model, frame, { clvHorizonDays: 365, annualDiscountRate: 0 });
}, 60_000);
afterAll(() => db.close());

describe('customerScores with BG/NBD + Gamma-Gamma', () => {
  it('scores every customer with an order on or before as-of, free orders included, with every field finite', () => {
    const numbers = scores.flatMap((s) => Object.entries(s).filter(([, v]) => typeof v === 'number'));

    expect(scores.map((s) => s.customerId)).toEqual(frame.btyd.customerIds);
    expect(scores.map((s) => s.customerId)).toContain('free');
    expect(scores.map((s) => s.customerId)).not.toContain('later');
    expect(numbers.filter(([, v]) => !Number.isFinite(v))).toEqual([]);
    expect(byId('free')).toMatchObject({ frequency: 1, recency: 172, historicClv: 0, monetaryValue: 0, firstOrderDate: '2024-06-01', lastOrderDate: '2024-11-20' });
    expect(byId('free').predictedSpend).toBeGreaterThanOrEqual(0);
  });

  it('takes churn, P(alive), orders and order value from BTYD, with orders x order value = predicted spend', () => {
    scores.forEach((s, i) => {
      expect(s.churnProbability).toBeCloseTo(frame.btyd.churnProbability[i]!, 12);
      expect(s.probabilityAlive).toBe(frame.btyd.probabilityAlive[i]);
      expect(s.expectedOrders).toBeCloseTo(frame.btyd.expectedTransactions[i]!, 10);
      expect(s.expectedOrderValue).toBe(frame.btyd.expectedAverageSpend[i]);
      expect(s.predictedSpend).toBeCloseTo(s.expectedOrders * s.expectedOrderValue, 8);
    });
  });

  it("gives lifetimes' summary, net historic value and the mean gap between purchase days", () => {
    const summaries = frame.btyd.summaries;
    scores.forEach((s, i) => {
      expect([s.frequency, s.recency, s.T, s.monetaryValue]).toEqual([summaries.x[i], summaries.tx[i], summaries.T[i], summaries.mx[i]]);
      expect(s.historicClv).toBeCloseTo(frame.features.rfm.monetary[i]!, 8);
      expect(s.totalClv).toBeCloseTo(s.historicClv + s.predictedClv, 8);
      expect(s.averageDaysBetweenOrders).toBe(s.frequency > 0 ? s.recency / s.frequency : null);
      expect(daysBetween(s.firstOrderDate, AS_OF)).toBe(s.T);
      expect(daysBetween(s.lastOrderDate, AS_OF)).toBe(frame.features.rfm.recencyDays[i]);
    });
    expect(byId('ret')).toMatchObject({ historicClv: 120, frequency: 1, recency: 184, averageDaysBetweenOrders: 184, monetaryValue: 45 });
  });

  it('makes predicted CLV the horizon spend over one horizon, more over a year, and less once discounted', () => {
    const sameHorizon = scoreFrame(model, frame, { clvHorizonDays: 90, annualDiscountRate: 0 });
    const discounted = scoreFrame(model, frame, { clvHorizonDays: 365, annualDiscountRate: 0.1 });

    scores.forEach((s, i) => {
      expect(sameHorizon[i]!.predictedClv).toBeCloseTo(s.predictedSpend, 8);
      expect(s.predictedClv).toBeGreaterThanOrEqual(s.predictedSpend);
      expect(discounted[i]!.predictedClv).toBeLessThanOrEqual(s.predictedClv);
      expect(discounted[i]!.predictedClv).toBeGreaterThan(s.predictedClv / 1.1 - 1e-9);
    });
    expect(scores.filter((s) => s.predictedClv > 1.5 * s.predictedSpend).length).toBeGreaterThan(scores.length / 2);
  });

  it('dates the next order on the first day expected orders reach 1, only for customers likely alive', () => {
    const summaries = frame.btyd.summaries;
    const dated = scores.filter((s) => s.expectedNextOrderDate !== null);

    scores.forEach((s, i) => {
      const customer = { x: summaries.x[i]!, tx: summaries.tx[i]!, T: summaries.T[i]! };
      const expected = (days: number) => robustExpectedTransactions(btydModels.bgNbd, customer, days);
      if (s.expectedNextOrderDate === null) {
        expect(s.probabilityAlive < 0.5 || expected(365) < 1).toBe(true);
      } else {
        const day = daysBetween(AS_OF, s.expectedNextOrderDate);
        expect(expected(day)).toBeGreaterThanOrEqual(1);
        if (day > 1) expect(expected(day - 1)).toBeLessThan(1);
      }
    });
    expect(dated.length).toBeGreaterThan(10);
    expect(dated.length).toBeLessThan(scores.length);
  });

  it('gives an 80% interval of horizon spend: 0 as its low end when P(no order) is at least 10%', () => {
    for (const s of scores) {
      expect(s.predictedSpendLow).toBeLessThanOrEqual(s.predictedSpendHigh);
      if (s.churnProbability >= 0.1) expect(s.predictedSpendLow).toBe(0);
      else expect(s.predictedSpendLow).toBeGreaterThan(0);
      if (s.churnProbability < 0.8 && s.predictedSpend > 0) expect(s.predictedSpendHigh).toBeGreaterThan(0);
    }
  });
});

describe('customerScores with a family that predicts its own spend', () => {
  it('scales BG/NBD expected orders, CLV and the next order date to the family spend', () => {
    const { btyd } = frame;
    const doubled = Float64Array.from(btyd.expectedSpend, (v) => 2 * v);
    const part = { weight: 1, churnProbability: btyd.churnProbability, predictedSpend: doubled, sigma: 0.8 };

    const scaled = customerScores({ horizonDays: 90, btydModels, btyd, churnProbability: btyd.churnProbability, predictedSpend: doubled, parts: [part], clv: { clvHorizonDays: 365, annualDiscountRate: 0 } });

    scaled.forEach((s, i) => {
      const base = scores[i]!;
      expect(s.expectedOrders).toBeCloseTo(2 * base.expectedOrders, 8);
      expect(s.predictedClv).toBeCloseTo(2 * base.predictedClv, 6);
      if (base.expectedNextOrderDate) expect(s.expectedNextOrderDate! <= base.expectedNextOrderDate).toBe(true);
      if (base.probabilityAlive >= 0.5 && s.expectedNextOrderDate) expect(s.expectedNextOrderDate <= addDays(AS_OF, 365)).toBe(true);
    });
    expect(scaled.filter((s, i) => s.expectedNextOrderDate !== null && scores[i]!.expectedNextOrderDate === null).length).toBeGreaterThan(0);
  });
});
