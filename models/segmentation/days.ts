const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (text: string, i: number): number => {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
};

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` day (a longer string is read by its first ten
 * characters, so `2024-12-31T00:00:00` works too) or a Date; NaN for anything else, including
 * a day that does not exist (2024-02-30). Arithmetic only: it runs per customer and date field.
 */
export function epochDayOf(value: unknown): number {
  if (value instanceof Date) return Math.floor(value.getTime() / DAY_MS);
  if (typeof value !== 'string' || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  if (value.length > 10 && value.charCodeAt(10) !== 84 && value.charCodeAt(10) !== 32) return Number.NaN;
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 5) * 10 + digit(value, 6);
  const day = digit(value, 8) * 10 + digit(value, 9);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number))) return Number.NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** `YYYY-MM-DD` of an epoch day. */
export const isoDayOf = (epochDay: number): string => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
