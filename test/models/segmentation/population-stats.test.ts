import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SegmentationScore as CustomerScore } from '../../../models/segmentation/index.js';
import { assignSegments, computePopulationStats } from '../../../models/segmentation/index.js';

const score = fc.record({
  churnProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  // Few distinct values, so ties straddle quintile and tier boundaries.
  predictedClv: fc.integer({ min: 0, max: 12 }).map((v) => v * 2.5),
  recencyDays: fc.integer({ min: 0, max: 30 }),
  frequency: fc.integer({ min: 1, max: 6 }),
  monetary: fc.integer({ min: 0, max: 9 }).map((v) => v * 10),
  tenureDays: fc.integer({ min: 0, max: 400 }),
});

describe('segmenting shards against population statistics', () => {
  it('gives every customer the segments it gets when the whole population is segmented at once', () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 7 }), (rows, shards) => {
        const scores: CustomerScore[] = rows.map((r, i) => ({ customerId: `c${(i * 7919) % 1000}-${i}`, ...r }));
        const whole = assignSegments(scores);
        const population = computePopulationStats(scores);
        // JSON round trip: what the Segment stage stores and every shard reads.
        const stored = JSON.parse(JSON.stringify(population));
        for (let shard = 0; shard < shards; shard += 1) {
          const part = scores.filter((_, i) => i % shards === shard);
          const assigned = assignSegments(part, { population: stored });
          for (const customer of part) expect(assigned.memberships.get(customer.customerId)).toEqual(whole.memberships.get(customer.customerId));
        }
      }),
      { numRuns: 150 },
    );
  });
});
