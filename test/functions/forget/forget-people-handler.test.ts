import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3TableLedgerStore } from '../../../functions/adapters/customer-items/index.js';
import { S3SuppressionList } from '../../../functions/adapters/suppression-list.js';
import { createForgetPeopleHandler } from '../../../functions/forget-people.js';
import { forgetPeople, personRefs, suppressionHash, type ForgetDependencies, type VerificationReport } from '../../../functions/forget/index.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { S3NotificationSchema } from '../../../functions/shared/s3-event-schema.js';
import { PREFIXES } from '../../../functions/shared/storage-layout.js';
import { invokeLocally, objectCreatedEventFor } from '../../../infra/local/runtime/index.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(120, 3);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let handler: ReturnType<typeof createForgetPeopleHandler>;
let forget: ForgetDependencies;

beforeAll(async () => {
  ({ pipeline, deps } = await ingestedPipeline(data));
  forget = {
    store: deps.store,
    table: { documents: DynamoDBDocumentClient.from(pipeline.aws.dynamo), tableName: pipeline.aws.table, table: deps.table, ledgers: new S3TableLedgerStore(deps.store, PREFIXES.tableLedgers) },
    control: deps.control,
    suppression: new S3SuppressionList(deps.store),
    segmentEvents: { kind: 'none' },
    destinations: [],
    noncurrentVersionRetentionDays: 30,
  };
  handler = createForgetPeopleHandler(() => forget);
}, 120_000);
afterAll(async () => pipeline?.stop());

const invoke = async (key: string, body: string) =>
  invokeLocally(handler, (await pipeline.upload(key, body)) as Parameters<typeof handler>[0], { functionName: 'forget-people' });
const json = async <T>(key: string) => JSON.parse(new TextDecoder().decode((await deps.store.get(key))!)) as T;

describe('the forget-people handler (S3 ObjectCreated under incoming/deletions/)', () => {
  it('accepts the sample event in events/', () => {
    const event = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../events/s3-object-created-deletions.json'), 'utf8'));
    expect(S3NotificationSchema.safeParse(event).success).toBe(true);
    expect(event.Records[0].s3.object.key.startsWith('incoming/deletions/')).toBe(true);
  });

  it('forgets the people a CSV list names, reports by hash, and a redelivery does nothing again', async () => {
    const [a, b] = [data.active[1]!, data.lapsed[2]!];
    const list = `id,kind\n${a},customer\n${b},customer\nNOBODY,customer\n`;
    const result = await invoke('incoming/deletions/dpo-2025-01-20.csv', list);
    const outcome = result.outcomes[0]!;

    expect(outcome).toMatchObject({ key: 'incoming/deletions/dpo-2025-01-20.csv', status: 'forgotten', message: '2 of 3 people found and forgotten; 1 found nowhere (nothing changed for them)' });
    const report = await json<VerificationReport>(outcome.reportKey!);
    expect(report.source).toBe('incoming/deletions/dpo-2025-01-20.csv');
    expect(report.people.map((p) => [p.hash, p.found])).toEqual([
      [suppressionHash('customer', a), true],
      [suppressionHash('customer', b), true],
      [suppressionHash('customer', 'NOBODY'), false],
    ]);
    expect(report.places.find((p) => p.place === 'clean-data')!.removed).toBeGreaterThan(2);
    expect(report.remaining.map((r) => r.place).sort()).toEqual(['deletion-request', 'previous-object-versions', 'raw-upload', 'raw-upload']);
    expect(JSON.stringify(report)).not.toContain(a);

    const redelivered = await objectCreatedEventFor(pipeline.aws.s3, pipeline.aws.bucket, 'incoming/deletions/dpo-2025-01-20.csv');
    const again = await invokeLocally(handler, redelivered as Parameters<typeof handler>[0], { functionName: 'forget-people' });
    expect(again.outcomes[0]).toMatchObject({ status: 'already-done', reportKey: outcome.reportKey });
  }, 120_000);

  it('also cleans a clean file written while it ran (an ingest that read the suppression list just before it grew)', async () => {
    const person = data.active[7]!;
    const cleanKey = (await deps.store.list(PREFIXES.clean)).map((o) => o.key).find((key) => key.startsWith('clean/orders/'))!;
    const late = cleanKey.replace(/[^/]+\.parquet$/, 'etag-late-write.parquet');
    const report = await forgetPeople({ ...forget, onProgress: async (step: string) => {
      if (step === 'quarantine files') await deps.store.put(late, (await deps.store.get(cleanKey))!, 'application/vnd.apache.parquet');
    } } as ForgetDependencies, { people: personRefs([{ kind: 'customer', id: person }]), source: 'cli' });

    const clean = report.places.find((p) => p.place === 'clean-data')!;
    expect(clean.rewritten).toContain(late);
    expect(clean.rewritten).toContain(cleanKey);
  }, 120_000);

  it('a list it cannot read gets a rejection report (no ids in it) and changes nothing', async () => {
    const before = (await deps.store.list(PREFIXES.clean)).length;
    const result = await invoke('incoming/deletions/bad.csv', 'name,email\nAnn,ann@example.com\n');
    const outcome = result.outcomes[0]!;
    expect(outcome.status).toBe('rejected');
    expect(await json(outcome.reportKey!)).toMatchObject({ source: 'incoming/deletions/bad.csv', message: expect.stringMatching(/names no id column/) });
    expect((await deps.store.list(PREFIXES.clean)).length).toBe(before);
  }, 60_000);
});
