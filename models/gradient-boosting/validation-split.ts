import { mulberry32 } from '../random/mulberry32.js';
import { rowRange, shuffleInPlace } from './seeded-shuffle.js';

/**
 * scikit-learn's early-stopping hold-out: ceil(fraction * n) random rows for validation, stratified
 * by label for classification. Both index lists come back ascending.
 */
export function validationSplit(
  y: Float64Array,
  fraction: number,
  stratify: boolean,
  seed: number,
): { train: Uint32Array; validation: Uint32Array } {
  const rows = y.length;
  const validationCount = Math.ceil(fraction * rows);
  const random = mulberry32(seed);
  const groups = stratify ? [0, 1].map((label) => rowRange(rows).filter((row) => y[row] === label)) : [rowRange(rows)];
  const positives = groups[1]?.length ?? 0;
  const positiveTake = Math.min(positives, Math.round((validationCount * positives) / rows));
  const takes = stratify ? [validationCount - positiveTake, positiveTake] : [validationCount];
  const isValidation = new Uint8Array(rows);
  groups.forEach((group, g) => {
    shuffleInPlace(group, random)
      .subarray(0, takes[g])
      .forEach((row) => {
        isValidation[row] = 1;
      });
  });
  return {
    train: rowRange(rows).filter((row) => isValidation[row] === 0),
    validation: rowRange(rows).filter((row) => isValidation[row] === 1),
  };
}
