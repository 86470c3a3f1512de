const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidDemoDateError extends Error {
  override name = 'InvalidDemoDateError';
}

/** Days since 1970-01-01 (UTC) of an ISO `YYYY-MM-DD` date. */
export function dayNumber(isoDay: string): number {
  const time = Date.parse(`${isoDay}T00:00:00Z`);
  if (!ISO_DAY.test(isoDay) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== isoDay) {
    throw new InvalidDemoDateError(`Not an ISO calendar date (YYYY-MM-DD): ${isoDay}`);
  }
  return time / MS_PER_DAY;
}

/**
 * Every day of [first, last] formatted once, with its month, so that hundreds of thousands of
 * orders format and look up seasonality by array index instead of building Dates.
 */
export interface DayTable {
  first: number;
  last: number;
  iso(day: number): string;
  month(day: number): number;
}

export function buildDayTable(first: number, last: number): DayTable {
  const isoDays: string[] = [];
  const months: number[] = [];
  for (let day = first; day <= last; day += 1) {
    const date = new Date(day * MS_PER_DAY);
    isoDays.push(date.toISOString().slice(0, 10));
    months.push(date.getUTCMonth());
  }
  return {
    first,
    last,
    iso: (day) => isoDays[day - first] ?? '',
    month: (day) => months[day - first] ?? 0,
  };
}
