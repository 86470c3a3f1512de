import { horizonSpendSigma, robustExpectedTransactions, type BtydModels, type BtydPredictions } from '../btyd-predictor/index.js';
import { checkClvSettings, type ClvSettings } from './clv-settings.js';
import type { CustomerScore } from './customer-score.js';
import { ScoringInputError } from './errors.js';
import { discountedExpectedOrders, firstDayReaching } from './orders-curve.js';
import { spendInterval, zilnPart, type ZilnPart } from './spend-distribution.js';

/** One part of the serving family's predictive distribution of horizon spend (the blend has two). */
export interface SpendPartInput {
  weight: number;
  churnProbability: ArrayLike<number>;
  predictedSpend: ArrayLike<number>;
  /** Log-spread of spend given a purchase; null for BG/NBD + Gamma-Gamma's own, per customer (horizonSpendSigma). */
  sigma: number | null;
}

export interface CustomerScoresInput {
  horizonDays: number;
  btydModels: BtydModels;
  /** BG/NBD + Gamma-Gamma over the horizon as fitted, with the summaries they came from. */
  btyd: BtydPredictions;
  /** The serving family's churn and spend over the horizon, for the same customers in the same order. */
  churnProbability: ArrayLike<number>;
  predictedSpend: ArrayLike<number>;
  parts: readonly SpendPartInput[];
  clv: ClvSettings;
}

/** Customers this unlikely to be alive get no expected next order date, however heavy their history. */
const LIKELY_GONE = 0.5;
const DAY_MS = 86_400_000;
/** YYYY-MM-DD `days` after a day given as milliseconds since the epoch (no Date parsing per customer). */
const dayAfter = (startMs: number, days: number): string => new Date(startMs + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Every field of CustomerScore from the BTYD summaries and predictions and the serving family's
 * churn, spend and spend distribution. BG/NBD's expected-orders curve gives the time profile:
 * the family's expected orders are BG/NBD's scaled to its spend (expectedOrders x
 * expectedOrderValue = predictedSpend), and predictedClv is predictedSpend times the (discounted)
 * orders over clvHorizonDays per order in the horizon, so with clvHorizonDays = horizonDays and no
 * discount it equals predictedSpend.
 */
export function customerScores(input: CustomerScoresInput): CustomerScore[] {
  const { btyd, btydModels, horizonDays } = input;
  const { clvHorizonDays, annualDiscountRate } = checkClvSettings(input.clv);
  const { summaries } = btyd;
  const n = btyd.customerIds.length;
  const columns = [input.churnProbability, input.predictedSpend, ...input.parts.flatMap((p) => [p.churnProbability, p.predictedSpend])];
  if (summaries.customerIds.length !== n || columns.some((column) => column.length !== n)) {
    throw new ScoringInputError(`Scoring needs every prediction for the same ${n} customers.`);
  }
  const asOfMs = Date.parse(`${summaries.asOf}T00:00:00Z`);
  const scores = new Array<CustomerScore>(n);
  for (let i = 0; i < n; i += 1) {
    const customer = { x: summaries.x[i]!, tx: summaries.tx[i]!, T: summaries.T[i]!, mx: summaries.mx[i]! };
    const inHorizon = btyd.expectedTransactions[i]!;
    const known = new Map<number, number>([[horizonDays, inHorizon]]);
    const ordersWithin = (days: number): number => {
      let value = known.get(days);
      if (value === undefined) known.set(days, (value = robustExpectedTransactions(btydModels.bgNbd, customer, days)));
      return value;
    };
    const orderValue = btyd.expectedAverageSpend[i]!;
    const predictedSpend = input.predictedSpend[i]!;
    const expectedOrders = orderValue > 0 ? predictedSpend / orderValue : inHorizon;
    const scale = inHorizon > 0 ? expectedOrders / inHorizon : 1;
    const discounted = discountedExpectedOrders(ordersWithin, clvHorizonDays, annualDiscountRate);
    const predictedClv = inHorizon > 0 ? (predictedSpend * discounted) / inHorizon : predictedSpend * Math.min(1, clvHorizonDays / horizonDays);
    const probabilityAlive = btyd.probabilityAlive[i]!;
    const nextDay = probabilityAlive >= LIKELY_GONE ? firstDayReaching((days) => scale * ordersWithin(days), 1, clvHorizonDays) : null;
    let btydSigma: number | undefined;
    const parts: ZilnPart[] = input.parts.map((part) => {
      const zeroMass = Math.min(Math.max(part.churnProbability[i]!, 0), 1);
      const sigma = part.sigma ?? (btydSigma ??= horizonSpendSigma(btydModels, customer, horizonDays));
      return zilnPart(part.weight, zeroMass, part.predictedSpend[i]! / (1 - zeroMass), sigma);
    });
    const historicClv = summaries.firstSpend[i]! + customer.x * customer.mx;
    const firstOrderDate = dayAfter(asOfMs, -customer.T);
    scores[i] = {
      customerId: btyd.customerIds[i]!,
      horizonDays,
      churnProbability: input.churnProbability[i]!,
      probabilityAlive,
      expectedOrders,
      expectedOrderValue: orderValue,
      predictedSpend,
      ...spendInterval(parts),
      predictedClv,
      clvHorizonDays,
      annualDiscountRate,
      historicClv,
      totalClv: historicClv + predictedClv,
      averageDaysBetweenOrders: customer.x > 0 ? customer.tx / customer.x : null,
      expectedNextOrderDate: nextDay === null ? null : dayAfter(asOfMs, nextDay),
      frequency: customer.x,
      recency: customer.tx,
      T: customer.T,
      monetaryValue: customer.mx,
      firstOrderDate,
      lastOrderDate: dayAfter(asOfMs, customer.tx - customer.T),
    };
  }
  return scores;
}
