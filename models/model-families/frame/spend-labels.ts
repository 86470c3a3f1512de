import type { FeatureFrame } from '../../features/feature-frame.js';

/** Each frame customer's spend in the label window (0 when absent), in the frame's row order. */
export const spendLabels = (frame: FeatureFrame, spend: ReadonlyMap<string, number>): Float32Array =>
  Float32Array.from(frame.customerIds, (id) => spend.get(id) ?? 0);
