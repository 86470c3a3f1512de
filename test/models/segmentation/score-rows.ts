import type { CustomerScore } from '../../../models/scoring/index.js';
import { segmentationScoreOf, type SegmentationScore } from '../../../models/segmentation/index.js';

/** As of 2024-12-31: first order 2024-09-02 (T 120), last order 2024-12-01 (recency 90 days after the first). */
export const AS_OF = '2024-12-31';

/** A whole score row (consistent with AS_OF unless overridden), plus extra columns such as a profile's country. */
export function rowScore(customerId: string, overrides: Partial<CustomerScore> = {}, extra: Record<string, unknown> = {}): SegmentationScore {
  const row: CustomerScore = {
    customerId,
    horizonDays: 90,
    churnProbability: 0.2,
    probabilityAlive: 0.8,
    expectedOrders: 1,
    expectedOrderValue: 50,
    predictedSpend: 50,
    predictedSpendLow: 0,
    predictedSpendHigh: 100,
    predictedClv: 200,
    clvHorizonDays: 365,
    annualDiscountRate: 0,
    historicClv: 300,
    totalClv: 500,
    averageDaysBetweenOrders: 45,
    expectedNextOrderDate: '2025-01-20',
    frequency: 2,
    recency: 90,
    T: 120,
    monetaryValue: 100,
    firstOrderDate: '2024-09-02',
    lastOrderDate: '2024-12-01',
    ...overrides,
  };
  const score = segmentationScoreOf(row);
  return { ...score, row: { ...row, ...extra } };
}

/** A customer whose last order was `daysAgo` days before AS_OF (first order 400 days before). */
export function lastOrderDaysAgo(customerId: string, daysAgo: number, overrides: Partial<CustomerScore> = {}): SegmentationScore {
  const asOf = Date.UTC(2024, 11, 31);
  const day = (offset: number) => new Date(asOf - offset * 86_400_000).toISOString().slice(0, 10);
  return rowScore(customerId, { T: 400, recency: 400 - daysAgo, firstOrderDate: day(400), lastOrderDate: day(daysAgo), ...overrides });
}
