import { describe, expect, it } from 'vitest';
import { appendFeatureColumns, FeatureColumnError } from '../../../models/features/append-feature-columns.js';
import type { FeatureFrame } from '../../../models/features/feature-frame.js';

const frame: FeatureFrame = {
  asOf: '2024-01-31',
  customerIds: ['a', 'b'],
  featureNames: ['f1', 'f2'],
  values: Float32Array.from([1, 2, 3, 4]),
  rfm: { recencyDays: new Float64Array(2), frequency: new Float64Array(2), monetary: new Float64Array(2) },
};

describe('appendFeatureColumns', () => {
  it('appends each column after the existing features, row by row', () => {
    const extended = appendFeatureColumns(frame, { customerIds: ['a', 'b'], columns: { g: [10, 20] } });

    expect(extended.featureNames).toEqual(['f1', 'f2', 'g']);
    expect(Array.from(extended.values)).toEqual([1, 2, 10, 3, 4, 20]);
    expect(Array.from(frame.values)).toEqual([1, 2, 3, 4]);
  });

  it('refuses columns for other customers or in another order, a missing or non-finite value, and a repeated feature name', () => {
    expect(() => appendFeatureColumns(frame, { customerIds: ['a'], columns: { g: [1] } })).toThrow(/row 1/);
    expect(() => appendFeatureColumns(frame, { customerIds: ['b', 'a'], columns: { g: [1, 2] } })).toThrow(/row 0: a vs b/);
    expect(() => appendFeatureColumns(frame, { customerIds: ['a', 'b'], columns: { g: [1] } })).toThrow(/no finite value for customer b/);
    expect(() => appendFeatureColumns(frame, { customerIds: ['a', 'b'], columns: { g: [1, Number.NaN] } })).toThrow(FeatureColumnError);
    expect(() => appendFeatureColumns(frame, { customerIds: ['a', 'b'], columns: { f1: [1, 2] } })).toThrow(FeatureColumnError);
  });
});
