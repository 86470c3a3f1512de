import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { addDays } from '../../../models/features/dates.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/**
 * Two pipelines with the same history: one runs every day uninterrupted, the other fails each day
 * at a different point (a stage boundary, or between the shards of the Write map) and runs again.
 * After every re-run the table must be the uninterrupted one (but for which run wrote an item) and
 * `segments check` must find nothing.
 */
const data = syntheticExtracts(300, 11);
const gather: ScoringRuns = { request: async () => ({ started: false, reason: 'runs are driven by the test' }) };
let reference: EmbeddedPipeline;
let faulty: EmbeddedPipeline;

async function seeded(): Promise<EmbeddedPipeline> {
  const pipeline = await startEmbeddedPipeline();
  const ingest = createIngestHandler(() => ({ ...pipeline.dependencies, runs: gather }));
  for (const [key, body] of [['incoming/customers/c.csv', data.customersCsv], ['incoming/orders/o.csv', data.ordersCsv]] as const) {
    await invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
  }
  return pipeline;
}

const documentsOf = (pipeline: EmbeddedPipeline) => DynamoDBDocumentClient.from(pipeline.aws.dynamo);

/**
 * Faults at the SDK clients of the faulty pipeline, as AWS answers them: while on, every call of
 * the chosen service and commands fails with that error (the SDK's own retries included), until
 * the test turns it off for the re-run.
 */
interface SdkFault {
  service: 's3' | 'dynamodb';
  commands: RegExp;
  name: string;
  status: number;
  throttling?: boolean;
}
let activeFault: SdkFault | null = null;
function faultFor(service: SdkFault['service'], commandName: string | undefined): Error | null {
  const fault = activeFault;
  if (!fault || fault.service !== service || !fault.commands.test(commandName ?? '')) return null;
  return Object.assign(new Error(`${fault.name} (injected)`), {
    name: fault.name,
    $fault: 'server',
    $metadata: { httpStatusCode: fault.status },
    ...(fault.throttling ? { $retryable: { throttling: true } } : {}),
  });
}
function injectSdkFaults(pipeline: EmbeddedPipeline): void {
  const options = { step: 'finalizeRequest', name: 'injectServiceFault', priority: 'low' } as const;
  pipeline.aws.s3.middlewareStack.add((next, context) => async (args) => {
    const error = faultFor('s3', context.commandName);
    if (error) throw error;
    return next(args);
  }, options);
  pipeline.aws.dynamo.middlewareStack.add((next, context) => async (args) => {
    const error = faultFor('dynamodb', context.commandName);
    if (error) throw error;
    return next(args);
  }, options);
}


/** The customer items, keyed, without the id of the run that wrote them. */
async function dump(pipeline: EmbeddedPipeline): Promise<Record<string, unknown>> {
  const items: Record<string, unknown> = {};
  const client = documentsOf(pipeline);
  let key: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: pipeline.aws.table, ...(key ? { ExclusiveStartKey: key } : {}) }));
    for (const item of page.Items ?? []) {
      if (!String(item.pk).startsWith('B#')) continue;
      const { runId: _runId, ...rest } = item;
      items[`${item.pk}|${item.sk}`] = rest;
    }
    key = page.LastEvaluatedKey;
  } while (key);
  return items;
}

beforeAll(async () => {
  process.env.SEGMENTS_SHARD_CUSTOMERS = '100';
  [reference, faulty] = [await seeded(), await seeded()];
  const day0 = { trigger: 'schedule' as const, asOf: data.lastDay, requestedAt: new Date().toISOString() };
  await runStagesInOrder(reference.runDependencies, day0);
  await runStagesInOrder(faulty.runDependencies, day0);
  injectSdkFaults(faulty);
}, 300_000);
afterAll(async () => {
  delete process.env.SEGMENTS_SHARD_CUSTOMERS;
  await Promise.all([reference?.stop(), faulty?.stop()]);
});

const FAULTS = [
  { day: 1, failAt: 'Prepare' as const },
  { day: 2, failAt: 'WriteShard' as const, failAfterShards: 1 },
  { day: 3, failAt: 'Publish' as const },
  { day: 4, failAt: 'Segment' as const },
];

const SDK_FAULTS: { day: number; at: string; afterShards?: number; fault: SdkFault }[] = [
  { day: 5, at: 'Prepare', fault: { service: 'dynamodb', commands: /./, name: 'InternalServerError', status: 500 } },
  { day: 6, at: 'WriteShard', afterShards: 1, fault: { service: 'dynamodb', commands: /BatchWriteItem|Query/, name: 'ProvisionedThroughputExceededException', status: 400, throttling: true } },
  { day: 7, at: 'Publish', fault: { service: 's3', commands: /PutObject|CopyObject/, name: 'SlowDown', status: 503, throttling: true } },
  { day: 8, at: 'Segment', fault: { service: 's3', commands: /GetObject/, name: 'ServiceUnavailable', status: 503 } },
];

describe('a run that fails at any point and runs again leaves the table an uninterrupted run leaves', () => {
  it.each(FAULTS)('fails at $failAt on day +$day, then runs again', async ({ day, failAt, failAfterShards }) => {
    const trigger = { trigger: 'schedule' as const, asOf: addDays(data.lastDay, day * 15), requestedAt: new Date().toISOString() };
    await runStagesInOrder(reference.runDependencies, trigger);

    await expect(runStagesInOrder(faulty.runDependencies, trigger, { failAt, ...(failAfterShards ? { failAfterShards } : {}) })).rejects.toThrow('injected failure');
    const rerun = await runStagesInOrder(faulty.runDependencies, trigger);

    expect(rerun.finished).toHaveLength(1);
    expect(await dump(faulty)).toEqual(await dump(reference));
    const check = await checkState(documentsOf(faulty), faulty.aws.table);
    expect(check.problems).toEqual([]);
    expect((await faulty.runDependencies.table.readCatalog())?.segments).toEqual((await reference.runDependencies.table.readCatalog())?.segments);
  }, 180_000);
});

describe('a run that meets AWS errors at the SDK client (5xx, throttling) and runs again leaves the table an uninterrupted run leaves', () => {
  it.each(SDK_FAULTS)('$fault.name from $fault.service at $at on day +$day', async ({ day, at, afterShards, fault }) => {
    const trigger = { trigger: 'schedule' as const, asOf: addDays(data.lastDay, day * 15), requestedAt: new Date().toISOString() };
    await runStagesInOrder(reference.runDependencies, trigger);

    let shardsSeen = 0;
    const onStage = (stage: string) => {
      if (stage !== at) return;
      if (stage === 'WriteShard' && shardsSeen++ < (afterShards ?? 0)) return;
      activeFault = fault;
    };
    try {
      await expect(runStagesInOrder(faulty.runDependencies, trigger, { onStage })).rejects.toThrow();
    } finally {
      activeFault = null;
    }
    const rerun = await runStagesInOrder(faulty.runDependencies, trigger);

    expect(rerun.finished).toHaveLength(1);
    expect(await dump(faulty)).toEqual(await dump(reference));
    expect((await checkState(documentsOf(faulty), faulty.aws.table)).problems).toEqual([]);
  }, 180_000);
});
