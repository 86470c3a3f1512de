import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { membershipItemOf, scoreItemOf } from '../../functions/adapters/customer-items/customer-item.js';
import type { RunReport } from '../../functions/run/publish-run.js';
import { dynamoItemBytes, nightlyCost } from '../../infra/aws/cost/index.js';
import { startEmbeddedAws } from '../../infra/local/runtime/index.js';
import { customerRowOf } from '../support/customer-rows.js';
import { BenchMeasureError, measureEvents, measureStoredItems, nightlyRunMeasure, storedItemSizes } from './nightly-run-measure.js';

const dirs: string[] = [];
const tempDir = async (name: string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The fields of a run report the measure reads. */
const REPORT = {
  runId: 'r2',
  customers: 200_000,
  shards: 4,
  model: { trainedThisRun: false },
  shardSeconds: { max: 30, total: 116 },
  writes: { items: 40_000, scoreItems: 27_000, membershipsEntered: 4_000, membershipsExited: 3_900, customersRemoved: 12, bucketsFromLedger: 4096, scoreItemReasons: {} },
  membershipChanges: { previousRunId: 'r1', entered: 4_000, exited: 3_900, destination: 'x', bySegment: { 'rfm:champions': { entered: 4_000, exited: 0 }, 'churn:high': { entered: 0, exited: 3_900 } } },
} as unknown as RunReport;
const STAGES = [
  { stage: 'prepare', seconds: 8 },
  { stage: 'score', seconds: 16 },
  { stage: 'segment', seconds: 3 },
  { stage: 'write', seconds: 59 },
  { stage: 'publish', seconds: 28 },
];
const ITEMS = storedItemSizes([700, 900, 1100], [150, 150, 150, 150, 150, 150]);

describe("the bench's measure of a nightly run", () => {
  it('takes the counts from the report, WriteShard seconds from its shards, ScoreShard seconds as wall time on every core used', () => {
    const measure = nightlyRunMeasure(REPORT, STAGES, ITEMS, { memoryMiB: 3008, architecture: 'x86_64', cores: 2 });

    expect(measure).toMatchObject({ customers: 200_000, shards: 4, trained: false, s3: { puts: 76, gets: 100 } });
    expect(measure.table).toMatchObject({ scoreItemsWritten: 27_000, customersRemoved: 12, membershipsPut: 4_000, membershipsDeleted: 3_900, fullReadEvery: 8 });
    expect(measure.events.changesByGroup).toEqual([4_000, 3_900]);
    expect(measure.lambda.stages.map((s) => [s.stage, s.invocations, s.seconds])).toEqual([
      ['Prepare', 1, 8],
      ['ScoreShard', 4, 32],
      ['Segment', 1, 3],
      ['WriteShard', 4, 116],
      ['Publish', 1, 28],
    ]);
    expect(nightlyCost(measure).usd).toBeGreaterThan(0);
  });

  it('averages item sizes and write units, a 1,100-byte score item counting two', () => {
    expect(ITEMS).toMatchObject({ scoreItems: 3, memberships: 6, meanScoreItemBytes: 900, membershipsPerCustomer: 2, writeUnitsPerMembership: 1 });
    expect(ITEMS.writeUnitsPerScoreItem).toBeCloseTo(4 / 3, 12);
    expect(() => storedItemSizes([], [])).toThrow(BenchMeasureError);
  });

  it("gives each stage the memory the deployment gives its function", () => {
    const measure = nightlyRunMeasure(REPORT, STAGES, ITEMS, { memoryMiB: (stage) => (stage === 'WriteShard' ? 2048 : stage === 'ScoreShard' ? 1769 : 3008), architecture: 'arm64', cores: 2 });

    expect(measure.lambda.stages.map((s) => [s.stage, s.memoryMiB])).toEqual([['Prepare', 3008], ['ScoreShard', 1769], ['Segment', 3008], ['WriteShard', 2048], ['Publish', 3008]]);
    expect(measure.lambda.architecture).toBe('arm64');
  });

  it('refuses a run whose stage times were not all recorded', () => {
    expect(() => nightlyRunMeasure(REPORT, STAGES.slice(1), ITEMS, { memoryMiB: 3008, architecture: 'x86_64', cores: 2 })).toThrow(/prepare/);
  });

  it('counts the events of a run file one per change and batched', async () => {
    const file = path.join(await tempDir('bench-events'), 'r2.jsonl');
    const lines = Array.from({ length: 2_500 }, (_, i) => JSON.stringify({ source: 'predictive-segments', 'detail-type': 'Segment Membership Changed', detail: { customerId: `C${i}`, segmentId: i % 2 ? 'a:x' : 'b:y', change: 'entered' } }));
    await writeFile(file, `${lines.join('\n')}\n`);

    const events = await measureEvents(file, 1_000);

    expect(events).toMatchObject({ perChange: 2_500, batched: 4 });
    expect(events.largestBatchedBytes).toBeGreaterThan(6_000);
    expect(events.largestBatchedBytes).toBeLessThanOrEqual(64_000);
  });

  it('reads the sizes of the score and membership items the table in a state folder holds', async () => {
    const stateDir = await tempDir('bench-items');
    const run = { runId: 'r1', asOf: '2025-01-01', modelVersion: 'm1' };
    const rows = Array.from({ length: 10 }, (_, i) => customerRowOf(`C${i}`, { segments: ['rfm:champions', 'churn:low'] }));
    const items = rows.flatMap((row) => [{ ...scoreItemOf(row, run) }, ...row.segments.map((segment) => ({ ...membershipItemOf(row.customerId, segment, run) }))]);
    const aws = await startEmbeddedAws({ stateDir });
    try {
      const documents = DynamoDBDocumentClient.from(aws.dynamo);
      for (let i = 0; i < items.length; i += 25) await documents.send(new BatchWriteCommand({ RequestItems: { [aws.table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    } finally {
      await aws.stop();
    }

    const sizes = await measureStoredItems(stateDir);

    expect(sizes).toMatchObject({ scoreItems: 10, memberships: 20, membershipsPerCustomer: 2, writeUnitsPerScoreItem: 1 });
    expect(sizes.meanScoreItemBytes).toBeCloseTo(dynamoItemBytes(items[0]!), 0);
  }, 60_000);
});
