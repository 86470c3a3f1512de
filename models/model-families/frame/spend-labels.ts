import type { FeatureFrame } from '../../features/feature-frame.js';

/** Each frame customer's spend in the label window (0 when absent), in the frame's row order. */
export function spendLabels(frame: FeatureFrame, spend: ReadonlyMap<string, number>): Float32Array {
  // A plain loop: Float32Array.from with a mapping function iterates the ids five times slower.
  const ids = frame.customerIds;
  const labels = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) labels[i] = spend.get(ids[i]!) ?? 0;
  return labels;
}
