import { BOOSTING_LOSSES } from './boosting-loss.js';
import { GradientBoostingInputError } from './gradient-boosting-input-error.js';
import type { GradientBoostingModel } from './gradient-boosting-model.js';
import { validateMatrix } from './validate-input.js';

/** Per row of `x` (rows x width, row-major): P(class 1) for log-loss, the predicted value for squared error. */
export function predictGradientBoosting(model: GradientBoostingModel, x: Float32Array, width: number): Float64Array {
  const rows = validateMatrix(x, width, 'predictGradientBoosting');
  if (width !== model.width) {
    throw new GradientBoostingInputError('predictGradientBoosting: width differs from the training width', {
      cause: { width, modelWidth: model.width },
    });
  }
  const raw = rawPredictions(flattenForest(model), model.baseline, x, width, rows);
  const { inverseLink } = BOOSTING_LOSSES[model.loss];
  for (let row = 0; row < rows; row += 1) raw[row] = inverseLink(raw[row]!);
  return raw;
}

/**
 * Every tree's nodes in one set of typed arrays, each tree laid out breadth first so that a
 * split's two children sit side by side: the walk adds 0 or 1 to the left child's index instead
 * of choosing between two loads.
 */
interface FlatForest {
  /** Each tree's root. */
  roots: Int32Array;
  /** -1 at a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  /** A split's left child; its right child is the next node. */
  firstChild: Int32Array;
  value: Float64Array;
}

function flattenForest({ trees }: GradientBoostingModel): FlatForest {
  const nodes = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const forest: FlatForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    firstChild: new Int32Array(nodes),
    value: new Float64Array(nodes),
  };
  let next = 0;
  trees.forEach((tree, t) => {
    forest.roots[t] = next;
    // The tree's nodes in breadth-first order; `placed[k]` is where queue[k] goes.
    const queue = [0];
    const placed = [next];
    next += 1;
    for (let k = 0; k < queue.length; k += 1) {
      const node = queue[k]!;
      const at = placed[k]!;
      forest.feature[at] = tree.feature[node]!;
      forest.threshold[at] = tree.threshold[node]!;
      forest.value[at] = tree.value[node]!;
      if (tree.feature[node]! < 0) continue;
      forest.firstChild[at] = next;
      queue.push(tree.left[node]!, tree.right[node]!);
      placed.push(next, next + 1);
      next += 2;
    }
  });
  return forest;
}

/**
 * Each row's baseline plus its leaf value in every tree, added in tree order as the fit added
 * them. Row by row over all trees, so that a row's features are read while they are in cache
 * (tree by tree over all rows read the whole matrix once per tree).
 */
function rawPredictions(forest: FlatForest, baseline: number, x: Float32Array, width: number, rows: number): Float64Array {
  const { roots, feature, threshold, firstChild, value } = forest;
  const trees = roots.length;
  const raw = new Float64Array(rows);
  for (let row = 0, offset = 0; row < rows; row += 1, offset += width) {
    let sum = baseline;
    for (let t = 0; t < trees; t += 1) {
      let node = roots[t]!;
      let splitOn = feature[node]!;
      while (splitOn >= 0) {
        node = firstChild[node]! + (x[offset + splitOn]! <= threshold[node]! ? 0 : 1);
        splitOn = feature[node]!;
      }
      sum += value[node]!;
    }
    raw[row] = sum;
  }
  return raw;
}
