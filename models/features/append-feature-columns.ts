import type { FeatureFrame } from './feature-frame.js';

export class FeatureColumnError extends Error {
  override readonly name = 'FeatureColumnError';
}

/** Extra per-customer columns keyed by feature name; each value is looked up by customer id. */
export type CustomerColumns = Record<string, ReadonlyMap<string, number>>;

/**
 * A new frame with `columns` appended after the existing features, rows in the frame's order.
 * Every customer of the frame must have a value in every column; a missing one is an error
 * rather than a silent zero, because a misaligned join would quietly ruin a model.
 */
export function appendFeatureColumns(frame: FeatureFrame, columns: CustomerColumns): FeatureFrame {
  const names = Object.keys(columns);
  const clash = names.find((name) => frame.featureNames.includes(name));
  if (clash) throw new FeatureColumnError(`The frame already has a feature named "${clash}".`);
  const oldWidth = frame.featureNames.length;
  const width = oldWidth + names.length;
  const values = new Float32Array(frame.customerIds.length * width);
  frame.customerIds.forEach((id, row) => {
    values.set(frame.values.subarray(row * oldWidth, (row + 1) * oldWidth), row * width);
    names.forEach((name, j) => {
      const value = columns[name]!.get(id);
      if (value === undefined || !Number.isFinite(value)) {
        throw new FeatureColumnError(`Feature "${name}" has no finite value for customer ${id}.`, { cause: { value } });
      }
      values[row * width + oldWidth + j] = value;
    });
  });
  return { ...frame, featureNames: [...frame.featureNames, ...names], values };
}
