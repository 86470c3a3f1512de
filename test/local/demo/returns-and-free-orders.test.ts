import { describe, expect, it } from 'vitest';
import { buildDayTable, dayNumber } from '../../../infra/local/demo/calendar.js';
import type { SimulatedOrder } from '../../../infra/local/demo/order-book.js';
import { createRandomStreams } from '../../../infra/local/demo/random-source.js';
import { addReturnsAndFreeOrders } from '../../../infra/local/demo/returns-and-free-orders.js';

const days = buildDayTable(dayNumber('2024-01-01'), dayNumber('2024-12-31'));
const orders: SimulatedOrder[] = Array.from({ length: 40_000 }, (_, index) => ({
  customer: index % 500,
  day: days.first + Math.floor((index * (days.last - days.first + 1)) / 40_000),
  cents: 1_000 + (index % 7) * 250,
}));

describe('addReturnsAndFreeOrders', () => {
  const [random] = createRandomStreams(11, 1);
  const book = addReturnsAndFreeOrders(random!, orders, days);
  const purchases = book.orders.filter((order) => !order.isReturn);
  const returns = book.orders.filter((order) => order.isReturn);

  it('makes about 0.5% of orders free and returns about 4%, counting both', () => {
    const free = purchases.filter((order) => order.cents === 0);

    expect(book.counts).toEqual({ returns: returns.length, freeOrders: free.length });
    expect(free.length / orders.length).toBeGreaterThan(0.003);
    expect(free.length / orders.length).toBeLessThan(0.007);
    expect(returns.length / orders.length).toBeGreaterThan(0.03);
    expect(returns.length / orders.length).toBeLessThan(0.05);
  });

  it('keeps every order in place, numbered by position, changing only the free ones', () => {
    const moved = purchases.filter((order, index) => {
      const original = orders[index]!;
      return order.orderNumber !== index + 1 || order.customer !== original.customer || order.day !== original.day
        || (order.cents !== 0 && order.cents !== original.cents);
    });

    expect(purchases).toHaveLength(orders.length);
    expect(moved).toEqual([]);
  });

  it('returns part or all of a paid order of the same customer, days later and never after the last day', () => {
    const fullReturns = returns.filter((order) => -order.cents === orders[order.orderNumber - 1]!.cents);

    const wrong = returns.filter((order) => {
      const returned = orders[order.orderNumber - 1]!;
      return order.customer !== returned.customer || order.day < returned.day + 2
        || order.day > Math.min(days.last, returned.day + 60) || order.cents >= 0 || -order.cents > returned.cents
        || purchases[order.orderNumber - 1]!.cents === 0;
    });

    expect(wrong).toEqual([]);
    expect(fullReturns.length / returns.length).toBeGreaterThan(0.5);
    expect(fullReturns.length / returns.length).toBeLessThan(0.7);
  });

  it('keeps the book in day order, each return after the orders of its day', () => {
    const outOfOrder = book.orders.filter((order, index) => {
      const next = book.orders[index + 1];
      return next !== undefined && (next.day < order.day || (next.day === order.day && order.isReturn && !next.isReturn));
    });

    expect(outOfOrder).toEqual([]);
  });
});
