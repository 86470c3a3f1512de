/** Ascending copy of `values` (native numeric sort), from which rank counts can be read. */
export function sortedAscending(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/*
 * Rank questions answered with one comparison against the sorted array, instead of a binary
 * search per customer (which misses the cache on every step for a million values).
 * For 1 <= c <= n:
 *   at least c values are strictly below v  <=>  ascending[c - 1] < v
 *   at least c values are strictly above v  <=>  ascending[n - c] > v
 */

export function atLeastBelow(ascending: Float64Array, count: number, value: number): boolean {
  if (count <= 0) return true;
  if (count > ascending.length) return false;
  return (ascending[count - 1] as number) < value;
}

export function atLeastAbove(ascending: Float64Array, count: number, value: number): boolean {
  if (count <= 0) return true;
  if (count > ascending.length) return false;
  return (ascending[ascending.length - count] as number) > value;
}

/** How many values in the ascending array are strictly above `value` (binary search). */
export function countAbove(ascending: Float64Array, value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ascending[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return ascending.length - low;
}
