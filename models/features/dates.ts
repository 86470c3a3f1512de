const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';
}

/** Parses and checks a `YYYY-MM-DD` date, returning it unchanged. */
export function isoDay(value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!ISO_DAY.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new InvalidDateError(`"${value}" is not a valid date in YYYY-MM-DD form.`);
  }
  return value;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${isoDay(day)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
export const epochDay = (day: string): number => daysBetween('1970-01-01', day);

export const toIsoDay = (date: Date): string => date.toISOString().slice(0, 10);
