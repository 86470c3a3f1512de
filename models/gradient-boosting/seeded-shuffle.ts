/** Fisher–Yates shuffle in place. */
export function shuffleInPlace(values: Uint32Array, random: () => number): Uint32Array {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i]!;
    values[i] = values[j]!;
    values[j] = swap;
  }
  return values;
}

export const rowRange = (count: number): Uint32Array => Uint32Array.from({ length: count }, (_, i) => i);
