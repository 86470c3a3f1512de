import type { DayTable } from './calendar.js';

/** Simulated orders in parallel arrays (customer index, day, amount in cents), in simulation order. */
export interface SimulatedOrders {
  customer: number[];
  day: number[];
  cents: number[];
}

export interface SimulatedOrder {
  customer: number;
  day: number;
  cents: number;
}

/**
 * Orders by day, as an order system numbers them; within a day, in customer order. A counting
 * sort over the day range: linear, and stable, so the result depends only on the simulation.
 */
export function sortOrdersByDay(orders: SimulatedOrders, days: DayTable): SimulatedOrder[] {
  const starts = new Array<number>(days.last - days.first + 2).fill(0);
  for (const day of orders.day) starts[day - days.first + 1]! += 1;
  for (let slot = 1; slot < starts.length; slot += 1) starts[slot]! += starts[slot - 1]!;
  const sorted = new Array<SimulatedOrder>(orders.day.length);
  orders.day.forEach((day, index) => {
    sorted[starts[day - days.first]!++] = { customer: orders.customer[index]!, day, cents: orders.cents[index]! };
  });
  return sorted;
}
