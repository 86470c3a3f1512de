import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import type { ScoringRunOutcome, ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import { localScoringRuns } from '../../../infra/local/cli/local-scoring-runs.js';
import { createRunHandlers } from '../../../infra/local/cli/run-handlers.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/**
 * Through the local state machine: one run writes at a time, whatever asks for runs and when.
 * Requests made while a run holds the lock start nothing; the run then runs once more for them.
 */
const data = syntheticExtracts(200, 21);
let pipeline: EmbeddedPipeline;
let progress: string[] = [];
let runs: ScoringRuns;
let onWrite: (() => Promise<void>) | null = null;

const ingestWith = (requester: ScoringRuns) => createIngestHandler(() => ({ ...pipeline.dependencies, runs: requester }));
const upload = async (requester: ScoringRuns, key: string, body: string) => {
  const ingest = ingestWith(requester);
  return invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
};

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
  const handlers = await createRunHandlers(() => pipeline.runDependencies);
  const write = handlers.WriteShard;
  // Lets a test act while the run is in its Write map, holding the lock.
  handlers.WriteShard = (async (event: never, context: never) => {
    const hook = onWrite;
    onWrite = null;
    if (hook) await hook();
    return write(event, context);
  }) as typeof handlers.WriteShard;
  runs = localScoringRuns(pipeline.runDependencies, handlers, { onProgress: (line) => progress.push(line) });
  const gather: ScoringRuns = { request: async () => ({ started: false, reason: 'seeding' }) };
  await upload(gather, 'incoming/customers/c.csv', data.customersCsv);
}, 120_000);
afterAll(async () => pipeline?.stop());

describe('single flight through the local state machine', () => {
  it('two runs requested at once (the second while the first runs): one run writes, the other request starts nothing and is served by one follow-up run', async () => {
    await upload({ request: async () => ({ started: false, reason: 'seeding' }) }, 'incoming/orders/o.csv', data.ordersCsv);
    progress = [];

    // The second request is made while the first run holds the lock (in its Write map), whatever the machine's load.
    let second: Promise<ScoringRunOutcome> | null = null;
    onWrite = async () => {
      second = runs.request({ trigger: 'manual', uploads: [] });
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    const first = await runs.request({ trigger: 'manual', uploads: [] });
    const outcomes = [first, await second!];

    expect(outcomes.filter((o) => o.started)).toHaveLength(1);
    expect(outcomes.find((o) => !o.started)?.reason).toMatch(/in progress/);
    expect(outcomes.find((o) => o.started)?.reports).toHaveLength(2);
    expect(progress.filter((line) => line === 'publish (catalogue, audiences, report, pointer)…')).toHaveLength(2);
  }, 240_000);

  it('an upload during a run leads to exactly one follow-up run that scores it', async () => {
    const late = 'order_id,customer_id,order_date,amount\nLATE1,NEWCOMER,2024-12-30,25\n';
    let duringRun: Awaited<ReturnType<typeof upload>> | null = null;
    onWrite = async () => {
      duringRun = await upload(runs, 'incoming/orders/late.csv', late);
    };

    const outcome = await runs.request({ trigger: 'manual', uploads: [] });

    expect(duringRun!.run).toMatchObject({ started: false });
    expect(outcome.reports).toHaveLength(2);
    expect(outcome.reports![1]!.customers).toBe(201);
    expect(await pipeline.dependencies.table.getCustomer('NEWCOMER')).toMatchObject({ customerId: 'NEWCOMER' });
    const check = await checkState(DynamoDBDocumentClient.from(pipeline.aws.dynamo), pipeline.aws.table);
    expect(check.problems).toEqual([]);
  }, 240_000);
});
