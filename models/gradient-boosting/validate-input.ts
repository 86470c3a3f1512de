import { GradientBoostingInputError } from './gradient-boosting-input-error.js';
import type { GradientBoostingLoss } from './gradient-boosting-model.js';

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i += 1) {
    if (!Number.isFinite(values[i])) return i;
  }
  return -1;
}

/** Checks a row-major matrix and returns its row count. */
export function validateMatrix(x: Float32Array, width: number, what: string): number {
  if (!Number.isInteger(width) || width < 1) {
    throw new GradientBoostingInputError(`${what}: width must be a positive integer`, { cause: { width } });
  }
  if (x.length % width !== 0) {
    throw new GradientBoostingInputError(`${what}: matrix length is not a multiple of its width`, {
      cause: { length: x.length, width },
    });
  }
  const bad = firstNonFinite(x);
  if (bad >= 0) {
    // NaN has no bin of its own here: the features this library serves never lack values.
    throw new GradientBoostingInputError(`${what}: features must be finite (no NaN or infinity)`, {
      cause: { row: Math.floor(bad / width), column: bad % width, value: x[bad] },
    });
  }
  return x.length / width;
}

/** Checks the training matrix and targets; returns the targets as float64. */
export function validateTrainingInput(
  x: Float32Array,
  width: number,
  y: ArrayLike<number>,
  loss: GradientBoostingLoss,
): Float64Array {
  const rows = validateMatrix(x, width, 'fitGradientBoosting');
  if (rows < 2) throw new GradientBoostingInputError('fitGradientBoosting: needs at least 2 rows', { cause: { rows } });
  if (y.length !== rows) {
    throw new GradientBoostingInputError('fitGradientBoosting: one target per row is required', {
      cause: { rows, targets: y.length },
    });
  }
  const target = Float64Array.from(y);
  const bad = firstNonFinite(target);
  if (bad >= 0) {
    throw new GradientBoostingInputError('fitGradientBoosting: targets must be finite', { cause: { row: bad, value: target[bad] } });
  }
  if (loss === 'log-loss') {
    const positives = target.reduce((count, label) => count + (label === 1 ? 1 : 0), 0);
    const negatives = target.reduce((count, label) => count + (label === 0 ? 1 : 0), 0);
    if (positives + negatives !== rows) {
      throw new GradientBoostingInputError('fitGradientBoosting: log-loss labels must be 0 or 1', { cause: { positives, negatives, rows } });
    }
    if (positives === 0 || negatives === 0) {
      throw new GradientBoostingInputError('fitGradientBoosting: log-loss needs both classes', { cause: { positives, negatives } });
    }
  }
  return target;
}
