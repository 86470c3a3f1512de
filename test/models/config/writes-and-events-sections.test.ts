import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMBERSHIP_CHANGE_EVENTS, DEFAULT_WRITE_TOLERANCE } from '../../../models/config/index.js';
import { parse, problemsOf } from './config-problems.js';


describe('the sections of what a run writes and sends: writes and events', () => {
  it('default to tolerances of 0.02 on probabilities, max(5%, 1) on predicted values, 7 days on the next order date, and one event per change', () => {
    const config = parse('');

    expect(config.writes).toEqual({ tolerance: { probability: 0.02, valueRelative: 0.05, valueAbsolute: 1, nextOrderDays: 7 } });
    expect(config.writes.tolerance).toEqual(DEFAULT_WRITE_TOLERANCE);
    expect(config.events).toEqual({ membershipChanges: { batched: false, maxCustomersPerEvent: 1000 } });
    expect(config.events.membershipChanges).toEqual(DEFAULT_MEMBERSHIP_CHANGE_EVENTS);
  });

  it('take each tolerance alone, the others keeping their defaults, and batched events of a chosen size', () => {
    const config = parse('writes: { tolerance: { valueRelative: 0.1 } }\nevents: { membershipChanges: { batched: true, maxCustomersPerEvent: 500 } }\n');

    expect(config.writes.tolerance).toEqual({ ...DEFAULT_WRITE_TOLERANCE, valueRelative: 0.1 });
    expect(config.events.membershipChanges).toEqual({ batched: true, maxCustomersPerEvent: 500 });
    expect(parse('writes: { tolerance: { probability: 0, valueRelative: 0, valueAbsolute: 0, nextOrderDays: 0 } }').writes.tolerance.probability).toBe(0);
  });

  it('refuse negative or meaningless tolerances, a batch size out of 1 to 10,000 and unknown entries, naming each path', () => {
    const problems = problemsOf(`
writes: { tolerance: { probability: 0.6, valueRelative: 5, valueAbsolute: -1, nextOrderDays: 2.5, days: 3 } }
events: { membershipChanges: { batched: yes, maxCustomersPerEvent: 0 }, runFinished: true }
`);

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^writes\.tolerance\.probability: a probability tolerance above 0\.5/),
        expect.stringMatching(/^writes\.tolerance\.valueRelative: expected a share such as 0\.05/),
        expect.stringMatching(/^writes\.tolerance\.valueAbsolute: /),
        expect.stringMatching(/^writes\.tolerance\.nextOrderDays: /),
        expect.stringMatching(/^writes\.tolerance: .*days/),
        expect.stringMatching(/^events\.membershipChanges\.batched: /),
        expect.stringMatching(/^events\.membershipChanges\.maxCustomersPerEvent: /),
        expect.stringMatching(/^events: .*runFinished/),
      ]),
    );
    expect(problemsOf('events: { membershipChanges: { maxCustomersPerEvent: 20000 } }')).toEqual([expect.stringMatching(/^events\.membershipChanges\.maxCustomersPerEvent: /)]);
  });
});
