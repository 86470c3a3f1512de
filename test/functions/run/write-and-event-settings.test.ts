import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { InMemorySegmentChangeSink } from '../../../functions/adapters/segment-change-events.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { addDays } from '../../../models/features/dates.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(300, 23);
const sink = new InMemorySegmentChangeSink();
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let reportOf: (runId: string) => Promise<RunReport>;

beforeAll(async () => {
  ({ pipeline, deps, reportOf } = await ingestedPipeline(data, { segmentChanges: sink }));
}, 120_000);
afterAll(async () => pipeline?.stop());

const runAsOf = async (asOf: string): Promise<RunReport> => {
  const outcome = await runStagesInOrder(deps, { trigger: 'schedule', asOf, requestedAt: new Date().toISOString() });
  return reportOf(outcome.finished[0]!.runId);
};
/** Score items rewritten because a probability or a predicted value moved (a passed next order date is rewritten whatever the tolerance). */
const movedScores = (report: RunReport) => (report.writes.scoreItemReasons.probability ?? 0) + (report.writes.scoreItemReasons.value ?? 0);

describe("a run's writes and events settings, from the configuration file", () => {
  it('writes.tolerance decides which moved scores are rewritten, and events.membershipChanges batches what Publish sends', async () => {
    const loose = 'writes: { tolerance: { probability: 0.5, valueRelative: 1, valueAbsolute: 1000000, nextOrderDays: 365 } }\nevents: { membershipChanges: { batched: true, maxCustomersPerEvent: 25 } }\n';
    await deps.store.put(CONFIG_KEY, loose, 'application/yaml');
    const first = await runAsOf(data.lastDay);
    const firstBatches = sink.batches.filter((b) => b.runId === first.runId);

    expect(sink.sent).toEqual([]);
    expect(firstBatches.reduce((n, b) => n + b.customerIds.length, 0)).toBe(first.membershipChanges.entered);
    expect(firstBatches.every((b) => b.customerIds.length <= 25 && b.change === 'entered')).toBe(true);
    for (const segment of first.segments) {
      expect(firstBatches.filter((b) => b.segmentId === segment.id)).toHaveLength(Math.ceil(segment.size / 25));
    }

    // A month later every probability and value has moved a little: none by more than the loose tolerance.
    const later = await runAsOf(addDays(data.lastDay, 30));
    expect(movedScores(later)).toBe(0);

    // The same move with every tolerance at zero: the moved scores are rewritten, and the events are one per change again.
    await deps.store.put(CONFIG_KEY, 'writes: { tolerance: { probability: 0, valueRelative: 0, valueAbsolute: 0, nextOrderDays: 0 } }\n', 'application/yaml');
    const strict = await runAsOf(addDays(data.lastDay, 60));
    expect(movedScores(strict)).toBeGreaterThan(50);
    expect(sink.sent.filter((e) => e.runId === strict.runId)).toHaveLength(strict.membershipChanges.entered + strict.membershipChanges.exited);
    expect(sink.batches.filter((b) => b.runId === strict.runId)).toEqual([]);
  }, 300_000);
});
