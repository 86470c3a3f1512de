import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredBacktest, UnscoredBacktest } from '../../../models/backtest/backtest-evaluation.js';
import { runBacktest, type RunBacktestResult } from '../../../models/backtest/run-backtest.js';
import { predictionsCsv } from '../../../models/backtest/write-predictions-csv.js';
import { calibrationInTheLarge, evaluatePredictions } from '../../../models/evaluation/index.js';
import { addDays } from '../../../models/features/dates.js';
import { syntheticOrdersCsv } from './synthetic-orders.js';

const AS_OF = '2023-12-31';
const HORIZON = 60;
const UNTIL = addDays(AS_OF, HORIZON);
const small = { asOf: AS_OF, horizonDays: HORIZON, seed: 3, settings: { networkMembers: 2 } };

interface Order {
  customer: string;
  day: string;
  amount: number;
}

const ordersOf = (csv: string): Order[] =>
  csv.trim().split('\n').slice(1).map((line) => {
    const [customer, day, amount] = line.split(',');
    return { customer: customer!, day: day!, amount: Number(amount) };
  });
const toCsv = (orders: readonly Order[]): string => `customer_id,order_date,amount\n${orders.map((o) => `${o.customer},${o.day},${o.amount.toFixed(2)}`).join('\n')}\n`;

/** The truth, read straight from the rows: each customer's spend in (AS_OF, UNTIL], and who first ordered in it. */
function truthOf(orders: readonly Order[]): { spend: Map<string, number>; newCustomers: number } {
  const spend = new Map<string, number>();
  const first = new Map<string, string>();
  for (const { customer, day, amount } of orders) {
    if (day > AS_OF && day <= UNTIL) spend.set(customer, (spend.get(customer) ?? 0) + amount);
    if (!first.has(customer) || day < first.get(customer)!) first.set(customer, day);
  }
  const newCustomers = [...first.values()].filter((day) => day > AS_OF && day <= UNTIL).length;
  return { spend, newCustomers };
}

/** The metrics of a result's own predictions against a known future, computed here without the backtest's code path. */
function expectedProductMetrics(result: RunBacktestResult, spend: ReadonlyMap<string, number>) {
  const actual = result.predictions.customerIds.map((id) => spend.get(id) ?? 0);
  const churn = Array.from(result.predictions.churnProbability);
  const value = Array.from(result.predictions.predictedValue);
  return { ...evaluatePredictions(churn, value, actual), ...calibrationInTheLarge(churn, value, actual) };
}

const scored = (result: RunBacktestResult): ScoredBacktest => {
  expect(result.evaluation.status, JSON.stringify(result.evaluation)).toBe('scored');
  return result.evaluation as ScoredBacktest;
};

describe('a backtest scores its predictions against the rows after as-of', () => {
  let dir: string;
  let orders: Order[];
  let result: RunBacktestResult;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-evaluation-'));
    // Two customers first order inside the horizon and one after it: only the first two are new customers in it.
    const newcomers = [
      { customer: 'N1', day: addDays(AS_OF, 5), amount: 20 },
      { customer: 'N2', day: UNTIL, amount: 30 },
      { customer: 'N3', day: addDays(UNTIL, 1), amount: 40 },
    ];
    orders = [...ordersOf(syntheticOrdersCsv(1500, 480, 11)), ...newcomers];
    const file = path.join(dir, 'orders.csv');
    await writeFile(file, toCsv(orders), 'utf8');
    result = await runBacktest({ ordersPath: file, ...small });
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('scores every predicted customer on (as-of, as-of + horizon], and counts the new customers it cannot score', () => {
    const evaluation = scored(result);
    const truth = truthOf(orders);
    const predicted = result.predictions.customerIds;
    const churned = predicted.filter((id) => !(truth.spend.get(id)! > 0)).length;

    expect(evaluation.window).toEqual({ after: AS_OF, until: UNTIL });
    expect(evaluation.customers).toBe(predicted.length);
    expect(evaluation.churnRate).toBeCloseTo(churned / predicted.length, 12);
    expect(evaluation.newCustomers).toBe(truth.newCustomers);
    expect(evaluation.newCustomers).toBe(2);
    expect(predicted).not.toContain('N1');
  });

  it("computes the product's metrics from those rows alone (rows after the horizon are not counted)", () => {
    const evaluation = scored(result);
    const expected = expectedProductMetrics(result, truthOf(orders).spend);
    const product = evaluation.models.product;

    for (const key of ['churnAuc', 'churnBrier', 'clvNormalizedGini', 'clvDecileMape', 'clvSpearman', 'churnMeanPredicted', 'churnObserved', 'clvPredictedTotal', 'clvActualTotal'] as const) {
      expect(product[key], key).toBeCloseTo(expected[key], 6);
    }
    expect(orders.some((o) => o.day > UNTIL)).toBe(true);
  });

  it('scores both baselines on the same customers and names the better model per metric', () => {
    const evaluation = scored(result);
    const { btyd, gradientBoosting } = evaluation.models;

    expect(result.card.family).not.toBe('btyd');
    expect(btyd.customers).toBe(evaluation.customers);
    expect(gradientBoosting?.customers).toBe(evaluation.customers);
    expect(btyd.clvActualTotal).toBeCloseTo(evaluation.models.product.clvActualTotal, 6);
    expect(btyd.churnAuc).not.toBeCloseTo(evaluation.models.product.churnAuc, 6);
    expect(evaluation.unavailable).toEqual({});
    expect(Object.keys(evaluation.better).sort()).toEqual(['churnAuc', 'churnBrier', 'churnMeanPredicted', 'clvDecileMape', 'clvNormalizedGini', 'clvPredictedTotal']);
    const aucs = { product: evaluation.models.product.churnAuc, btyd: btyd.churnAuc, gradientBoosting: gradientBoosting!.churnAuc };
    expect(evaluation.better.churnAuc).toEqual([Object.entries(aucs).sort((a, b) => b[1] - a[1])[0]![0]]);
  });

  it('changes its scores, not its predictions, when only the rows after as-of change: a future the churn ranking foretells gives AUC 1', async () => {
    // Buyers in the horizon are exactly the half with the lowest predicted churn, each spending its predicted value.
    const churnOf = new Map(result.predictions.customerIds.map((id, i) => [id, result.predictions.churnProbability[i]!]));
    const valueOf = new Map(result.predictions.customerIds.map((id, i) => [id, result.predictions.predictedValue[i]!]));
    const median = [...churnOf.values()].sort((a, b) => a - b)[Math.floor(churnOf.size / 2)]!;
    const future = [...churnOf].filter(([, churn]) => churn < median).map(([customer]) => ({ customer, day: addDays(AS_OF, 10), amount: Math.max(0.01, Math.round(100 * valueOf.get(customer)!) / 100) }));
    const rewritten = [...orders.filter((o) => o.day <= AS_OF), ...future, { customer: 'C0', day: UNTIL, amount: 5 }];
    const file = path.join(dir, 'foretold.csv');
    await writeFile(file, toCsv(rewritten), 'utf8');

    const again = await runBacktest({ ordersPath: file, ...small });
    const evaluation = scored(again);

    expect(predictionsCsv(again.predictions)).toBe(predictionsCsv(result.predictions));
    expect(evaluation.models.product.churnAuc).toBe(1);
    expect(evaluation.newCustomers).toBe(0);
    const expected = expectedProductMetrics(again, truthOf(rewritten).spend);
    expect(evaluation.models.product.churnBrier).toBeCloseTo(expected.churnBrier, 9);
    expect(evaluation.models.product.clvActualTotal).toBeCloseTo(expected.clvActualTotal, 6);
    expect(evaluation.churnRate).not.toBeCloseTo(scored(result).churnRate, 3);
  }, 120_000);
});

describe('a backtest that cannot be scored says why and which as-of would do', () => {
  let dir: string;
  let orders: Order[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backtest-unscored-'));
    orders = ordersOf(syntheticOrdersCsv(300, 480, 5));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const backtestOf = async (name: string, rows: readonly Order[]): Promise<{ result: RunBacktestResult; evaluation: UnscoredBacktest }> => {
    const file = path.join(dir, name);
    await writeFile(file, toCsv(rows), 'utf8');
    const result = await runBacktest({ ordersPath: file, ...small });
    expect(result.evaluation.status).not.toBe('scored');
    return { result, evaluation: result.evaluation as UnscoredBacktest };
  };

  it('with no rows after as-of: predictions, no scores, and the latest as-of the file can score', async () => {
    const before = orders.filter((o) => o.day <= AS_OF);
    const lastOrder = before.map((o) => o.day).sort().at(-1)!;

    const { result, evaluation } = await backtestOf('until-as-of.csv', before);

    expect(result.predictions.customerIds.length).toBeGreaterThan(0);
    expect(evaluation.status).toBe('no-orders-after-as-of');
    expect(evaluation.lastOrder).toBe(lastOrder);
    expect(evaluation.suggestedAsOf).toBe(addDays(lastOrder, -HORIZON));
    expect(evaluation.message).toContain(`No orders after as-of ${AS_OF}`);
    expect(evaluation.message).toContain(`--as-of ${addDays(lastOrder, -HORIZON)}`);
  }, 120_000);

  it('with rows covering only part of the horizon: no scores, and how many days are covered', async () => {
    const partial = orders.filter((o) => o.day <= addDays(AS_OF, 30));
    const lastOrder = partial.map((o) => o.day).sort().at(-1)!;

    const { evaluation } = await backtestOf('part-of-horizon.csv', partial);

    expect(lastOrder > AS_OF).toBe(true);
    expect(evaluation.status).toBe('horizon-not-covered');
    expect(evaluation.message).toMatch(new RegExp(`orders end on ${lastOrder}, \\d+ of the ${HORIZON} days of the horizon`));
    expect(evaluation.message).toContain(`--as-of ${addDays(lastOrder, -HORIZON)}`);
  }, 120_000);

  it('when no predicted customer bought in the horizon: no scores, since AUC and Gini are undefined', async () => {
    // The only order after as-of is a newcomer's, after the horizon: covered, but nobody predicted bought.
    const quiet = [...orders.filter((o) => o.day <= AS_OF), { customer: 'late', day: addDays(UNTIL, 3), amount: 10 }];

    const { evaluation } = await backtestOf('nobody-bought.csv', quiet);

    expect(evaluation.status).toBe('one-outcome');
    expect(evaluation.message).toMatch(/^none of the \d+ customers predicted bought in \(2023-12-31, 2024-02-29\]/);
  }, 120_000);
});
