import type { DayTable } from './calendar.js';
import { exponential } from './distributions.js';
import type { SimulatedOrder } from './order-book.js';
import type { RandomSource } from './random-source.js';

/** A line of the order book: an order, or the return of one, which carries that order's number. */
export interface BookedOrder extends SimulatedOrder {
  /** 1-based position of the order among the day-sorted orders, as the order system numbers it. */
  orderNumber: number;
  isReturn: boolean;
}

export interface ReturnAndFreeOrderCounts {
  returns: number;
  freeOrders: number;
}

/** Outside apparel, online retail sees a few percent of orders come back; most in full. */
const RETURN_SHARE = 0.04;
const FULL_RETURN_SHARE = 0.6;
const PARTIAL_RETURN_RANGE = [0.2, 0.8] as const;
const MIN_RETURN_DELAY_DAYS = 2;
const MEAN_RETURN_DELAY_DAYS = 10;
const RETURN_WINDOW_DAYS = 60;
/** Promotional gifts and fully discounted orders. */
const FREE_ORDER_SHARE = 0.005;

/**
 * Makes ~0.5% of the day-sorted orders free (0 cents) and follows ~4% by a return of part or all
 * of their amount (negative cents) some days later. A return due after the last day has not
 * happened yet, so it is left out. Returns are placed after the orders of their day.
 */
export function addReturnsAndFreeOrders(
  random: RandomSource,
  orders: readonly SimulatedOrder[],
  days: DayTable,
): { orders: BookedOrder[]; counts: ReturnAndFreeOrderCounts } {
  const counts: ReturnAndFreeOrderCounts = { returns: 0, freeOrders: 0 };
  const returns: BookedOrder[] = [];
  const booked = orders.map(({ customer, day, cents }, index): BookedOrder => {
    const orderNumber = index + 1;
    if (random.chance(FREE_ORDER_SHARE)) {
      counts.freeOrders += 1;
      return { customer, day, cents: 0, orderNumber, isReturn: false };
    }
    if (random.chance(RETURN_SHARE)) {
      const returnDay = day + returnDelay(random);
      const returned = returnedCents(random, cents);
      if (returnDay <= days.last) returns.push({ customer, day: returnDay, cents: -returned, orderNumber, isReturn: true });
    }
    return { customer, day, cents, orderNumber, isReturn: false };
  });
  counts.returns = returns.length;
  return { orders: mergeByDay(booked, returns), counts };
}

function returnDelay(random: RandomSource): number {
  const extra = Math.floor(exponential(random, 1 / (MEAN_RETURN_DELAY_DAYS - MIN_RETURN_DELAY_DAYS)));
  return Math.min(RETURN_WINDOW_DAYS, MIN_RETURN_DELAY_DAYS + extra);
}

function returnedCents(random: RandomSource, cents: number): number {
  if (random.chance(FULL_RETURN_SHARE)) return cents;
  const [low, high] = PARTIAL_RETURN_RANGE;
  return Math.min(cents - 1, Math.max(1, Math.round(cents * (low + random.uniform() * (high - low)))));
}

/** Both lists are in day order once `returns` is stably sorted; each return goes after its day's orders. */
function mergeByDay(orders: readonly BookedOrder[], returns: BookedOrder[]): BookedOrder[] {
  returns.sort((a, b) => a.day - b.day);
  const merged: BookedOrder[] = [];
  let next = 0;
  for (const order of orders) {
    while (next < returns.length && returns[next]!.day < order.day) merged.push(returns[next++]!);
    merged.push(order);
  }
  while (next < returns.length) merged.push(returns[next++]!);
  return merged;
}
