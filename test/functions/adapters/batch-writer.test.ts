import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { toAttributeValues } from '../../../functions/adapters/batch-writer.js';
import { outcomeOf } from '../../support/outcome-of.js';

describe('toAttributeValues (the batch writer’s items in attribute-value form)', () => {
  it('gives what the document client’s marshall gives, for flat items and for anything else', () => {
    const items: Array<Record<string, unknown>> = [
      { pk: 'CUSTOMER#1', sk: 'SCORE', churnProbability: 0.25, frequency: 4, negative: -1.5e-7, zero: 0, empty: '' },
      { pk: 'x', flag: true, off: false, nothing: null, skipped: undefined },
      { pk: 'x', big: Number.MAX_SAFE_INTEGER, small: Number.MIN_SAFE_INTEGER, tiny: 5e-324 },
      { pk: 'x', tooBig: Number.MAX_SAFE_INTEGER + 2 },
      { pk: 'x', notANumber: Number.NaN },
      { pk: 'x', infinite: -Infinity },
      { pk: 'x', nested: { a: 1, b: ['c', 2] } },
      { pk: 'x', list: [1, 'two'] },
      { pk: 'x', set: new Set(['a', 'b']) },
      { pk: 'x', bytes: new Uint8Array([1, 2]) },
      { pk: 'x', bigint: 12345678901234567890n },
      {},
    ];
    for (const item of items) {
      expect(outcomeOf(() => toAttributeValues(item)), JSON.stringify(Object.keys(item))).toEqual(outcomeOf(() => marshall(item, { removeUndefinedValues: true })));
    }
  });

  it('leaves out inherited properties, as marshall does', () => {
    const item = Object.assign(Object.create({ inherited: 'no' }) as Record<string, unknown>, { pk: 'x' });
    expect(toAttributeValues(item)).toEqual({ pk: { S: 'x' } });
  });
});
