/** Spend is discounted at the end of each period this long, as lifetimes' customer_lifetime_value does (its freq 'D'). */
export const DISCOUNT_PERIOD_DAYS = 30;

/**
 * Expected orders in (0, horizon], each period's discounted at its end:
 *   sum_k (1 + annualRate)^(-t_k / 365) (E(t_k) - E(t_(k-1))),  t_k = min(k period, horizon),
 * where E(t) is the expected number of orders in the first t days. Undiscounted, that is E(horizon).
 */
export function discountedExpectedOrders(expected: (days: number) => number, horizon: number, annualRate: number, period = DISCOUNT_PERIOD_DAYS): number {
  if (annualRate === 0) return expected(horizon);
  let total = 0;
  let before = 0;
  for (let start = 0; start < horizon; start += period) {
    const end = Math.min(start + period, horizon);
    const upToEnd = expected(end);
    total += Math.pow(1 + annualRate, -end / 365) * (upToEnd - before);
    before = upToEnd;
  }
  return total;
}

/**
 * The first whole day d in [1, maxDays] with E(d) >= target, for a non-decreasing E; null when
 * E(maxDays) < target. A binary search: about log2(maxDays) evaluations.
 */
export function firstDayReaching(expected: (days: number) => number, target: number, maxDays: number): number | null {
  if (!(expected(maxDays) >= target)) return null;
  let low = 0;
  let high = maxDays;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (expected(middle) >= target) high = middle;
    else low = middle;
  }
  return high;
}
