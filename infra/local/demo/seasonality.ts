import type { DayTable } from './calendar.js';

/** Relative demand by month (January first): a Nov–Dec gifting peak and a summer dip; averages 1. */
export const MONTHLY_DEMAND = [0.92, 0.85, 0.95, 1.0, 0.97, 0.82, 0.74, 0.78, 0.95, 1.05, 1.42, 1.55] as const;

export const PEAK_DEMAND = Math.max(...MONTHLY_DEMAND);

/** Probability of keeping a candidate event on `day` when thinning a process run at peak demand. */
export function keepProbability(days: DayTable, day: number): number {
  return (MONTHLY_DEMAND[days.month(day)] ?? 1) / PEAK_DEMAND;
}
