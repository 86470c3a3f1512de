import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIngestHandler, type IngestResult } from '../../functions/ingest-upload.js';
import type { IngestOutcome } from '../../functions/ingest/ingest-upload-object.js';
import type { UploadManifest } from '../../functions/ingest/upload-manifest.js';
import { loadCleanData } from '../../functions/pipeline/load-clean-data.js';
import type { ScoringRunRequest, ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import { invokeLocally } from '../../infra/local/runtime/index.js';
import { openDuckDb } from '../../models/duckdb/duckdb-session.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';

let pipeline: EmbeddedPipeline;
const requests: ScoringRunRequest[] = [];
/** Counts requests instead of scoring: these tests are about what ingest hands over, and how often. */
const runs: ScoringRuns = { request: async (request) => (requests.push(request), { started: true }) };
let manifestOverride: UploadManifest | null = null;
let prefix: string;
let counter = 0;

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 120_000);
afterAll(async () => pipeline?.stop());
beforeEach(() => {
  requests.length = 0;
  manifestOverride = null;
  counter += 1;
  prefix = `t${counter}`;
});

const handler = () => createIngestHandler(() => ({ ...pipeline.dependencies, ...(manifestOverride ? { manifest: manifestOverride } : {}), runs }));
const deliver = async (event: unknown): Promise<IngestResult> =>
  invokeLocally(handler(), event as Parameters<ReturnType<typeof handler>>[0], { functionName: 'ingest-upload' });
const only = (result: IngestResult): IngestOutcome => {
  expect(result.outcomes).toHaveLength(1);
  return result.outcomes[0]!;
};

const ORDERS = 'order_id,customer_id,order_date,amount\nA1,c1,2024-01-05,10\nA2,c2,2024-01-06,20\nA3,c1,2024-02-01,30\n';

async function dataSetOrders(): Promise<{ rows: number; spend: number; overlap: { sameOrderId: number; sameCustomerTimeAmount: number }; duplicates: number }> {
  const db = await openDuckDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-'));
  try {
    const loaded = await loadCleanData(pipeline.dependencies.store, pipeline.dependencies.manifest, db, dir);
    const [row] = await db.rows<{ spend: number }>(`SELECT sum(amount) AS spend FROM orders WHERE customer_id LIKE '${prefix}-%'`);
    const [count] = await db.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM orders WHERE customer_id LIKE '${prefix}-%'`);
    return { rows: count?.n ?? 0, spend: row?.spend ?? 0, overlap: loaded.overlappingOrderRows, duplicates: loaded.duplicateUploads.length };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const ordersFor = (csv: string) => csv.replaceAll(/\b(c\d)\b/g, `${prefix}-$1`);

describe('S3 events: exactly one effect, or a logged no-op', () => {
  it('a re-delivered event (same key and version) has no second effect', async () => {
    const event = await pipeline.upload(`incoming/orders/${prefix}.csv`, ordersFor(ORDERS));

    const first = only(await deliver(event));
    const second = only(await deliver(event));

    expect(first).toMatchObject({ status: 'accepted', dataChanged: true, current: true });
    expect(second).toMatchObject({ status: 'skipped', reason: 'already-ingested' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ trigger: 'upload', uploads: [{ key: `incoming/orders/${prefix}.csv`, kind: 'orders' }] });
  });

  it('the same content under another name is recorded, counted once, and requests no run', async () => {
    const csv = ordersFor(ORDERS);
    await deliver(await pipeline.upload(`incoming/orders/${prefix}-a.csv`, csv));
    requests.length = 0;

    const copy = only(await deliver(await pipeline.upload(`incoming/orders/${prefix}-copy.txt`, csv)));

    expect(copy).toMatchObject({ status: 'accepted', duplicateOf: `incoming/orders/${prefix}-a.csv`, dataChanged: false });
    expect(requests).toHaveLength(0);
    const data = await dataSetOrders();
    expect(data).toMatchObject({ rows: 3, spend: 60 });
    expect(data.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('export.csv followed by export.txt with different orders keeps both', async () => {
    await deliver(await pipeline.upload(`incoming/orders/${prefix}/export.csv`, ordersFor(ORDERS)));
    const other = ordersFor('order_id,customer_id,order_date,amount\nB1,c3,2024-03-01,5\n');

    const second = only(await deliver(await pipeline.upload(`incoming/orders/${prefix}/export.txt`, other)));

    expect(second).toMatchObject({ status: 'accepted', dataChanged: true });
    expect((second as { cleanKey: string }).cleanKey).toMatch(new RegExp(`^clean/orders/${prefix}/export\\.txt/etag-[0-9a-f]+\\.parquet$`));
    expect(await dataSetOrders()).toMatchObject({ rows: 4, spend: 65 });
  });

  it('the same orders re-sent without an order_id column are counted once, and the run says so', async () => {
    await deliver(await pipeline.upload(`incoming/orders/${prefix}-with-ids.csv`, ordersFor(ORDERS)));
    const withoutIds = ordersFor('customer_id,order_date,amount\nc1,2024-01-05,10\nc2,2024-01-06,20\nc1,2024-02-01,30\nc2,2024-03-01,7\n');

    await deliver(await pipeline.upload(`incoming/orders/${prefix}-no-ids.csv`, withoutIds));

    const data = await dataSetOrders();
    expect(data).toMatchObject({ rows: 4, spend: 67 });
    expect(data.overlap.sameCustomerTimeAmount).toBeGreaterThanOrEqual(3);
  });

  it('an event for an object deleted since is a logged no-op, not a failure', async () => {
    const key = `incoming/orders/${prefix}-deleted.csv`;
    const event = await pipeline.upload(key, ordersFor(ORDERS));
    await pipeline.aws.s3.send(new DeleteObjectCommand({ Bucket: pipeline.aws.bucket, Key: key }));

    const outcome = only(await deliver(event));

    expect(outcome).toMatchObject({ status: 'skipped', reason: 'object-missing' });
    expect(requests).toHaveLength(0);
  });

  it('a late event for a version replaced since is a no-op; the new version replaces the old in the data', async () => {
    const key = `incoming/orders/${prefix}-full-export.csv`;
    const oldEvent = await pipeline.upload(key, ordersFor(ORDERS));
    await deliver(oldEvent);
    const newEvent = await pipeline.upload(key, ordersFor('order_id,customer_id,order_date,amount\nA1,c1,2024-01-05,10\n'));

    const replaced = only(await deliver(newEvent));
    const late = only(await deliver(oldEvent));

    expect(replaced).toMatchObject({ status: 'accepted', current: true, dataChanged: true });
    expect(late).toMatchObject({ status: 'skipped', reason: 'already-ingested' });
    expect(await dataSetOrders()).toMatchObject({ rows: 1, spend: 10 });
  });

  it('an event for an older version delivered only after the newer one is ignored as superseded', async () => {
    const key = `incoming/orders/${prefix}-reordered.csv`;
    const oldEvent = await pipeline.upload(key, ordersFor(ORDERS));
    const newEvent = await pipeline.upload(key, ordersFor('order_id,customer_id,order_date,amount\nA9,c9,2024-01-05,1\n'));

    await deliver(newEvent);
    const old = only(await deliver(oldEvent));

    expect(old).toMatchObject({ status: 'skipped', reason: 'superseded' });
    expect(await dataSetOrders()).toMatchObject({ rows: 1, spend: 1 });
  });

  it('a rejected new version leaves the earlier accepted version in force and says so', async () => {
    const key = `incoming/orders/${prefix}-flaky.csv`;
    await deliver(await pipeline.upload(key, ordersFor(ORDERS)));

    const rejected = only(await deliver(await pipeline.upload(key, 'customer_id,order_date\nc1,2024-01-01\n')));

    expect(rejected).toMatchObject({ status: 'rejected', reason: 'missing-columns' });
    expect((rejected as { previousInForce: string }).previousInForce).toContain(key);
    expect(await dataSetOrders()).toMatchObject({ rows: 3, spend: 60 });
  });

  it('accepts an event whose source address is IPv6', async () => {
    const event = (await pipeline.upload(`incoming/customers/${prefix}.csv`, 'customer_id,email\nk1,a@example.com\n')) as S3Event;
    event.Records[0]!.requestParameters.sourceIPAddress = '2001:db8:85a3::8a2e:370:7334';

    expect(only(await deliver(event))).toMatchObject({ status: 'accepted', kind: 'customers' });
    expect(requests).toEqual([expect.objectContaining({ uploads: [expect.objectContaining({ kind: 'customers' })] })]);
  });

  it('a crash after the manifest entry and before the version record is completed by the redelivery, with one run request', async () => {
    const event = await pipeline.upload(`incoming/orders/${prefix}-crash.csv`, ordersFor(ORDERS));
    const real = pipeline.dependencies.manifest;
    let crashes = 1;
    manifestOverride = {
      getVersion: (k, v) => real.getVersion(k, v),
      advance: (e) => real.advance(e),
      entries: () => real.entries(),
      markRunRequested: (k, v, at) => real.markRunRequested(k, v, at),
      putVersion: async (record) => {
        if (crashes-- > 0) throw new Error('simulated crash');
        return real.putVersion(record);
      },
    };

    await expect(deliver(event)).rejects.toThrow('simulated crash');
    const retried = only(await deliver(event));
    const replayed = only(await deliver(event));

    expect(retried).toMatchObject({ status: 'accepted', dataChanged: true });
    expect(replayed).toMatchObject({ status: 'skipped', reason: 'already-ingested' });
    expect(requests).toHaveLength(1);
  });
});
