import { HISTOGRAM_FIELDS, type BoostingWorkspace } from './boosting-workspace.js';

/** scikit-learn's min_hessian_to_split: a child needs at least this much hessian. */
export const MIN_HESSIAN_TO_SPLIT = 1e-3;

export interface SplitCandidate {
  gain: number;
  feature: number;
  /** Rows with bin <= this go left. */
  bin: number;
  gradientLeft: number;
  hessianLeft: number;
  countLeft: number;
  valueLeft: number;
  valueRight: number;
}

/** Newton step -G / (H + l2), with scikit-learn's 1e-15 against division by zero. */
export const nodeValue = (sumGradients: number, sumHessians: number, l2: number): number =>
  -sumGradients / (sumHessians + l2 + 1e-15);

/**
 * The split of a node with the highest gain over all features and bins (first feature, then
 * lowest bin, on ties), as scikit-learn's Splitter: gain = loss(node) - loss(left) - loss(right)
 * with loss(G, value) = G * value, both children holding >= minSamplesLeaf rows and
 * >= 1e-3 hessian. Null when no split has positive gain.
 */
export function findBestSplit(
  workspace: BoostingWorkspace,
  histogram: Float64Array,
  node: { count: number; sumGradients: number; sumHessians: number; value: number },
  minSamplesLeaf: number,
  l2: number,
): SplitCandidate | null {
  const { width, binCounts, binStride } = workspace;
  // A local copy: some loaders turn imported bindings into getters, too slow for these loops.
  const fields = HISTOGRAM_FIELDS;
  const { count, sumGradients, sumHessians } = node;
  const lossOfNode = sumGradients * node.value;
  let bestGain = 0;
  let bestFeature = -1;
  let bestBin = -1;
  let bestGradientLeft = 0;
  let bestHessianLeft = 0;
  let bestCountLeft = 0;
  for (let feature = 0; feature < width; feature += 1) {
    const base = feature * binStride * fields;
    // The last bin never goes left: the right child would be empty.
    const end = binCounts[feature]! - 1;
    let gradientLeft = 0;
    let hessianLeft = 0;
    let countLeft = 0;
    for (let bin = 0; bin < end; bin += 1) {
      const at = base + bin * fields;
      countLeft += histogram[at + 2]!;
      hessianLeft += histogram[at + 1]!;
      gradientLeft += histogram[at]!;
      if (countLeft < minSamplesLeaf) continue;
      if (count - countLeft < minSamplesLeaf) break;
      const hessianRight = sumHessians - hessianLeft;
      if (hessianLeft < MIN_HESSIAN_TO_SPLIT) continue;
      if (hessianRight < MIN_HESSIAN_TO_SPLIT) break;
      const gradientRight = sumGradients - gradientLeft;
      const gain =
        lossOfNode -
        gradientLeft * nodeValue(gradientLeft, hessianLeft, l2) -
        gradientRight * nodeValue(gradientRight, hessianRight, l2);
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = feature;
        bestBin = bin;
        bestGradientLeft = gradientLeft;
        bestHessianLeft = hessianLeft;
        bestCountLeft = countLeft;
      }
    }
  }
  if (bestFeature < 0) return null;
  return {
    gain: bestGain,
    feature: bestFeature,
    bin: bestBin,
    gradientLeft: bestGradientLeft,
    hessianLeft: bestHessianLeft,
    countLeft: bestCountLeft,
    valueLeft: nodeValue(bestGradientLeft, bestHessianLeft, l2),
    valueRight: nodeValue(sumGradients - bestGradientLeft, sumHessians - bestHessianLeft, l2),
  };
}
