import type { DayTable } from './calendar.js';
import { keepProbability } from './seasonality.js';
import type { RandomSource } from './random-source.js';

/** The business acquires this many times more people per day at the end of the period than at its start. */
export const GROWTH_OVER_PERIOD = 3;

/**
 * A day in the period drawn from a density growing exponentially over time (inverse CDF),
 * then thinned by seasonal demand, so arrivals pile up towards the end and around Christmas.
 */
export function arrivalDay(random: RandomSource, days: DayTable): number {
  const span = days.last - days.first + 1;
  const growth = Math.log(GROWTH_OVER_PERIOD) / span;
  for (;;) {
    const offset = Math.log(1 + random.uniform() * (Math.exp(growth * span) - 1)) / growth;
    const day = days.first + Math.min(span - 1, Math.floor(offset));
    if (random.chance(keepProbability(days, day))) return day;
  }
}
