import { BtydInputError } from './btyd-input-error.js';

const MILLISECONDS_PER_DAY = 86_400_000;

/**
 * Whole days since 1970-01-01 of a calendar date. A string contributes its leading `YYYY-MM-DD` as
 * written (any time or zone after it is ignored, so the day is the one the source system recorded);
 * a Date contributes its UTC day.
 */
export function calendarDay(date: Date | string): number {
  if (date instanceof Date) {
    const time = date.getTime();
    if (Number.isNaN(time)) throw new BtydInputError('invalid Date', { cause: { date } });
    return Math.floor(time / MILLISECONDS_PER_DAY);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  const [, year = '', month = '', day = ''] = match ?? [];
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (match === null || new Date(time).getUTCDate() !== Number(day)) {
    throw new BtydInputError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`, { cause: { date } });
  }
  return time / MILLISECONDS_PER_DAY;
}

/** `YYYY-MM-DD` of a day number from calendarDay. */
export function isoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}
