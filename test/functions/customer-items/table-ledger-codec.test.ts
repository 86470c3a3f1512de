import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { membershipItemOf, prospectItemOf, scoreItemOf, type StoredItem, type WritingRun } from '../../../functions/adapters/customer-items/customer-item.js';
import { decodeLedger, encodeLedger, encodeVoided } from '../../../functions/adapters/customer-items/table-ledger-codec.js';
import type { TableLedger } from '../../../functions/adapters/customer-items/table-ledger.js';
import { bucketOf } from '../../../models/partitioning/index.js';
import type { CustomerScore } from '../../../models/scoring/index.js';

const run: WritingRun = { runId: 'r20261202-aaaa', asOf: '2026-12-01', modelVersion: 'm1' };
const older: WritingRun = { runId: 'r20261201-bbbb', asOf: '2026-11-30', modelVersion: 'm1' };

const score = (customerId: string, i: number): CustomerScore => ({
  customerId,
  horizonDays: 90,
  churnProbability: (i % 97) / 97,
  probabilityAlive: 1 - (i % 89) / 89,
  expectedOrders: i / 7,
  expectedOrderValue: 10 + i / 3,
  predictedSpend: i * 1.1,
  predictedSpendLow: 0,
  predictedSpendHigh: i * 2.2,
  predictedClv: i * 4.4,
  clvHorizonDays: 365,
  annualDiscountRate: 0,
  historicClv: 0.1 + 0.2,
  totalClv: i * 4.4 + 0.3,
  averageDaysBetweenOrders: i % 3 === 0 ? null : i / 2,
  expectedNextOrderDate: i % 2 === 0 ? null : '2027-01-15',
  frequency: i % 5,
  recency: i,
  T: 400 + i,
  monetaryValue: i / 9,
  firstOrderDate: '2024-01-02',
  lastOrderDate: '2026-10-03',
});

/** One bucket as a table can hold it: today's items, and the odd ones a ledger must keep as they are. */
function bucketItems(): { bucket: number; items: StoredItem[] } {
  const ids = Array.from({ length: 400 }, (_, i) => `C${i}`);
  const bucket = bucketOf(ids[0]!);
  const items: StoredItem[] = [];
  ids.forEach((id, i) => {
    const writer = i % 10 === 0 ? older : run;
    if (i % 50 === 7) items.push({ ...prospectItemOf({ customerId: id }, writer, bucket) });
    else items.push({ ...scoreItemOf(score(id, i), writer, bucket) });
    for (const segment of ['rfm:lost', i % 2 ? 'clv:top-10' : 'clv:bottom-50', `churn:band-${i % 4}`]) items.push({ ...membershipItemOf(id, segment, writer, bucket) });
  });
  items.push({ ...scoreItemOf(score('C-early', 1), older, bucket), segments: ['rfm:lost', 'clv:top-10'] });
  items.push({ ...membershipItemOf('C-other-layout', 'rfm:lost', run, bucket), gsi1pk: 'SEGMENT#rfm:lost' });
  items.push({ pk: `B#${bucket}`, sk: 'STRAY#1', note: 'written outside the pipeline', nested: { a: [1, 'two', null] }, flag: false });
  items.push({ pk: `B#${bucket}`, sk: 'C#C-undefined#SCORE', customerId: 'C-undefined', runId: run.runId, dropped: undefined });
  return { bucket, items };
}

const bySk = (items: readonly StoredItem[]) => [...items].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
const ledgerOf = (bucket: number, items: StoredItem[]): TableLedger => ({
  fromBucket: bucket,
  toBucket: bucket + 1,
  writtenBy: run.runId,
  writtenAt: '2026-12-02T01:00:00.000Z',
  runsWithoutTableRead: 2,
  buckets: { [bucket]: items },
});

describe('table ledger bytes', () => {
  it('give back exactly the items written, the odd ones included, without storing the keys the table design gives', async () => {
    const { bucket, items } = bucketItems();
    const bytes = await encodeLedger(ledgerOf(bucket, items));

    const decoded = await decodeLedger(bytes, { fromBucket: bucket, toBucket: bucket + 1 });

    const { dropped: _dropped, ...withoutUndefined } = items.at(-1)!;
    const expected = [...items.slice(0, -1), withoutUndefined];
    expect(decoded).toMatchObject({ fromBucket: bucket, toBucket: bucket + 1, writtenBy: run.runId, runsWithoutTableRead: 2 });
    expect(bySk(decoded!.buckets[bucket]!)).toEqual(bySk(expected));
    const text = gunzipSync(bytes).toString('utf8');
    expect(text).not.toContain('C#C1#S#');
    expect(text).not.toContain('SEGMENT#clv:top-10');
    expect(text).toContain('"SEGMENT#rfm:lost"');
    expect(text.length).toBeLessThan(JSON.stringify(items).length / 4);
  });

  it('give back every value of large groups across buckets: numbers with and without nulls, many distinct strings, and values no column type fits', async () => {
    const buckets: Record<string, StoredItem[]> = {};
    for (let i = 0; i < 3000; i += 1) {
      const customerId = `K${i}`;
      const item: StoredItem = {
        ...scoreItemOf(score(customerId, i), i % 3 ? run : older, bucketOf(customerId)),
        // Distinct enough for each column type: float64 with nulls, float64 without, text, a dictionary of 300, mixed types.
        predictedClv: i % 11 === 0 ? null : i / 7,
        recency: -i - 0.5,
        note: `free text ${i}`,
        channel: `channel-${i % 300}`,
        mixed: i % 2 ? i : `s${i}`,
        zeroed: i % 5 ? i : -0,
      };
      if (i % 5 === 0) item.withNul = `a\u0000b${i}`;
      (buckets[bucketOf(customerId)] ??= []).push(item);
    }
    const nanItems = [{ pk: 'B#7', sk: 'ODD#1', value: Number.NaN }, { pk: 'B#7', sk: 'ODD#2', value: null }, { pk: 'B#7', sk: 'ODD#3', value: 1.5 }];
    buckets[7] = [...(buckets[7] ?? []), ...nanItems];
    const ledger: TableLedger = { fromBucket: 0, toBucket: 4096, writtenBy: run.runId, writtenAt: '2026-12-02T01:00:00.000Z', runsWithoutTableRead: 0, buckets };

    const decoded = await decodeLedger(await encodeLedger(ledger), { fromBucket: 0, toBucket: 4096 });

    expect(Object.keys(decoded!.buckets).sort()).toEqual(Object.keys(buckets).sort());
    // As DynamoDB's document client (and JSON) gives them back: -0 as 0, and the NaN no table holds as null.
    const asJson = (items: StoredItem[]) => JSON.parse(JSON.stringify(items)) as StoredItem[];
    for (const [bucket, items] of Object.entries(buckets)) expect(bySk(decoded!.buckets[bucket]!)).toEqual(bySk(asJson(items)));
  });

  it('are not trusted when a bucket lies outside the range or the bytes are cut short', async () => {
    const { bucket, items } = bucketItems();
    const bytes = await encodeLedger({ ...ledgerOf(bucket, items), fromBucket: 0, toBucket: 4096 });
    const container = gunzipSync(bytes);

    expect(await decodeLedger(await encodeLedger({ ...ledgerOf(bucket, items), fromBucket: bucket + 1, toBucket: bucket + 2 }), { fromBucket: bucket + 1, toBucket: bucket + 2 })).toBeNull();
    expect(await decodeLedger(gzipSync(container.subarray(0, container.length - 64)), { fromBucket: 0, toBucket: 4096 })).toBeNull();
    expect(await decodeLedger(bytes, { fromBucket: 0, toBucket: 4096 })).not.toBeNull();
  });

  it('are not trusted when voided, of another range, of another format or unreadable (the table is read then)', async () => {
    const { bucket, items } = bucketItems();
    const range = { fromBucket: bucket, toBucket: bucket + 1 };
    const formatOne = gzipSync(JSON.stringify({ format: 1, ...ledgerOf(bucket, items) }));

    expect(await decodeLedger(await encodeVoided(range, run.runId), range)).toBeNull();
    expect(await decodeLedger(await encodeLedger(ledgerOf(bucket, items)), { fromBucket: bucket, toBucket: bucket + 2 })).toBeNull();
    expect(await decodeLedger(formatOne, range)).toBeNull();
    expect(await decodeLedger(new Uint8Array([1, 2, 3]), range)).toBeNull();
  });
});
