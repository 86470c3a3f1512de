import { seededRandom } from '../../support/seeded-random.js';

/** rows x width uniform(-1, 1) features and a target computed from each row. */
export function syntheticRows(
  rows: number,
  width: number,
  seed: number,
  target: (row: Float32Array, random: () => number) => number,
): { x: Float32Array; y: Float64Array } {
  const random = seededRandom(seed);
  const x = new Float32Array(rows * width);
  const y = new Float64Array(rows);
  for (let row = 0; row < rows; row += 1) {
    const features = x.subarray(row * width, (row + 1) * width);
    for (let column = 0; column < width; column += 1) features[column] = random() * 2 - 1;
    y[row] = target(features, random);
  }
  return { x, y };
}
