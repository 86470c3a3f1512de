import type { GradientBoostingTree } from './gradient-boosting-model.js';

/** Adds each row's leaf value to `raw`, comparing raw feature values with the split thresholds. */
export function addTreeOutput(tree: GradientBoostingTree, x: Float32Array, width: number, raw: Float64Array): void {
  const { feature, threshold, left, right, value } = tree;
  for (let row = 0, offset = 0; row < raw.length; row += 1, offset += width) {
    let node = 0;
    let splitOn = feature[0]!;
    while (splitOn >= 0) {
      node = x[offset + splitOn]! <= threshold[node]! ? left[node]! : right[node]!;
      splitOn = feature[node]!;
    }
    raw[row] = raw[row]! + value[node]!;
  }
}
