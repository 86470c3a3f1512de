import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoRunControl } from '../../../functions/adapters/dynamo-run-control.js';
import { InMemoryRunControl, type RunControl } from '../../../functions/run/run-control.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';

let pipeline: EmbeddedPipeline;
let table = 0;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

const T = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
const controls: [string, () => Promise<RunControl>][] = [
  ['in memory', async () => new InMemoryRunControl()],
  [
    'DynamoDB',
    async () => {
      // A fresh control record per test: a table of its own would be slow, a key prefix is not part of the contract.
      const { CreateTableCommand, waitUntilTableExists } = await import('@aws-sdk/client-dynamodb');
      const name = `control-${(table += 1)}`;
      await pipeline.aws.dynamo.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        }),
      );
      // dynalite answers CreateTable with CREATING and turns the table ACTIVE on a later tick; a write before that fails.
      await waitUntilTableExists({ client: pipeline.aws.dynamo, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
      return new DynamoRunControl(DynamoDBDocumentClient.from(pipeline.aws.dynamo), name);
    },
  ],
];

describe.each(controls)('single flight (%s)', (_, create) => {
  it('one run at a time; requests during a run lead to exactly one follow-up run', async () => {
    const control = await create();

    expect(await control.request(T(0))).toEqual({ running: false, pendingSince: T(0) });
    const first = await control.acquire(T(1), T(0), 'request-1');
    const second = await control.acquire(T(1), T(0), 'request-2');
    expect(first.acquired).toBe(true);
    expect(second).toMatchObject({ acquired: false });
    expect(await control.request(T(2))).toEqual({ running: true, pendingSince: T(2) });
    expect(await control.request(T(3))).toEqual({ running: true, pendingSince: T(2) });

    const runId = (first as { runId: string }).runId;
    const followUp = await control.finish(runId, T(4));
    expect(followUp).toMatchObject({ released: false });
    const next = (followUp as { nextRunId: string }).nextRunId;
    expect(next).not.toBe(runId);
    expect(await control.finish(next, T(5))).toEqual({ released: true });
    expect(await control.acquire(T(6), T(0), 'request-3')).toMatchObject({ acquired: true });
  });

  it('a lock left by a run that died is taken over once it is stale; the old holder can no longer release it', async () => {
    const control = await create();
    const dead = (await control.acquire(T(1), T(0), 'request-4')) as { runId: string };

    expect(await control.acquire(T(2), T(0), 'request-5')).toMatchObject({ acquired: false, holder: dead.runId });
    const taken = await control.acquire(T(30), T(10), 'request-6');
    expect(taken).toMatchObject({ acquired: true });
    await control.release(dead.runId);
    expect(await control.acquire(T(31), T(10), 'request-7')).toMatchObject({ acquired: false });
  });

  it('after a failed run the lock is free and pending requests wait for the next trigger', async () => {
    const control = await create();
    const run = (await control.acquire(T(1), T(0), 'request-8')) as { runId: string };
    await control.request(T(2));

    await control.release(run.runId);

    expect(await control.acquire(T(3), T(0), 'request-9')).toMatchObject({ acquired: true });
  });
});

describe('retried stages', () => {
  it.each(controls)('Start retried with the same request gets its own run back; Publish retried gets the same follow-up run (%s)', async (_, create) => {
    const control = await create();
    const first = await control.acquire(T(1), T(0), 'start:upload:A');

    expect(await control.acquire(T(2), T(0), 'start:upload:A')).toEqual(first);
    expect(await control.acquire(T(2), T(0), 'start:upload:B')).toMatchObject({ acquired: false });
    const runId = (first as { runId: string }).runId;
    await control.request(T(3));
    const next = await control.finish(runId, T(4));
    expect(next).toMatchObject({ released: false });
    expect(await control.finish(runId, T(5))).toEqual(next);
  });
});

describe('concurrent starts', () => {
  it('two acquires at once: exactly one run', async () => {
    const control = await controls[1]![1]();

    const results = await Promise.all([control.acquire(T(1), T(0), 'request-10'), control.acquire(T(1), T(0), 'request-11'), control.acquire(T(1), T(0), 'request-12')]);

    expect(results.filter((r) => r.acquired)).toHaveLength(1);
  });
});
