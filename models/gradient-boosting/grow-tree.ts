import type { BoostingWorkspace } from './boosting-workspace.js';
import { findBestSplit, MIN_HESSIAN_TO_SPLIT, type SplitCandidate } from './find-best-split.js';
import type { ResolvedGradientBoostingOptions } from './gradient-boosting-options.js';
import type { GradientBoostingTree } from './gradient-boosting-model.js';
import { buildHistogram, releaseHistogram, subtractHistogram } from './histograms.js';
import { partitionRows } from './partition-rows.js';

type TreeSettings = Pick<
  ResolvedGradientBoostingOptions,
  'learningRate' | 'maxLeafNodes' | 'maxDepth' | 'minSamplesLeaf' | 'l2Regularization'
>;

interface GrowingNode {
  id: number;
  start: number;
  stop: number;
  depth: number;
  sumGradients: number;
  sumHessians: number;
  value: number;
  histogram: Float64Array | null;
  split: SplitCandidate | null;
}

/**
 * Grows one tree on the workspace's gradients as scikit-learn's TreeGrower: best-first (the
 * splittable leaf with the highest gain next, lowest id on ties) until maxLeafNodes leaves,
 * histogram of the smaller child built and the larger one's got by subtraction. Adds the
 * tree's output to `raw` for the training rows.
 */
export function growTree(
  workspace: BoostingWorkspace,
  thresholds: readonly number[][],
  settings: TreeSettings,
  raw: Float64Array,
): GradientBoostingTree {
  const { rows, rowOrder, gradients, hessians } = workspace;
  const { minSamplesLeaf, l2Regularization, maxLeafNodes, maxDepth } = settings;
  const tree: GradientBoostingTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  const splittable: GrowingNode[] = [];
  const leaves: GrowingNode[] = [];

  const addNode = (start: number, stop: number, depth: number, sumGradients: number, sumHessians: number, value: number): GrowingNode => {
    const id = tree.feature.push(-1) - 1;
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return { id, start, stop, depth, sumGradients, sumHessians, value, histogram: null, split: null };
  };
  const finalize = (node: GrowingNode) => {
    releaseHistogram(workspace, node.histogram);
    node.histogram = null;
    leaves.push(node);
  };
  const computeSplitAndPush = (node: GrowingNode) => {
    node.split = findBestSplit(workspace, node.histogram!, { ...node, count: node.stop - node.start }, minSamplesLeaf, l2Regularization);
    if (node.split) splittable.push(node);
    else finalize(node);
  };

  for (let row = 0; row < rows; row += 1) rowOrder[row] = row;
  let sumGradients = 0;
  let sumHessians = 0;
  for (let row = 0; row < rows; row += 1) {
    sumGradients += gradients[row]!;
    sumHessians += hessians[row]!;
  }
  // scikit-learn gives the root value 0: a root that cannot split predicts nothing, and root gains
  // omit the parent's loss (the same constant for every candidate, so the chosen split is the same).
  const root = addNode(0, rows, 0, sumGradients, sumHessians, 0);
  if (rows < 2 * minSamplesLeaf || sumHessians < MIN_HESSIAN_TO_SPLIT) finalize(root);
  else {
    root.histogram = buildHistogram(workspace, 0, rows);
    computeSplitAndPush(root);
  }

  while (splittable.length > 0) {
    let next = 0;
    for (let i = 1; i < splittable.length; i += 1) if (splittable[i]!.split!.gain > splittable[next]!.split!.gain) next = i;
    const node = splittable.splice(next, 1)[0]!;
    const split = node.split!;
    const middle = partitionRows(workspace, node.start, node.stop, split.feature, split.bin);
    const depth = node.depth + 1;
    const left = addNode(node.start, middle, depth, split.gradientLeft, split.hessianLeft, split.valueLeft);
    const right = addNode(
      middle,
      node.stop,
      depth,
      node.sumGradients - split.gradientLeft,
      node.sumHessians - split.hessianLeft,
      split.valueRight,
    );
    tree.feature[node.id] = split.feature;
    tree.threshold[node.id] = thresholds[split.feature]![split.bin]!;
    tree.left[node.id] = left.id;
    tree.right[node.id] = right.id;

    if (leaves.length + splittable.length + 2 === maxLeafNodes) {
      [left, right, ...splittable.splice(0)].forEach(finalize);
      releaseHistogram(workspace, node.histogram);
      break;
    }
    if (maxDepth !== null && depth === maxDepth) {
      [left, right].forEach(finalize);
      releaseHistogram(workspace, node.histogram);
      continue;
    }
    const splitLeft = left.stop - left.start >= 2 * minSamplesLeaf;
    const splitRight = right.stop - right.start >= 2 * minSamplesLeaf;
    if (!splitLeft) finalize(left);
    if (!splitRight) finalize(right);
    if (splitLeft || splitRight) {
      const [smaller, larger] = left.stop - left.start < right.stop - right.start ? [left, right] : [right, left];
      smaller.histogram = buildHistogram(workspace, smaller.start, smaller.stop);
      larger.histogram = subtractHistogram(node.histogram!, smaller.histogram);
      if (splitLeft) computeSplitAndPush(left);
      if (splitRight) computeSplitAndPush(right);
      for (const child of [left, right]) {
        if (leaves.includes(child)) {
          releaseHistogram(workspace, child.histogram);
          child.histogram = null;
        }
      }
    } else releaseHistogram(workspace, node.histogram);
    node.histogram = null;
  }

  for (const leaf of leaves) {
    const value = leaf.value * settings.learningRate;
    tree.value[leaf.id] = value;
    for (let k = leaf.start; k < leaf.stop; k += 1) {
      const row = rowOrder[k]!;
      raw[row] = raw[row]! + value;
    }
  }
  return tree;
}
