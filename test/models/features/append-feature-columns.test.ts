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
  it('appends each column after the existing features, matched by customer id', () => {
    const extended = appendFeatureColumns(frame, { g: new Map([['b', 20], ['a', 10]]) });

    expect(extended.featureNames).toEqual(['f1', 'f2', 'g']);
    expect(Array.from(extended.values)).toEqual([1, 2, 10, 3, 4, 20]);
    expect(Array.from(frame.values)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a column that misses a customer or repeats a feature name', () => {
    expect(() => appendFeatureColumns(frame, { g: new Map([['a', 1]]) })).toThrow(FeatureColumnError);
    expect(() => appendFeatureColumns(frame, { f1: new Map([['a', 1], ['b', 2]]) })).toThrow(FeatureColumnError);
  });
});
