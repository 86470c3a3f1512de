import type { OrderRow } from '../../../infra/local/demo/index.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d+\.\d{2}$/;

export function isValidOrder(order: OrderRow): boolean {
  const time = Date.parse(`${order.orderDate}T00:00:00Z`);
  const realDate = ISO_DAY.test(order.orderDate) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(order.orderDate);
  return realDate && AMOUNT.test(order.amount) && Number(order.amount) > 0 && order.customerId !== '';
}

/** Valid rows, minus exact repeats of an earlier row. */
export function cleanOrders(orders: readonly OrderRow[]): OrderRow[] {
  const seen = new Set<string>();
  return orders.filter((order) => {
    const line = [order.orderId, order.customerId, order.orderDate, order.amount].join(',');
    if (seen.has(line)) return false;
    seen.add(line);
    return isValidOrder(order);
  });
}

export function revenueByCustomer(orders: readonly OrderRow[]): Map<string, { orders: number; revenue: number }> {
  const totals = new Map<string, { orders: number; revenue: number }>();
  for (const order of orders) {
    const total = totals.get(order.customerId) ?? { orders: 0, revenue: 0 };
    total.orders += 1;
    total.revenue += Number(order.amount);
    totals.set(order.customerId, total);
  }
  return totals;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
