import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { documentClient, dumpTable, freshTable } from '../../support/fresh-table.js';
import { baseRows, completeRun, nextRows, publish, reconcile, sameTable, tick } from './shard-scenario.js';

/**
 * The shard's second run (r2: scores moved, segments swapped, customers gone and new) interrupted
 * inside its writes, then run again: the table must end exactly as after an uninterrupted r2.
 */
let pipeline: EmbeddedPipeline;
let reference: Record<string, unknown>[];
let batchCalls: number;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
  const { table, documents, name } = await freshTable(pipeline.aws);
  await completeRun(table, 'r1', baseRows());
  const second = await completeRun(table, 'r2', nextRows(), '2025-01-01');
  reference = customerItems(await dumpTable(documents, name));
  batchCalls = Math.ceil(second.itemsWritten / 25);
}, 60_000);
afterAll(async () => pipeline?.stop());

const customerItems = (dump: Record<string, unknown>[], renameRuns: Record<string, string> = {}) =>
  dump.filter((item) => String(item.pk).startsWith('B#')).map((item) => ({ ...item, runId: renameRuns[String(item.runId)] ?? item.runId }));

/** A client that dies at the BatchWriteItem call number `calls` (0: the first): that call and every later one throw. */
function crashingClient(calls: number) {
  const documents = documentClient(pipeline.aws);
  const inFlight = new Set<Promise<unknown>>();
  let batchCalls = 0;
  let crashed = false;
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchWriteItemCommand' && batchCalls++ >= calls) crashed = true;
      if (crashed) throw Object.assign(new Error('injected crash'), { name: 'InjectedCrash' });
      const call = next(args);
      inFlight.add(call);
      try {
        return await call;
      } finally {
        inFlight.delete(call);
      }
    },
    { step: 'initialize', name: 'crashAfterCalls' },
  );
  // Requests already on the wire when the process "dies" may still land, as they would in DynamoDB.
  const settled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return { documents, settled, crashed: () => crashed };
}

/** A client whose every other BatchWriteItem and Query attempt fails with a 500 or a throttling error, up to `failures` of them. */
function flakyClient(failures: number, maxAttempts: number) {
  const documents = documentClient(pipeline.aws, { maxAttempts });
  let calls = 0;
  let injected = 0;
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      if (!['BatchWriteItemCommand', 'QueryCommand'].includes(String(context.commandName))) return next(args);
      calls += 1;
      if (calls % 2 === 0 || injected >= failures) return next(args);
      injected += 1;
      const throttled = injected % 2 === 0;
      throw Object.assign(new Error(throttled ? 'Rate of requests exceeds the allowed throughput.' : 'Internal server error'), {
        name: throttled ? 'ProvisionedThroughputExceededException' : 'InternalServerError',
        $fault: throttled ? 'client' : 'server',
        $metadata: { httpStatusCode: throttled ? 400 : 500 },
      });
    },
    { step: 'finalizeRequest', name: 'injectServerErrors', priority: 'low' },
  );
  return { documents, injected: () => injected };
}

async function afterFirstRun() {
  const fresh = await freshTable(pipeline.aws);
  await completeRun(fresh.table, 'r1', baseRows());
  await fresh.table.runs.start({ runId: 'r2', asOf: '2025-01-01', startedAt: tick() });
  return fresh;
}

/** One batch in flight, so the writes interleave with the bucket reads and a kill falls between them. */
const ONE_BATCH_AT_A_TIME = { writer: { concurrency: 1, baseDelayMs: 1 } };

const killedReconcile = async (documents: DynamoDBDocumentClient, table: Awaited<ReturnType<typeof afterFirstRun>>['table']) =>
  reconcile(sameTable(documents, table), 'r2', nextRows(), '2025-01-01', ONE_BATCH_AT_A_TIME);

describe('reconcileShard under faults', () => {
  it.each([['first', 0], ['middle', 0.5], ['last', 1]] as const)('killed at the %s BatchWriteItem call and run again, ends with the table of an uninterrupted run', async (_, at) => {
    const { table, documents, name } = await afterFirstRun();
    const crashing = crashingClient(Math.min(batchCalls - 1, Math.floor(at * batchCalls)));

    await expect(killedReconcile(crashing.documents, table)).rejects.toThrow('injected crash');
    await crashing.settled();
    const halfway = customerItems(await dumpTable(documents, name));
    const resumed = await reconcile(table, 'r2', nextRows(), '2025-01-01');
    const again = await reconcile(table, 'r2', nextRows(), '2025-01-01');
    await publish(table, 'r2', resumed, '2025-01-01');

    expect(batchCalls).toBeGreaterThan(4);
    expect(halfway).not.toEqual(reference);
    expect(customerItems(await dumpTable(documents, name))).toEqual(reference);
    expect(again.itemsWritten).toBe(0);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('killed, then replaced by a new run: the new run rewrites every item of the killed one', async () => {
    const { table, documents, name } = await afterFirstRun();
    const crashing = crashingClient(Math.floor(batchCalls / 2));
    await expect(killedReconcile(crashing.documents, table)).rejects.toThrow('injected crash');
    await crashing.settled();

    await completeRun(table, 'r3', nextRows(), '2025-01-01');

    const dump = customerItems(await dumpTable(documents, name));
    expect(dump.some((item) => item.runId === 'r2')).toBe(false);
    expect(customerItems(dump, { r3: 'r2' })).toEqual(reference);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('failing in its reads while writes are in flight, rejects only once they have settled, and runs again to the same table', async () => {
    const { table, documents, name } = await afterFirstRun();
    const slow = documentClient(pipeline.aws);
    let inFlight = 0;
    let writesAtRejection: number | undefined;
    let writesStartedAfter = 0;
    let queries = 0;
    let writesWhenReadFailed = 0;
    slow.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand' && ++queries === 40) {
          writesWhenReadFailed = inFlight;
          throw Object.assign(new Error('injected read failure'), { name: 'InjectedReadFailure' });
        }
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        if (writesAtRejection !== undefined) writesStartedAfter += 1;
        inFlight += 1;
        try {
          await new Promise((resolve) => setTimeout(resolve, 15));
          return await next(args);
        } finally {
          inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'slowWritesFailingRead' },
    );

    const failed = reconcile(sameTable(slow, table), 'r2', nextRows(), '2025-01-01', { readConcurrency: 2, writer: { concurrency: 1 } }).catch((error: Error) => {
      writesAtRejection = inFlight;
      throw error;
    });
    await expect(failed).rejects.toThrow('injected read failure');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const result = await reconcile(table, 'r2', nextRows(), '2025-01-01');
    await publish(table, 'r2', result, '2025-01-01');

    expect(writesWhenReadFailed).toBe(1);
    expect(writesAtRejection).toBe(0);
    expect(writesStartedAfter).toBe(0);
    expect(customerItems(await dumpTable(documents, name))).toEqual(reference);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('rides out 5xx and throttling answers through the SDK retries, writing the same items', async () => {
    const { table, documents, name } = await afterFirstRun();
    const flaky = flakyClient(8, 6);

    const result = await reconcile(sameTable(flaky.documents, table), 'r2', nextRows(), '2025-01-01', ONE_BATCH_AT_A_TIME);
    await publish(table, 'r2', result, '2025-01-01');

    expect(flaky.injected()).toBe(8);
    expect(customerItems(await dumpTable(documents, name))).toEqual(reference);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('fails when the errors outlast the retries, and the next attempt completes the run', async () => {
    const { table, documents, name } = await afterFirstRun();
    const flaky = flakyClient(Number.POSITIVE_INFINITY, 1);

    await expect(reconcile(sameTable(flaky.documents, table), 'r2', nextRows(), '2025-01-01')).rejects.toThrow();
    const result = await reconcile(table, 'r2', nextRows(), '2025-01-01');
    await publish(table, 'r2', result, '2025-01-01');

    expect(customerItems(await dumpTable(documents, name))).toEqual(reference);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });
});
