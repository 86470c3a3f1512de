import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReconcileInputError, type CustomerRow } from '../../../functions/adapters/customer-items/index.js';
import { tableKeys } from '../../../functions/shared/table-design.js';
import { bucketOf } from '../../../models/partitioning/index.js';
import { customerRowOf } from '../../support/customer-rows.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { dumpTable, freshTable } from '../../support/fresh-table.js';
import { IDS, SHARD, baseRows, completeRun, reconcile } from './shard-scenario.js';

let pipeline: EmbeddedPipeline;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

const membershipCount = (rows: CustomerRow[]) => rows.reduce((sum, row) => sum + row.segments.length, 0);
const customerItems = (dump: Record<string, unknown>[]) => dump.filter((item) => String(item.pk).startsWith('B#'));

async function tableAfterFirstRun() {
  const fresh = await freshTable(pipeline.aws);
  await completeRun(fresh.table, 'r1', baseRows());
  return fresh;
}

describe('reconcileShard', () => {
  it('writes a score item per customer and an item per membership into an empty table', async () => {
    const { table, documents, name } = await freshTable(pipeline.aws);
    const rows = baseRows();

    const result = await completeRun(table, 'r1', rows);

    expect(result).toMatchObject({ customers: 60, buckets: 64, itemsRead: 0, scoreItemsWritten: 60, membershipsPut: membershipCount(rows), membershipsDeleted: 0, unchangedCustomers: 0 });
    expect(result).toMatchObject({ scoreWritesNew: 60, scoreWritesProbability: 0 });
    expect(result.itemsWritten).toBe(60 + membershipCount(rows));
    expect(result.segmentSizes).toMatchObject({ 'rfm:champions': 30, 'rfm:lost': 30, 'clv:top-1': 9 });
    const items = customerItems(await dumpTable(documents, name));
    expect(items).toHaveLength(result.itemsWritten);
    const first = rows[0]!;
    // The customer's segments are its membership items; the score item does not repeat them.
    const { segments: _segments, ...scores } = first;
    expect(items.find((item) => item.sk === `C#${first.customerId}#SCORE`)).toEqual({
      pk: `B#${bucketOf(first.customerId)}`,
      sk: `C#${first.customerId}#SCORE`,
      runId: 'r1',
      asOf: '2024-12-31',
      modelVersion: 'm1',
      ...scores,
    });
    expect(items.find((item) => item.sk === `C#${first.customerId}#S#clv:top-1`)).toEqual({
      ...tableKeys.membership(first.customerId, 'clv:top-1'),
      customerId: first.customerId,
      segmentId: 'clv:top-1',
      runId: 'r1',
      asOf: '2024-12-31',
    });
    expect(items.every((item) => item.pk === `B#${bucketOf(String(item.customerId))}`)).toBe(true);
  });

  it('writes nothing when the input has not changed, in a later run or a retry of the same one', async () => {
    const { table } = await tableAfterFirstRun();

    const retry = await reconcile(table, 'r1', baseRows());
    const next = await completeRun(table, 'r2', baseRows(), '2025-01-01');

    expect(retry).toMatchObject({ itemsWritten: 0, unchangedCustomers: 60 });
    expect(next).toMatchObject({ itemsWritten: 0, unchangedCustomers: 60, itemsRead: 60 + membershipCount(baseRows()) });
  });

  it('rewrites a score only when it moved beyond the tolerance or an exact field changed', async () => {
    const { table } = await tableAfterFirstRun();
    const rows = baseRows();
    const change = (i: number, patch: Partial<CustomerRow>) => Object.assign(rows[i]!, patch);
    change(0, { churnProbability: rows[0]!.churnProbability + 0.009 });
    change(1, { churnProbability: 0.18 });
    change(2, { predictedClv: rows[2]!.predictedClv * 1.019 });
    change(3, { predictedClv: rows[3]!.predictedClv * 1.1 });
    change(4, { frequency: rows[4]!.frequency + 1 });
    change(5, { lastOrderDate: '2024-12-30' });
    change(6, { historicClv: rows[6]!.historicClv + 0.001 });
    change(8, { historicClv: rows[8]!.historicClv + 0.5 });
    change(9, { probabilityAlive: rows[9]!.probabilityAlive + 0.03 });
    change(10, { predictedSpend: rows[10]!.predictedSpend * 1.1 });
    change(11, { expectedNextOrderDate: '2025-02-13' });
    change(12, { expectedNextOrderDate: '2025-02-25' });
    change(13, { expectedNextOrderDate: null });
    change(14, { T: rows[14]!.T + 1, expectedOrders: 1.3, predictedSpendHigh: 80 });
    change(15, { horizonDays: 180 });

    const result = await reconcile(table, 'r2', rows);

    expect(result).toMatchObject({ scoreItemsWritten: 10, membershipsPut: 0, membershipsDeleted: 0, unchangedCustomers: 50 });
    expect(result).toMatchObject({ scoreWritesOrders: 4, scoreWritesProbability: 2, scoreWritesValue: 2, scoreWritesNextOrderDate: 2, scoreWritesNew: 0, scoreWritesLayout: 0 });
    expect((await table.getCustomer(IDS[0]!))?.churnProbability).toBe(baseRows()[0]!.churnProbability);
    expect((await table.getCustomer(IDS[1]!))).toMatchObject({ churnProbability: rows[1]!.churnProbability, runId: 'r2' });
    expect((await table.getCustomer(IDS[11]!))?.expectedNextOrderDate).toBe(baseRows()[11]!.expectedNextOrderDate);
  });

  it('rewrites an expected next order date once the day has come, and an item of an older release missing fields', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const { predictedSpend: _dropped, ...olderItem } = (await dumpTable(documents, name)).find((item) => item.sk === `C#${IDS[1]}#SCORE`)!;
    await documents.send(new PutCommand({ TableName: name, Item: olderItem }));

    const before = await reconcile(table, 'r2', baseRows(), '2025-02-09');
    const on = await reconcile(table, 'r3', baseRows(), '2025-02-10');

    expect(before.scoreItemsWritten).toBe(1);
    expect(on.scoreItemsWritten).toBe(60);
  });

  it('takes the tolerance from the input, with an absolute floor for values near zero', async () => {
    const { table } = await freshTable(pipeline.aws);
    const rows = baseRows();
    rows[0]!.predictedClv = 0.001;
    await completeRun(table, 'r1', rows);
    rows[0]!.predictedClv = 0.009;
    rows[1]!.churnProbability += 0.005;

    const loose = await reconcile(table, 'r2', rows);
    const strict = await table.reconcileShard({ runId: 'r3', asOf: '2024-12-31', modelVersion: 'm1', ...SHARD, customers: rows, finishedRuns: new Set(['r1', 'r2']), tolerance: { probability: 0.001 } });

    expect(loose.scoreItemsWritten).toBe(0);
    expect(strict.scoreItemsWritten).toBe(1);
  });

  it('moves a customer between segments: puts the new membership, deletes the old, leaves the score item (it does not list segments)', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const rows = baseRows();
    rows[0]!.segments = rows[0]!.segments.map((s) => (s === 'churn:low' ? 'churn:high' : s));

    const result = await reconcile(table, 'r2', rows);

    expect(result).toMatchObject({ scoreItemsWritten: 0, membershipsPut: 1, membershipsDeleted: 1, unchangedCustomers: 59 });
    expect(result.segmentSizes['churn:low']).toBe(29);
    const items = await dumpTable(documents, name);
    const ofFirst = items.filter((item) => item.customerId === IDS[0]);
    expect(ofFirst.filter((item) => item.segmentId).map((item) => item.segmentId).sort()).toEqual([...rows[0]!.segments].sort());
    expect(ofFirst.find((item) => item.sk === `C#${IDS[0]}#SCORE`)).toMatchObject({ runId: 'r1' });
    expect(ofFirst.find((item) => item.sk === `C#${IDS[0]}#SCORE`)).not.toHaveProperty('segments');
    expect((await table.getCustomer(IDS[0]!))?.segments.sort()).toEqual([...rows[0]!.segments].sort());
  });

  it('rewrites once, without it, a score item of the earlier layout that listed the segments', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const stored = (await dumpTable(documents, name)).find((item) => item.sk === `C#${IDS[1]}#SCORE`)!;
    await documents.send(new PutCommand({ TableName: name, Item: { ...stored, segments: baseRows()[1]!.segments } }));

    const first = await completeRun(table, 'r2', baseRows());
    const again = await reconcile(table, 'r3', baseRows());

    expect(first).toMatchObject({ scoreItemsWritten: 1, scoreWritesLayout: 1, membershipsPut: 0, membershipsDeleted: 0 });
    expect((await dumpTable(documents, name)).find((item) => item.sk === `C#${IDS[1]}#SCORE`)).not.toHaveProperty('segments');
    expect(again.scoreItemsWritten).toBe(0);
  });

  it('deletes every item of a customer no longer in the data', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const [gone, ...rows] = baseRows();

    const result = await reconcile(table, 'r2', rows);

    expect(result).toMatchObject({ customersRemoved: 1, membershipsDeleted: gone!.segments.length, scoreItemsWritten: 0, orphansDeleted: 0 });
    expect((await dumpTable(documents, name)).filter((item) => item.customerId === gone!.customerId)).toEqual([]);
    expect(await table.getCustomer(gone!.customerId)).toBeNull();
  });

  it('deletes orphan memberships (no score item) and restores the items of a customer still in the data', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const stranger = IDS[85]!;
    const kept = baseRows()[3]!;
    const put = (item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: name, Item: item }));
    await put({ ...tableKeys.membership(stranger, 'rfm:lost'), customerId: stranger, segmentId: 'rfm:lost', runId: 'r1', asOf: '2024-12-31' });
    await put({ ...tableKeys.membership(stranger, 'churn:high'), customerId: stranger, segmentId: 'churn:high', runId: 'r1', asOf: '2024-12-31' });
    await put({ ...tableKeys.membership(kept.customerId, 'clv:top-1'), customerId: kept.customerId, segmentId: 'clv:top-1', runId: 'r1', asOf: '2024-12-31' });
    await documents.send(new DeleteCommand({ TableName: name, Key: tableKeys.customerScore(kept.customerId) }));
    await put({ pk: tableKeys.bucketPartition(SHARD.fromBucket), sk: 'JUNK', note: 'not a customer item' });

    const result = await reconcile(table, 'r2', baseRows());

    expect(result).toMatchObject({ orphansDeleted: 3, membershipsDeleted: 3, strayItemsDeleted: 1, scoreItemsWritten: 1, customersRemoved: 0 });
    const after = await dumpTable(documents, name);
    expect(after.filter((item) => item.customerId === stranger)).toEqual([]);
    expect((await table.getCustomer(kept.customerId))?.segments.sort()).toEqual([...kept.segments].sort());
    expect(await reconcile(table, 'r2', baseRows())).toMatchObject({ itemsWritten: 0 });
  });

  it('rewrites the items of a run that did not finish, so none of them survives the next run', async () => {
    const { table, documents, name } = await tableAfterFirstRun();
    const rows = baseRows();
    rows[0]!.churnProbability += 0.3;
    rows[1]!.segments = ['rfm:lost'];
    await table.runs.start({ runId: 'killed', asOf: '2024-12-31', startedAt: '2025-01-02T00:00:00Z' });
    const killed = await reconcile(table, 'killed', rows);
    await table.runs.start({ runId: 'failed', asOf: '2024-12-31', startedAt: '2025-01-02T01:00:00Z' });
    rows[2]!.churnProbability += 0.3;
    const failed = await reconcile(table, 'failed', rows);
    await table.runs.finish('failed', 'failed', '2025-01-02T02:00:00Z');

    const next = await completeRun(table, 'r2', rows);

    expect(killed.itemsWritten).toBeGreaterThan(0);
    // The score items of rows 0 and 2; row 1's change of segments is a membership deleted.
    expect(failed.scoreItemsWritten).toBe(2);
    expect(next.scoreItemsWritten).toBe(2);
    expect(next.membershipsPut).toBe(0);
    const runIds = new Set((await dumpTable(documents, name)).filter((item) => item.customerId).map((item) => item.runId));
    expect([...runIds].sort()).toEqual(['r1', 'r2']);
  });

  it('refuses input it cannot reconcile before writing anything', async () => {
    const { table, documents, name } = await freshTable(pipeline.aws);
    const outsideId = ['x', 'y', 'z'].find((id) => bucketOf(id) < SHARD.fromBucket || bucketOf(id) >= SHARD.toBucket)!;
    const bad: [string, CustomerRow[], { fromBucket: number; toBucket: number }?][] = [
      ['a customer outside the shard', [...baseRows(), { ...baseRows()[0]!, customerId: outsideId }]],
      ['a duplicate customer', [...baseRows(), baseRows()[5]!]],
      ['a segment id with #', [{ ...baseRows()[0]!, segments: ['rfm:a#b'] }]],
      ['a segment listed twice', [{ ...baseRows()[0]!, segments: ['rfm:lost', 'rfm:lost'] }]],
      ['a value that is not a number', [{ ...baseRows()[0]!, predictedClv: Number.NaN }]],
      ['a last order that is not a day', [{ ...baseRows()[0]!, lastOrderDate: '31/12/2024' }]],
      ['a probability above 1', [{ ...baseRows()[0]!, probabilityAlive: 1.2 }]],
      ['an empty range', [], { fromBucket: 10, toBucket: 10 }],
      ['a range beyond the buckets', [], { fromBucket: 4000, toBucket: 4097 }],
    ];

    for (const [, customers, range] of bad) {
      const attempt = table.reconcileShard({ runId: 'r1', asOf: '2024-12-31', modelVersion: 'm1', ...SHARD, ...range, customers, finishedRuns: new Set() });
      await expect(attempt).rejects.toBeInstanceOf(ReconcileInputError);
    }
    expect(await dumpTable(documents, name)).toEqual([]);
  });
});

describe('getCustomer', () => {
  it("returns the score item and the customer's memberships, with recency and T as of the current run", async () => {
    const { table } = await tableAfterFirstRun();
    const row = baseRows()[0]!;
    await completeRun(table, 'r2', baseRows(), '2025-01-10');

    const customer = await table.getCustomer(row.customerId);

    const { segments: _segments, ...fields } = row;
    expect(customer).toEqual({
      ...fields,
      asOf: '2025-01-10',
      recencyDays: 70,
      T: row.T + 10,
      segments: expect.arrayContaining(row.segments),
      modelVersion: 'm1',
      runId: 'r1',
      scoredAsOf: '2024-12-31',
    });
    expect(customer?.segments).toHaveLength(row.segments.length);
    expect(await table.getCustomer('nobody')).toBeNull();
  });

  it('does not mix in the items of a customer whose id extends this one in the same bucket', async () => {
    const { table } = await freshTable(pipeline.aws);
    let n = 0;
    while (bucketOf(`p${n}`) !== bucketOf(`p${n}#S#x`)) n += 1;
    const [short, long] = [`p${n}`, `p${n}#S#x`];
    const bucket = bucketOf(short);
    const row = (customerId: string, segments: string[]): CustomerRow => customerRowOf(customerId, { segments });
    await table.reconcileShard({ runId: 'r1', asOf: '2024-12-31', modelVersion: 'm1', fromBucket: bucket, toBucket: bucket + 1, customers: [row(short, ['rfm:lost']), row(long, ['churn:low'])], finishedRuns: new Set() });

    expect((await table.getCustomer(short))?.segments).toEqual(['rfm:lost']);
    expect((await table.getCustomer(long))?.segments).toEqual(['churn:low']);
  });
});
