import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import { RunRefusedError } from '../../../functions/run/errors.js';
import { prepareRun } from '../../../functions/run/prepare-run.js';
import type { PreparedShards } from '../../../functions/run/prepared-shards.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { startRun } from '../../../functions/run/start-run.js';
import { addDays } from '../../../models/features/dates.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/**
 * A run on the same data set as the current run (a nightly rescore with no upload since) copies
 * that run's shard files instead of reading and sharding the data again; any change to the data
 * set (an upload, a file gone) makes Prepare read the data.
 */
const data = syntheticExtracts(240, 17);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let progress: string[] = [];
const gather: ScoringRuns = { request: async () => ({ started: false, reason: 'runs are started by the test' }) };

const upload = async (key: string, body: string) => {
  const ingest = createIngestHandler(() => ({ ...pipeline.dependencies, runs: gather }));
  await invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
};
const currentRunId = async () => (await deps.table.readCurrentRun())!.runId;
const preparedOf = async (runId: string) => JSON.parse(new TextDecoder().decode((await deps.store.get(runFiles(runId).prepared))!)) as PreparedShards;
const copiedShards = () => progress.some((line) => line.includes('shards copied from the last run'));
const check = async () => checkState(DynamoDBDocumentClient.from(pipeline.aws.dynamo), pipeline.aws.table);

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
  deps = { ...pipeline.runDependencies, onProgress: (line) => progress.push(line) };
  await upload('incoming/customers/c.csv', data.customersCsv);
  await upload('incoming/orders/o.csv', data.ordersCsv);
  const first = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
  expect(first.finished).toHaveLength(1);
}, 180_000);
afterAll(async () => pipeline?.stop());

describe('a run on the data set of the current run', () => {
  it('copies the current run shards (the same files and counts), and the state checks clean', async () => {
    const before = await currentRunId();
    progress = [];
    const rescore = await runStagesInOrder(deps, { trigger: 'schedule', asOf: addDays(data.lastDay, 1), requestedAt: new Date().toISOString() });
    expect(rescore.finished).toHaveLength(1);
    expect(copiedShards()).toBe(true);
    // The model fitted on the same data serves: Train's fingerprint of the shards is Prepare's of the uploads.
    expect(progress.find((line) => line.startsWith('prepare:'))).not.toMatch(/model to train/);

    const after = await currentRunId();
    const [old, copied] = [await preparedOf(before), await preparedOf(after)];
    expect(copied).toEqual(old);
    for (const { index } of copied.shards) {
      expect(await deps.store.eTag(runFiles(after).shardOrders(index))).toBe(await deps.store.eTag(runFiles(before).shardOrders(index)));
      expect(await deps.store.eTag(runFiles(after).shardCustomers(index))).toBe(await deps.store.eTag(runFiles(before).shardCustomers(index)));
    }
    expect(copied.data.customers).toBe(240);
    const state = await check();
    expect(state.problems).toEqual([]);
  }, 180_000);

  it('refuses a day the data cannot support before copying anything', async () => {
    const start = await startRun(deps, { trigger: 'schedule', asOf: '2015-01-01', requestedAt: new Date().toISOString() });
    if (!start.acquired) throw new Error(start.reason);
    await expect(prepareRun(deps, start.run)).rejects.toBeInstanceOf(RunRefusedError);
    expect(await deps.store.list(runFiles(start.run.runId).root + 'shards/')).toEqual([]);
    await deps.control.release(start.run.runId);
  }, 60_000);

  it('reads the data again when a shard file of the current run is gone', async () => {
    const current = await currentRunId();
    await pipeline.aws.s3.send(new DeleteObjectCommand({ Bucket: pipeline.aws.bucket, Key: runFiles(current).shardCustomers(0) }));
    progress = [];
    const rescore = await runStagesInOrder(deps, { trigger: 'schedule', asOf: addDays(data.lastDay, 2), requestedAt: new Date().toISOString() });
    expect(rescore.finished).toHaveLength(1);
    expect(copiedShards()).toBe(false);
    expect((await preparedOf(await currentRunId())).shards).toEqual((await preparedOf(current)).shards);
  }, 180_000);

  it('reads the data again when the record cannot be read, or S3 refuses to show a file (AccessDenied for a missing key without ListBucket)', async () => {
    await deps.store.put(runFiles(await currentRunId()).prepared, '{not json', 'application/json');
    progress = [];
    expect((await runStagesInOrder(deps, { trigger: 'schedule', asOf: addDays(data.lastDay, 2), requestedAt: new Date().toISOString() })).finished).toHaveLength(1);
    expect(copiedShards()).toBe(false);

    const refusing = Object.assign(Object.create(Object.getPrototypeOf(deps.store)), deps.store, {
      eTag: async (key: string) => {
        if (key.startsWith(runFiles(await currentRunId()).root)) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        return deps.store.eTag(key);
      },
    });
    progress = [];
    expect((await runStagesInOrder({ ...deps, store: refusing }, { trigger: 'schedule', asOf: addDays(data.lastDay, 2), requestedAt: new Date().toISOString() })).finished).toHaveLength(1);
    expect(copiedShards()).toBe(false);
    const state = await check();
    expect(state.problems).toEqual([]);
  }, 240_000);

  it('reads the data again after an upload, and counts its orders', async () => {
    const current = await currentRunId();
    const lastDay = addDays(data.lastDay, 3);
    await upload('incoming/orders/late.csv', `order_id,customer_id,order_date,amount\nLATE1,${data.active[0]},${lastDay},42.50\n`);
    progress = [];
    const run = await runStagesInOrder(deps, { trigger: 'upload', requestedAt: new Date().toISOString() });
    expect(run.finished).toHaveLength(1);
    expect(copiedShards()).toBe(false);
    const prepared = await preparedOf(await currentRunId());
    expect(prepared.inputKey).not.toBe((await preparedOf(current)).inputKey);
    expect(prepared.data.orders).toBe((await preparedOf(current)).data.orders + 1);
    expect(prepared.range.last).toBe(lastDay);
  }, 180_000);
});
