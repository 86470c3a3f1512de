import { epochDayOf } from './epoch-day.js';

/** Upper bounds (exclusive, in days of tenure) of each bucket, shortest first. */
const TENURE_BUCKETS: readonly { label: string; belowDays: number }[] = [
  { label: 'under-3m', belowDays: 91 },
  { label: '3-6m', belowDays: 183 },
  { label: '6-12m', belowDays: 365 },
  { label: '1-2y', belowDays: 730 },
  { label: '2-4y', belowDays: 1461 },
  { label: '4y-plus', belowDays: Number.POSITIVE_INFINITY },
];

/** Tenure cohort of a signup date as of a day; `unknown` when missing, invalid or after asOf. */
export function tenureBucket(signupDate: string | null, asOfEpochDay: number): string {
  const signupDay = epochDayOf(signupDate);
  if (signupDay === null || signupDay > asOfEpochDay) return 'unknown';
  const tenureDays = asOfEpochDay - signupDay;
  return TENURE_BUCKETS.find((bucket) => tenureDays < bucket.belowDays)?.label ?? 'unknown';
}
