import type { FeatureFrame } from '../../features/feature-frame.js';
import { spendAlignedTo } from '../../features/window-spend.js';

/** Labels already looked up, per frame and spend map: the final fit and the backtest's baseline read the same ones (a million customers each). */
const looked = new WeakMap<FeatureFrame, WeakMap<ReadonlyMap<string, number>, Float32Array>>();

/** Each frame customer's spend in the label window (0 when absent), in the frame's row order. Shared between callers: read, do not modify. */
export function spendLabels(frame: FeatureFrame, spend: ReadonlyMap<string, number>): Float32Array {
  const known = looked.get(frame)?.get(spend);
  if (known) return known;
  const labels = new Float32Array(spendAlignedTo(spend, frame.customerIds));
  if (!looked.has(frame)) looked.set(frame, new WeakMap());
  looked.get(frame)!.set(spend, labels);
  return labels;
}
