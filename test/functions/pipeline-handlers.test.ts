import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestHandler } from '../../functions/ingest-upload.js';
import { ModelRegistry } from '../../models/churn-clv/index.js';
import { createNightlyRescoreHandler } from '../../functions/nightly-rescore.js';
import { buildScheduledEvent, invokeLocally } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';
import { syntheticExtracts } from '../support/synthetic-extracts.js';

const data = syntheticExtracts(400);
let pipeline: EmbeddedPipeline;
let ingest: ReturnType<typeof createIngestHandler>;
let nightly: ReturnType<typeof createNightlyRescoreHandler>;

const invokeIngest = async (key: string, body: string | Uint8Array) =>
  invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
  ingest = createIngestHandler(() => pipeline.dependencies);
  nightly = createNightlyRescoreHandler(() => pipeline.dependencies);
}, 120_000);
afterAll(async () => pipeline?.stop());

describe('ingest handler on embedded S3 and DynamoDB', () => {
  it('accepts profiles and prospects and waits for orders before scoring', async () => {
    const customers = await invokeIngest('incoming/customers/customers 2024.csv', data.customersCsv);
    const prospects = await invokeIngest('incoming/prospects/prospects.csv', data.prospectsCsv);

    expect(customers.outcomes[0]).toMatchObject({ status: 'accepted', kind: 'customers', report: { rowsAccepted: 400 } });
    expect(prospects.outcomes[0]).toMatchObject({ status: 'accepted', kind: 'prospects' });
    expect(prospects.run).toBeNull();
  });

  it('an orders upload trains the model and scores every customer', async () => {
    const result = await invokeIngest('incoming/orders/orders.csv', data.ordersCsv);

    const report = result.run?.reports?.[0];
    expect(report).toMatchObject({ customers: 400, asOf: data.lastDay, model: { trainedThisRun: true } });
    const card = (await new ModelRegistry(pipeline.dependencies.store, 'models/').loadMetadata(report!.model.version)).card;
    expect(card.metrics?.churnAuc).toBeGreaterThan(0.8);
  }, 120_000);

  it('gives recent frequent buyers a lower churn probability than long-lapsed ones', async () => {
    const { table } = pipeline.dependencies;
    const churnOf = async (ids: string[]) =>
      Promise.all(ids.slice(0, 40).map(async (id) => Number((await table.getCustomer(id))?.churnProbability)));

    const [active, lapsed] = [await churnOf(data.active), await churnOf(data.lapsed)];

    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(active)).toBeLessThan(mean(lapsed) - 0.3);
  });

  it('lists exactly the customers whose item names the segment, page by page', async () => {
    const { table } = pipeline.dependencies;
    const items = await Promise.all([...data.active, ...data.lapsed].map((id) => table.getCustomer(id)));
    const segmentId = 'churn:low';
    const expected = items.filter((item) => (item?.segments as string[]).includes(segmentId)).map((item) => String(item?.customerId));

    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await table.listMembers(segmentId, { limit: 7, cursor });
      listed.push(...page.customerIds);
      cursor = page.nextCursor;
    } while (cursor);

    expect(expected.length).toBeGreaterThan(0);
    expect(listed.sort()).toEqual(expected.sort());
  });

  it('quarantines bad rows with their row numbers and leaves the upload untouched', async () => {
    const body = 'customer_id,order_date,amount\nC00000,2024-12-30,10\nC00001,yesterday,5\nC00002,2024-12-30,1e308\n';
    const key = 'incoming/orders/late orders ü.csv';

    const result = await invokeIngest(key, body);

    expect(result.outcomes[0]).toMatchObject({ status: 'accepted', report: { rowsAccepted: 1, rowsQuarantined: 2 } });
    const outcome = result.outcomes[0] as { quarantineKey: string; versionTag: string };
    expect(outcome.quarantineKey).toBe(`quarantine/orders/late orders ü.csv/${outcome.versionTag}.rows.csv`);
    const quarantine = new TextDecoder().decode((await pipeline.dependencies.store.get(outcome.quarantineKey)) ?? new Uint8Array());
    expect(quarantine).toContain('2,"unparseable order_date ""yesterday""",,C00001,yesterday,5');
    expect(quarantine).toContain('3,"implausible amount ""1e308"" (beyond ±1000000000)",,C00002,2024-12-30,1e308');
    const raw = await pipeline.aws.s3.send(new GetObjectCommand({ Bucket: pipeline.aws.bucket, Key: key }));
    expect(await raw.Body?.transformToString()).toBe(body);
  }, 120_000);

  it('rejects an unusable file with a report next to it and does not fail the invocation', async () => {
    const key = 'incoming/orders/no-amounts.csv';

    const result = await invokeIngest(key, 'customer_id,order_date\nC1,2024-01-01\n');

    expect(result.outcomes[0]).toMatchObject({ status: 'rejected', reason: 'missing-columns' });
    const { reportKey } = result.outcomes[0] as { reportKey: string };
    expect(reportKey).toMatch(/^rejected\/orders\/no-amounts\.csv\/etag-[0-9a-f]+\.json$/);
    const report = JSON.parse(new TextDecoder().decode((await pipeline.dependencies.store.get(reportKey)) ?? new Uint8Array()));
    expect(report).toMatchObject({ reason: 'missing-columns', details: { missing: ['amount'] } });
  });
});

describe('nightly rescore handler', () => {
  it('rescores from the bucket with the current model and writes only membership changes', async () => {
    const event = { ...buildScheduledEvent({ ruleName: 'nightly-rescore', time: new Date('2025-03-01T02:00:00Z') }), detail: {} };

    const run = (await invokeLocally(nightly, event as unknown as Parameters<typeof nightly>[0], { functionName: 'nightly-rescore' })).reports?.[0];

    expect(run).toMatchObject({ asOf: '2025-03-01', customers: 400, model: { trainedThisRun: false } });
    const stored = JSON.parse(new TextDecoder().decode((await pipeline.dependencies.store.get(`reports/runs/${run!.runId}.json`)) ?? new Uint8Array()));
    expect(stored).toMatchObject({ runId: run!.runId, asOf: '2025-03-01' });
    expect(run!.writes.membershipsEntered + run!.writes.membershipsExited).toBeLessThan(400 * 3);
    const customer = await pipeline.dependencies.table.getCustomer(data.active[0]!);
    expect(customer).toMatchObject({ asOf: '2025-03-01' });
  }, 120_000);

  it('trains a new model in place of one stored by an older release, instead of failing', async () => {
    const { store } = pipeline.dependencies;
    await store.put('models/churn-clv/versions/v1-network/metadata.json', JSON.stringify({ model: 'churn-clv', version: 'v1-network', family: 'ziln-network' }), 'application/json');
    await store.put('models/churn-clv/current.json', JSON.stringify({ version: 'v1-network' }), 'application/json');
    const event = { ...buildScheduledEvent({ ruleName: 'nightly-rescore', time: new Date('2025-03-02T02:00:00Z') }), detail: {} };

    const run = (await invokeLocally(nightly, event as unknown as Parameters<typeof nightly>[0], { functionName: 'nightly-rescore' })).reports?.[0];

    expect(run).toMatchObject({ asOf: '2025-03-02', customers: 400, model: { trainedThisRun: true, promotion: { promoted: true, reason: 'no current model' } } });
  }, 120_000);
});
