import type { DayTable } from './calendar.js';
import { ORDER_VALUE_SHAPE, type LatentBehaviour } from './customer-behaviour.js';
import { exponential, gamma } from './distributions.js';
import type { RandomSource } from './random-source.js';
import { PEAK_DEMAND, keepProbability } from './seasonality.js';

export interface PurchaseHistory {
  days: number[];
  amountsInCents: number[];
  /** The day of the order after which the customer dropped out; null if still active at the end. */
  droppedOutAfter: number | null;
}

const MIN_ORDER_CENTS = 200;
/** Guards the tail of the rate distribution: nobody orders more than daily for years. */
const MAX_ORDERS = 1500;

/**
 * BG/NBD-style history from the first order on `firstDay`: while active, orders arrive as a
 * Poisson process (run at peak demand and thinned by the season); after each order the customer
 * drops out for good with probability p. Order values follow the customer's Gamma-Gamma spend.
 */
export function simulatePurchases(
  random: RandomSource,
  behaviour: LatentBehaviour,
  firstDay: number,
  days: DayTable,
): PurchaseHistory {
  const orderValueScale = behaviour.meanOrderValue / ORDER_VALUE_SHAPE;
  const orderCents = () =>
    Math.max(MIN_ORDER_CENTS, Math.round(gamma(random, ORDER_VALUE_SHAPE, orderValueScale) * 100));
  const history: PurchaseHistory = { days: [firstDay], amountsInCents: [orderCents()], droppedOutAfter: null };
  if (behaviour.oneTimeBuyer) return { ...history, droppedOutAfter: firstDay };

  const candidateRatePerDay = (behaviour.purchasesPerYear / 365) * PEAK_DEMAND;
  let time = firstDay + random.uniform();
  while (history.days.length < MAX_ORDERS) {
    if (random.chance(behaviour.dropoutPerOrder)) {
      return { ...history, droppedOutAfter: history.days.at(-1) ?? firstDay };
    }
    let day: number;
    do {
      time += exponential(random, candidateRatePerDay);
      day = Math.floor(time);
      if (day > days.last) return history;
    } while (!random.chance(keepProbability(days, day)));
    history.days.push(day);
    history.amountsInCents.push(orderCents());
  }
  return history;
}
