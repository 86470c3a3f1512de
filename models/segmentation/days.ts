const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (or a Date), NaN for anything else. */
export function epochDayOf(value: unknown): number {
  if (value instanceof Date) return Math.floor(value.getTime() / DAY_MS);
  if (typeof value !== 'string') return Number.NaN;
  const match = ISO_DAY.exec(value.length > 10 ? value.slice(0, 10) : value);
  if (!match) return Number.NaN;
  const [, year, month, day] = match;
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const check = new Date(time);
  return check.getUTCDate() === Number(day) && check.getUTCMonth() === Number(month) - 1 ? time / DAY_MS : Number.NaN;
}

/** `YYYY-MM-DD` of an epoch day. */
export const isoDayOf = (epochDay: number): string => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
