import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { InMemoryTableLedgerStore, type CustomerRow, type ReconcileOptions } from '../../../functions/adapters/customer-items/index.js';
import type { SegmentsTable } from '../../../functions/adapters/segments-table.js';
import { tableKeys } from '../../../functions/shared/table-design.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { documentClient, dumpTable, freshTable } from '../../support/fresh-table.js';
import { IDS, SHARD, baseRows, nextRows, publish, sameTable, tick } from './shard-scenario.js';

let pipeline: EmbeddedPipeline;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

const customerItems = (dump: Record<string, unknown>[]) => dump.filter((item) => String(item.pk).startsWith('B#'));
const HALVES = [
  { fromBucket: SHARD.fromBucket, toBucket: SHARD.fromBucket + 32 },
  { fromBucket: SHARD.fromBucket + 32, toBucket: SHARD.toBucket },
];
const inRange = (rows: CustomerRow[], range: { fromBucket: number; toBucket: number }, bucketOfRow: (row: CustomerRow) => number) =>
  rows.filter((row) => bucketOfRow(row) >= range.fromBucket && bucketOfRow(row) < range.toBucket);

/** A client counting the Query calls (bucket reads) it sends. */
function countingClient() {
  const documents = documentClient(pipeline.aws);
  let queries = 0;
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') queries += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countQueries' },
  );
  return { documents, queries: () => queries };
}

/** A whole run over the shard, or over the given ranges of it (one reconcile per range), then published. */
async function runOver(table: SegmentsTable, runId: string, rows: CustomerRow[], asOf: string, options: ReconcileOptions, ranges: { fromBucket: number; toBucket: number }[] = [SHARD]) {
  await table.runs.start({ runId, asOf, startedAt: tick() });
  const results = [];
  for (const range of ranges) {
    const customers = inRange(rows, range, (row) => Number(tableKeys.customerScore(row.customerId).pk.slice(2)));
    results.push(await table.reconcileShard({ runId, asOf, modelVersion: 'm1', ...range, customers, finishedRuns: table.runs.succeededRuns() }, options));
  }
  const merged = { ...results[0]!, segmentSizes: {} as Record<string, number> };
  for (const result of results) for (const [id, size] of Object.entries(result.segmentSizes)) merged.segmentSizes[id] = (merged.segmentSizes[id] ?? 0) + size;
  await publish(table, runId, merged, asOf);
  return results;
}

const RUNS: [string, () => CustomerRow[], string][] = [
  ['r1', baseRows, '2024-12-31'],
  ['r2', nextRows, '2025-01-01'],
  ['r3', () => nextRows().map((row, i) => ({ ...row, predictedClv: row.predictedClv * (i % 4 === 0 ? 1.5 : 1) })), '2025-01-02'],
];

async function referenceDump(): Promise<Record<string, unknown>[][]> {
  const { table, documents, name } = await freshTable(pipeline.aws);
  const dumps = [];
  for (const [runId, rows, asOf] of RUNS) {
    await runOver(table, runId, rows(), asOf, {});
    dumps.push(customerItems(await dumpTable(documents, name)));
  }
  return dumps;
}

describe('reconcileShard with table ledgers', () => {
  it('diffs later runs against the ledger without reading the table back, and leaves the same table', async () => {
    const reference = await referenceDump();
    const { table, documents, name } = await freshTable(pipeline.aws);
    const counting = countingClient();
    const counted = sameTable(counting.documents, table);
    const ledgers = new InMemoryTableLedgerStore();

    const bucketsFromLedger = [];
    for (const [i, [runId, rows, asOf]] of RUNS.entries()) {
      const before = counting.queries();
      const [result] = await runOver(counted, runId, rows(), asOf, { ledgers });
      bucketsFromLedger.push([result!.bucketsFromLedger, counting.queries() - before]);
      expect(customerItems(await dumpTable(documents, name))).toEqual(reference[i]);
    }

    // The first run reads its 64 empty buckets (a Query each); the next two read none.
    expect(bucketsFromLedger).toEqual([[0, 64], [64, 0], [64, 0]]);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('a run killed in its writes leaves no ledger, so the next run reads the table and repairs it', async () => {
    const reference = await referenceDump();
    const { table, documents, name } = await freshTable(pipeline.aws);
    const ledgers = new InMemoryTableLedgerStore();
    await runOver(table, 'r1', baseRows(), '2024-12-31', { ledgers });
    const crashing = documentClient(pipeline.aws);
    let batches = 0;
    crashing.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && batches++ >= 1) throw new Error('injected crash');
        return next(args);
      },
      { step: 'initialize', name: 'crashAfterOneBatch' },
    );

    await table.runs.start({ runId: 'r2', asOf: '2025-01-01', startedAt: tick() });
    const killed = sameTable(crashing, table).reconcileShard(
      { runId: 'r2', asOf: '2025-01-01', modelVersion: 'm1', ...SHARD, customers: nextRows(), finishedRuns: table.runs.succeededRuns() },
      { ledgers, writer: { concurrency: 1, baseDelayMs: 1 } },
    );
    await expect(killed).rejects.toThrow('injected crash');
    expect(await ledgers.read(SHARD)).toBeNull();

    const [resumed] = await runOver(table, 'r3', nextRows(), '2025-01-01', { ledgers });
    expect(resumed!.bucketsFromLedger).toBe(0);
    const dump = customerItems(await dumpTable(documents, name));
    expect(dump.some((item) => item.runId === 'r2')).toBe(false);
    expect(dump.map((item) => ({ ...item, runId: item.runId === 'r3' ? 'r2' : item.runId }))).toEqual(reference[1]);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });

  it('never trusts a ledger whose buckets another shard layout wrote since', async () => {
    const reference = await referenceDump();
    const { table, documents, name } = await freshTable(pipeline.aws);
    const ledgers = new InMemoryTableLedgerStore();

    await runOver(table, 'r1', RUNS[0]![1](), RUNS[0]![2], { ledgers });
    const halves = await runOver(table, 'r2', RUNS[1]![1](), RUNS[1]![2], { ledgers }, HALVES);
    const [whole] = await runOver(table, 'r3', RUNS[2]![1](), RUNS[2]![2], { ledgers });

    // r1's ledger covers more than either half, so r2 voids it and reads the table; r3 uses r2's two.
    expect(halves.map((result) => result.bucketsFromLedger)).toEqual([0, 0]);
    expect(whole!.bucketsFromLedger).toBe(64);
    expect(await ledgers.read(SHARD)).not.toBeNull();
    expect(await ledgers.read(HALVES[0]!)).toBeNull();
    expect(customerItems(await dumpTable(documents, name))).toEqual(reference[2]);
  });

  it('reads the table in full after maxRunsWithoutTableRead runs, removing what was written outside the pipeline', async () => {
    const { table, documents, name } = await freshTable(pipeline.aws);
    const ledgers = new InMemoryTableLedgerStore();
    const options = { ledgers, maxRunsWithoutTableRead: 2 };
    await runOver(table, 'r1', baseRows(), '2024-12-31', options);
    const stray = { ...tableKeys.membership(IDS[0]!, 'rfm:stray'), customerId: IDS[0]!, segmentId: 'rfm:stray', runId: 'r1', asOf: '2024-12-31' };
    await (documents as DynamoDBDocumentClient).send(new PutCommand({ TableName: name, Item: stray }));

    const fromLedger = [];
    for (const [runId, asOf] of [['r2', '2025-01-01'], ['r3', '2025-01-02'], ['r4', '2025-01-03'], ['r5', '2025-01-04']] as const) {
      const [result] = await runOver(table, runId, baseRows(), asOf, options);
      fromLedger.push([result!.bucketsFromLedger, result!.membershipsDeleted]);
    }

    expect(fromLedger).toEqual([[64, 0], [64, 0], [0, 1], [64, 0]]);
    expect(customerItems(await dumpTable(documents, name)).some((item) => item.segmentId === 'rfm:stray')).toBe(false);
  });

  it('reads the table when a ledger object is unreadable', async () => {
    const { table, documents, name } = await freshTable(pipeline.aws);
    const ledgers = new InMemoryTableLedgerStore();
    await runOver(table, 'r1', baseRows(), '2024-12-31', { ledgers });
    ledgers.objects.set(`${SHARD.fromBucket}-${SHARD.toBucket}`, new TextEncoder().encode('not gzip'));

    const [result] = await runOver(table, 'r2', nextRows(), '2025-01-01', { ledgers });

    expect(result!.bucketsFromLedger).toBe(0);
    expect((await checkState(documents, name)).problems).toEqual([]);
  });
});
