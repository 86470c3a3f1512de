import { AudienceInputError } from '../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO date (a time part is ignored), or null when it is not a real date. */
export function epochDayOf(isoDate: string | null | undefined): number | null {
  const match = isoDate === null || isoDate === undefined ? null : ISO_DATE.exec(isoDate.trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const date = new Date(utc);
  const isRealDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isRealDate ? utc / MS_PER_DAY : null;
}

export function requireEpochDay(isoDate: string, what: string): number {
  const day = epochDayOf(isoDate);
  if (day === null) throw new AudienceInputError(`${what} must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(isoDate)}`);
  return day;
}
