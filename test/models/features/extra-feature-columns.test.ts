import { describe, expect, it } from 'vitest';
import { checkedColumnNames, FeatureColumnError, writeFeatureColumns, type CustomerColumns } from '../../../models/features/extra-feature-columns.js';

const ids = ['a', 'b'];
const names = ['f1', 'f2'];

/** Two customers' rows of the two features [1, 2] and [3, 4], with room for one more column, then the extra columns written in. */
function extended(extra: CustomerColumns): number[] {
  const values = Float32Array.from([1, 2, 0, 3, 4, 0]);
  writeFeatureColumns(values, 3, 2, ids, extra, checkedColumnNames(ids, names, extra));
  return Array.from(values);
}

describe('extra feature columns', () => {
  it('writes each column after the existing features, row by row', () => {
    expect(extended({ customerIds: ['a', 'b'], columns: { g: [10, 20] } })).toEqual([1, 2, 10, 3, 4, 20]);
  });

  it('refuses columns for other customers or in another order, a missing or non-finite value, and a repeated feature name', () => {
    expect(() => extended({ customerIds: ['a'], columns: { g: [1] } })).toThrow(/row 1/);
    expect(() => extended({ customerIds: ['b', 'a'], columns: { g: [1, 2] } })).toThrow(/row 0: a vs b/);
    expect(() => extended({ customerIds: ['a', 'b'], columns: { g: [1] } })).toThrow(/no finite value for customer b/);
    expect(() => extended({ customerIds: ['a', 'b'], columns: { g: [1, Number.NaN] } })).toThrow(FeatureColumnError);
    expect(() => extended({ customerIds: ['a', 'b'], columns: { f1: [1, 2] } })).toThrow(FeatureColumnError);
  });
});
