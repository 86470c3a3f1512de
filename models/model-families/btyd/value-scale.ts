/** Bounds on the level correction: a validation window is one noisy sample of the level. */
export const VALUE_SCALE_LIMITS = { min: 0.5, max: 2 } as const;

/**
 * The factor that makes predicted spend add up to actual spend on the validation window, within
 * VALUE_SCALE_LIMITS: it anchors an unsupervised model's level (BG/NBD + Gamma-Gamma assumes
 * stationary purchase rates) to the latest labelled window, the window the network learns from.
 * It leaves the ranking alone.
 */
export function fitValueScale(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  let predictedTotal = 0;
  let actualTotal = 0;
  for (let i = 0; i < predicted.length; i += 1) {
    predictedTotal += predicted[i]!;
    actualTotal += actual[i]!;
  }
  if (!(predictedTotal > 0) || !(actualTotal > 0)) return 1;
  return Math.min(Math.max(actualTotal / predictedTotal, VALUE_SCALE_LIMITS.min), VALUE_SCALE_LIMITS.max);
}
