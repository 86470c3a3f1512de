/**
 * Row indices in ascending order of `keys`, ties in input order (a stable sort), as a typed array:
 * the metrics sort hundreds of thousands of rows several times, and sorting indices against a
 * Float64Array allocates nothing per row, unlike sorting {key, index} objects.
 */
export function ascendingOrder(keys: ArrayLike<number>, descending = false): Uint32Array {
  const n = keys.length;
  const sign = descending ? -1 : 1;
  const k = new Float64Array(n);
  for (let i = 0; i < n; i += 1) k[i] = sign * keys[i]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  return order.sort((a, b) => k[a]! - k[b]! || a - b);
}
