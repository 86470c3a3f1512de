import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { membershipChanges } from '../../../models/scoring/membership-changes.js';

describe('membershipChanges', () => {
  it('reports entered and exited segments and customers that disappeared', () => {
    const previous = new Map([
      ['a', ['rfm:champions', 'churn:low']],
      ['gone', ['rfm:lost']],
    ]);
    const current = new Map([
      ['a', ['rfm:loyal-customers', 'churn:low']],
      ['new', ['rfm:new-customers']],
    ]);

    const changes = membershipChanges(previous, current);

    expect(changes.entered).toEqual([
      { customerId: 'a', segmentId: 'rfm:loyal-customers' },
      { customerId: 'new', segmentId: 'rfm:new-customers' },
    ]);
    expect(changes.exited).toEqual([
      { customerId: 'a', segmentId: 'rfm:champions' },
      { customerId: 'gone', segmentId: 'rfm:lost' },
    ]);
  });

  it('applying the changes to the previous state gives the current state', () => {
    const state = fc.dictionary(fc.string({ maxLength: 3 }), fc.uniqueArray(fc.constantFrom('s1', 's2', 's3', 's4'), { maxLength: 4 }));
    fc.assert(
      fc.property(state, state, (before, after) => {
        const previous = new Map(Object.entries(before));
        const current = new Map(Object.entries(after));

        const { entered, exited } = membershipChanges(previous, current);

        const pairs = new Set([...previous].flatMap(([c, s]) => s.map((x) => `${c}|${x}`)));
        exited.forEach((e) => pairs.delete(`${e.customerId}|${e.segmentId}`));
        entered.forEach((e) => pairs.add(`${e.customerId}|${e.segmentId}`));
        const expected = new Set([...current].flatMap(([c, s]) => s.map((x) => `${c}|${x}`)));
        expect([...pairs].sort()).toEqual([...expected].sort());
      }),
    );
  });
});
