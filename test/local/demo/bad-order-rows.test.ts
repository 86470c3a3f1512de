import { describe, expect, it } from 'vitest';
import { BAD_ROW_KINDS, injectBadOrderRows } from '../../../infra/local/demo/bad-order-rows.js';
import type { OrderRow } from '../../../infra/local/demo/demo-rows.js';
import { createRandomStreams } from '../../../infra/local/demo/random-source.js';
import { isValidOrder } from './order-statistics.js';

const orders: OrderRow[] = Array.from({ length: 20_000 }, (_, index) => ({
  orderId: `O${index}`,
  customerId: `C${index % 97}`,
  orderDate: '2024-03-01',
  amount: '19.99',
}));

describe('injectBadOrderRows', () => {
  it('adds 0.1% broken rows of every kind, each failing validation or repeating a row exactly', () => {
    const [random] = createRandomStreams(1, 1);
    let next = 0;

    const injected = injectBadOrderRows(random!, orders, () => `BAD${next++}`);

    const added = injected.orders.filter((row) => row.orderId.startsWith('BAD'));
    const originalLines = new Set(orders.map((row) => JSON.stringify(row)));
    const duplicates = injected.orders.length - new Set(injected.orders.map((row) => JSON.stringify(row))).size;
    expect(injected.orders.length).toBe(20_020);
    expect(BAD_ROW_KINDS.map((kind) => injected.counts[kind])).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expect(added.every((row) => !isValidOrder(row))).toBe(true);
    expect(added).toHaveLength(20 - injected.counts.duplicateRow);
    expect(duplicates).toBe(injected.counts.duplicateRow);
    expect(injected.orders.filter((row) => !row.orderId.startsWith('BAD')).every((row) => originalLines.has(JSON.stringify(row)))).toBe(true);
  });

  it('breaks amounts and customer ids the way the ingest limits catch: beyond ±1e9, over 256 characters, control characters', () => {
    const [random] = createRandomStreams(4, 1);

    const added = injectBadOrderRows(random!, orders, () => 'BAD').orders.filter((row) => row.orderId === 'BAD');

    const changedAmounts = added.map((row) => Number(row.amount)).filter((amount) => amount !== 19.99 && !Number.isNaN(amount));
    const customerIds = added.map((row) => row.customerId);
    expect(changedAmounts).toHaveLength(3);
    expect(changedAmounts.every((amount) => Math.abs(amount) > 1e9)).toBe(true);
    expect(customerIds.filter((id) => id.length > 256)).toHaveLength(3);
    expect(customerIds.filter((id) => /[\u0000-\u001f]/.test(id))).toHaveLength(3);
  });

  it('spreads the broken rows through the file rather than appending them', () => {
    const [random] = createRandomStreams(2, 1);

    const injected = injectBadOrderRows(random!, orders, () => 'BAD');

    const positions = injected.orders.flatMap((row, index) => (row.orderId === 'BAD' ? [index] : []));
    expect(Math.min(...positions)).toBeLessThan(10_000);
    expect(Math.max(...positions)).toBeGreaterThan(10_000);
  });

  it('leaves an empty order list alone', () => {
    const [random] = createRandomStreams(3, 1);

    const injected = injectBadOrderRows(random!, [], () => 'BAD');

    expect(injected.orders).toEqual([]);
    expect(Object.values(injected.counts).every((count) => count === 0)).toBe(true);
  });
});
