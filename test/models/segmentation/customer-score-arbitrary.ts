import fc from 'fast-check';
import type { SegmentationScore as CustomerScore } from '../../../models/segmentation/index.js';

/** Populations with unique ids and deliberately coarse values, so ties are common. */
export function customerScoresArbitrary(maxLength = 200): fc.Arbitrary<CustomerScore[]> {
  const score = fc.record({
    churnProbability: fc.oneof(fc.constantFrom(0, 0.3, 0.6, 0.85, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    predictedClv: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
    recencyDays: fc.integer({ min: 0, max: 30 }),
    frequency: fc.integer({ min: 1, max: 6 }),
    monetary: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1e5, noNaN: true })),
    tenureDays: fc.integer({ min: 30, max: 800 }),
  });
  return fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength })
    .chain((ids) => fc.tuple(...ids.map((id) => score.map((s): CustomerScore => ({ customerId: id, ...s })))));
}

export function customerScore(customerId: string, overrides: Partial<CustomerScore> = {}): CustomerScore {
  return { customerId, churnProbability: 0.1, predictedClv: 100, recencyDays: 10, frequency: 2, monetary: 200, tenureDays: 400, ...overrides };
}
