import type { FeatureFrame } from './feature-frame.js';

export class FeatureColumnError extends Error {
  override readonly name = 'FeatureColumnError';
}

/** Extra per-customer columns keyed by feature name, row i belonging to customerIds[i]. */
export interface CustomerColumns {
  customerIds: readonly string[];
  columns: Record<string, ArrayLike<number>>;
}

/**
 * A new frame with `columns` appended after the existing features. The columns must cover the
 * frame's customers in the frame's order, with a finite value each; anything else is an error
 * rather than a silent zero, because a misaligned join would quietly ruin a model.
 */
export function appendFeatureColumns(frame: FeatureFrame, extra: CustomerColumns): FeatureFrame {
  const names = Object.keys(extra.columns);
  const clash = names.find((name) => frame.featureNames.includes(name));
  if (clash) throw new FeatureColumnError(`The frame already has a feature named "${clash}".`);
  const rows = frame.customerIds.length;
  const misaligned =
    extra.customerIds.length !== rows ? Math.min(rows, extra.customerIds.length) : extra.customerIds === frame.customerIds ? -1 : frame.customerIds.findIndex((id, i) => id !== extra.customerIds[i]);
  if (misaligned >= 0) {
    throw new FeatureColumnError(`The extra columns do not cover the frame's customers in order (first difference at row ${misaligned}: ${frame.customerIds[misaligned]} vs ${extra.customerIds[misaligned]}).`);
  }
  const oldWidth = frame.featureNames.length;
  const width = oldWidth + names.length;
  const values = new Float32Array(rows * width);
  const old = frame.values;
  for (let row = 0; row < rows; row += 1) {
    for (let j = 0, from = row * oldWidth, to = row * width; j < oldWidth; j += 1) values[to + j] = old[from + j]!;
  }
  names.forEach((name, j) => {
    const column = extra.columns[name]!;
    for (let row = 0; row < rows; row += 1) {
      const value = column[row];
      if (value === undefined || !Number.isFinite(value)) {
        throw new FeatureColumnError(`Feature "${name}" has no finite value for customer ${frame.customerIds[row]}.`, { cause: { value } });
      }
      values[row * width + oldWidth + j] = value;
    }
  });
  return { ...frame, featureNames: [...frame.featureNames, ...names], values };
}
