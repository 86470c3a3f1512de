export class FeatureColumnError extends Error {
  override readonly name = 'FeatureColumnError';
}

/** Extra per-customer columns keyed by feature name, row i belonging to customerIds[i]. */
export interface CustomerColumns {
  customerIds: readonly string[];
  columns: Record<string, ArrayLike<number>>;
}

/** The extra columns' names, once they are known to cover `customerIds` in order and to clash with none of `featureNames`. */
export function checkedColumnNames(customerIds: readonly string[], featureNames: readonly string[], extra: CustomerColumns): string[] {
  const names = Object.keys(extra.columns);
  const clash = names.find((name) => featureNames.includes(name));
  if (clash) throw new FeatureColumnError(`The frame already has a feature named "${clash}".`);
  const rows = customerIds.length;
  const misaligned =
    extra.customerIds.length !== rows ? Math.min(rows, extra.customerIds.length) : extra.customerIds === customerIds ? -1 : customerIds.findIndex((id, i) => id !== extra.customerIds[i]);
  if (misaligned >= 0) {
    throw new FeatureColumnError(`The extra columns do not cover the frame's customers in order (first difference at row ${misaligned}: ${customerIds[misaligned]} vs ${extra.customerIds[misaligned]}).`);
  }
  return names;
}

/** Writes the named extra columns into a row-major matrix of `width` columns, from column `first` on; a missing or non-finite value is an error. */
export function writeFeatureColumns(values: Float32Array, width: number, first: number, customerIds: readonly string[], extra: CustomerColumns, names: readonly string[]): void {
  names.forEach((name, j) => {
    const column = extra.columns[name]!;
    for (let row = 0; row < customerIds.length; row += 1) {
      const value = column[row];
      if (value === undefined || !Number.isFinite(value)) {
        throw new FeatureColumnError(`Feature "${name}" has no finite value for customer ${customerIds[row]}.`, { cause: { value } });
      }
      values[row * width + first + j] = value;
    }
  });
}
