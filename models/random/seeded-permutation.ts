/** A seeded permutation of 0..n-1 (xorshift32 Fisher–Yates). */
export function seededPermutation(n: number, seed: number): Uint32Array {
  // Plain loops: Uint32Array.from with a mapping function and a destructuring swap cost five times as much at a million rows.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  let state = (seed || 1) >>> 0;
  for (let i = n - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    const swapped = order[i]!;
    order[i] = order[j]!;
    order[j] = swapped;
  }
  return order;
}
