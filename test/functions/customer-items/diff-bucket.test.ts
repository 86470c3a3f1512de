import { describe, expect, it } from 'vitest';
import { scoreItemOf, type CustomerRow, type StoredItem } from '../../../functions/adapters/customer-items/customer-item.js';
import { DEFAULT_TOLERANCE, diffBucket, type Tolerance } from '../../../functions/adapters/customer-items/diff-bucket.js';
import { customerRowOf } from '../../support/customer-rows.js';

const BEFORE = { runId: 'r1', asOf: '2024-12-31', modelVersion: 'm1' };
const AFTER = { runId: 'r2', asOf: '2025-01-01', modelVersion: 'm1' };
const settled = () => true;

/** What the next run writes for one customer whose stored item came from `base`, now scored `next`. */
function reasonFor(base: Partial<CustomerRow>, next: Partial<CustomerRow>, tolerance: Tolerance = DEFAULT_TOLERANCE): string | null {
  const stored: StoredItem = { ...scoreItemOf(customerRowOf('c1', base), BEFORE) };
  const { counts } = diffBucket([stored], [customerRowOf('c1', { ...base, ...next })], AFTER, settled, tolerance);
  if (counts.scoreItemsWritten === 0) return null;
  const reasons = { probability: counts.scoreWritesProbability, value: counts.scoreWritesValue, nextOrderDate: counts.scoreWritesNextOrderDate, orders: counts.scoreWritesOrders };
  return Object.entries(reasons).find(([, n]) => n > 0)?.[0] ?? 'other';
}

describe('diffBucket with the default write tolerance', () => {
  it('is 0.02 on probabilities, max(5%, 1 currency unit) on predicted values and 7 days on the next order date', () => {
    expect(DEFAULT_TOLERANCE).toEqual({ probability: 0.02, valueRelative: 0.05, valueAbsolute: 1, nextOrderDays: 7 });
  });

  it('leaves a churn probability or P(alive) that moved 0.019 and rewrites one that moved 0.021', () => {
    expect(reasonFor({ churnProbability: 0.4 }, { churnProbability: 0.419 })).toBeNull();
    expect(reasonFor({ churnProbability: 0.4 }, { churnProbability: 0.381 })).toBeNull();
    expect(reasonFor({ churnProbability: 0.4 }, { churnProbability: 0.421 })).toBe('probability');
    expect(reasonFor({ probabilityAlive: 0.8 }, { probabilityAlive: 0.779 })).toBe('probability');
  });

  it('leaves a predicted value within 5%, and within 1 currency unit however large the share', () => {
    expect(reasonFor({ predictedClv: 200 }, { predictedClv: 209.5 })).toBeNull();
    expect(reasonFor({ predictedClv: 200 }, { predictedClv: 210.5 })).toBe('value');
    expect(reasonFor({ predictedSpend: 8 }, { predictedSpend: 8.9 })).toBeNull();
    expect(reasonFor({ predictedSpend: 8 }, { predictedSpend: 9.1 })).toBe('value');
    expect(reasonFor({ predictedClv: 0.2 }, { predictedClv: 0.9 })).toBeNull();
  });

  it('rewrites a next order date that moved more than a week, or has come', () => {
    expect(reasonFor({ expectedNextOrderDate: '2025-02-10' }, { expectedNextOrderDate: '2025-02-17' })).toBeNull();
    expect(reasonFor({ expectedNextOrderDate: '2025-02-10' }, { expectedNextOrderDate: '2025-02-18' })).toBe('nextOrderDate');
    expect(reasonFor({ expectedNextOrderDate: '2025-01-01' }, { expectedNextOrderDate: '2025-01-02' })).toBe('nextOrderDate');
  });

  it('writes a change of orders whatever the tolerance, and every move with a zero tolerance', () => {
    const loose: Tolerance = { probability: 0.5, valueRelative: 1, valueAbsolute: 1e6, nextOrderDays: 365 };
    const exact: Tolerance = { probability: 0, valueRelative: 0, valueAbsolute: 0, nextOrderDays: 0 };

    expect(reasonFor({ frequency: 3 }, { frequency: 4 }, loose)).toBe('orders');
    expect(reasonFor({ churnProbability: 0.4 }, { churnProbability: 0.6 }, loose)).toBeNull();
    expect(reasonFor({ churnProbability: 0.4 }, { churnProbability: 0.400001 }, exact)).toBe('probability');
    expect(reasonFor({ predictedClv: 100 }, { predictedClv: 100.01 }, exact)).toBe('value');
  });
});
