import type { OrderRow } from '../../../infra/local/demo/index.js';
import { DEFAULT_INGEST_LIMITS } from '../../../models/extracts/ingest-limits.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The number forms the demo writes (plain decimals, scientific notation); anything else is unparseable. */
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** As models/extracts/row-rules.ts: C0 and C1 control characters. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const MS_PER_DAY = 86_400_000;

/** DuckDB's trim() removes spaces only. */
const trimSpaces = (text: string) => text.replace(/^ +| +$/g, '');

/** The ingest's row rules (models/extracts/row-rules.ts with DEFAULT_INGEST_LIMITS) for the values the demo writes. */
export function isValidOrder(order: OrderRow): boolean {
  const customerId = trimSpaces(order.customerId);
  const orderId = trimSpaces(order.orderId);
  return customerId !== '' && isValidId(customerId) && (orderId === '' || isValidId(orderId))
    && isPlausibleDate(trimSpaces(order.orderDate)) && isPlausibleAmount(trimSpaces(order.amount));
}

function isValidId(id: string): boolean {
  const normalised = id.normalize('NFC');
  return [...normalised].length <= DEFAULT_INGEST_LIMITS.maxIdLength && !CONTROL_CHARACTER.test(normalised);
}

function isPlausibleDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DAY.test(date) || Number.isNaN(time) || !new Date(time).toISOString().startsWith(date)) return false;
  const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  return date >= DEFAULT_INGEST_LIMITS.earliestDate && time <= today + DEFAULT_INGEST_LIMITS.maxDaysAhead * MS_PER_DAY;
}

/** Zero (free orders) and negative amounts (returns) are valid; non-finite or beyond ±1e9 is not. */
function isPlausibleAmount(amount: string): boolean {
  if (!PLAIN_NUMBER.test(amount)) return false;
  const value = Number(amount);
  return Number.isFinite(value) && Math.abs(value) <= DEFAULT_INGEST_LIMITS.maxAbsAmount;
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

/** Orders with an amount of at least 0: what counts for frequency and recency. */
export const purchasesOf = (orders: readonly OrderRow[]): OrderRow[] => orders.filter((order) => Number(order.amount) >= 0);

/** Per customer: purchases (free ones included) and revenue net of returns. */
export function revenueByCustomer(orders: readonly OrderRow[]): Map<string, { orders: number; revenue: number }> {
  const totals = new Map<string, { orders: number; revenue: number }>();
  for (const order of orders) {
    const total = totals.get(order.customerId) ?? { orders: 0, revenue: 0 };
    const amount = Number(order.amount);
    if (amount >= 0) total.orders += 1;
    total.revenue += amount;
    totals.set(order.customerId, total);
  }
  return totals;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
