import type { CustomerRow } from '../../functions/adapters/customer-items/index.js';

/** A complete, consistent customer row (every CustomerScore field plus segments), overridden as a test needs. */
export function customerRowOf(customerId: string, overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    customerId,
    horizonDays: 90,
    churnProbability: 0.4,
    probabilityAlive: 0.8,
    expectedOrders: 1.2,
    expectedOrderValue: 25,
    predictedSpend: 30,
    predictedSpendLow: 0,
    predictedSpendHigh: 75,
    predictedClv: 100,
    clvHorizonDays: 365,
    annualDiscountRate: 0,
    historicClv: 120,
    totalClv: 220,
    averageDaysBetweenOrders: 40,
    expectedNextOrderDate: '2025-02-10',
    frequency: 3,
    recency: 120,
    T: 300,
    monetaryValue: 30,
    firstOrderDate: '2024-03-06',
    lastOrderDate: '2024-07-04',
    segments: [],
    ...overrides,
  };
}
