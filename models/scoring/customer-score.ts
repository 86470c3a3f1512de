/**
 * Every predictive field of one customer as of a day: what the score item, `segments customer`
 * and the scores export carry, under these names. Money is in the orders' currency, time in days.
 * The README's field table says which model produces each. (A type, not an interface, so records
 * built on it stay plain records.)
 */
export type CustomerScore = {
  customerId: string;
  /** The prediction horizon: churn, expected orders and predicted spend are about (asOf, asOf + horizonDays]. */
  horizonDays: number;
  /** P(no order in the horizon), from the model family. */
  churnProbability: number;
  /** P(still a customer at asOf) under BG/NBD. */
  probabilityAlive: number;
  /** Expected orders (purchase days) in the horizon; expectedOrders x expectedOrderValue = predictedSpend. */
  expectedOrders: number;
  /** Expected spend per order (Gamma-Gamma's conditional mean, or the population mean without a fit). */
  expectedOrderValue: number;
  /** Expected spend in the horizon, from the model family. */
  predictedSpend: number;
  /** 10th and 90th percentiles of spend in the horizon: an 80% interval. */
  predictedSpendLow: number;
  predictedSpendHigh: number;
  /** Expected spend in (asOf, asOf + clvHorizonDays], discounted at annualDiscountRate. */
  predictedClv: number;
  clvHorizonDays: number;
  annualDiscountRate: number;
  /** Net spend up to asOf (returns netted). */
  historicClv: number;
  /** historicClv + predictedClv. */
  totalClv: number;
  /** Mean days between purchase days; null with a single purchase day. */
  averageDaysBetweenOrders: number | null;
  /** First day by which expected orders reach 1; null when beyond clvHorizonDays or P(alive) < 0.5. */
  expectedNextOrderDate: string | null;
  /** lifetimes' summary: repeat purchase days, days from the first to the last purchase day, days from the first purchase day to asOf, mean repeat spend. */
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
  /** YYYY-MM-DD of the first and last purchase day. */
  firstOrderDate: string;
  lastOrderDate: string;
};
