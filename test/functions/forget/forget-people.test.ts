import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { S3TableLedgerStore } from '../../../functions/adapters/customer-items/index.js';
import { JsonLinesSegmentChangeSink } from '../../../functions/adapters/segment-change-events.js';
import { S3SuppressionList } from '../../../functions/adapters/suppression-list.js';
import { forgetPeople, personRefs, suppressionHash, type ForgetDependencies, type VerificationReport } from '../../../functions/forget/index.js';
import { customerItems } from '../../../functions/forget/table-items.js';
import { createIngestHandler, type IngestResult } from '../../../functions/ingest-upload.js';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { withWorkspace } from '../../../functions/pipeline/workspace.js';
import { AUDIENCE_DESTINATIONS } from '../../../models/audiences/destinations/index.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { PREFIXES } from '../../../functions/shared/storage-layout.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { openDuckDb, sqlString } from '../../../models/duckdb/duckdb-session.js';
import { normalizeEmail, sha256Hex } from '../../../models/identity/index.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const base = syntheticExtracts(300, 11);
/** A lapsed customer (outside the top-CLV seed, so a candidate of the lookalike audience), with one rejected order row. */
const target = base.lapsed[3]!;
const targetEmail = base.customersCsv.split('\n').find((line) => line.startsWith(`${target},`))!.split(',')[1]!;
const data = { ...base, ordersCsv: `${base.ordersCsv}O-bad-1,${target},2024-05-01,not-a-number\n` };
/** An audience whose pool holds every customer outside the top half by predicted value, in both formats. */
const CONFIG = `profile:
  consent:
    default: granted
audiences:
  - id: forget-test
    seed:
      segment: [clv:top-1, clv:top-5, clv:top-10, clv:top-25, clv:top-50]
    pool: { prospects: true, customersOutsideSeed: true }
    size: { count: 1000 }
    destinations: [meta, google]
    refresh: every-run
`;

let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let forgetDeps: ForgetDependencies;
let documents: DynamoDBDocumentClient;
const eventsDir = mkdtempSync(path.join(os.tmpdir(), 'forget-events-'));

beforeAll(async () => {
  ({ pipeline, deps } = await ingestedPipeline(data, { segmentChanges: new JsonLinesSegmentChangeSink(eventsDir) }));
  documents = DynamoDBDocumentClient.from(pipeline.aws.dynamo);
  forgetDeps = {
    store: deps.store,
    table: { documents, tableName: pipeline.aws.table, table: deps.table, ledgers: new S3TableLedgerStore(deps.store, PREFIXES.tableLedgers) },
    control: deps.control,
    suppression: new S3SuppressionList(deps.store),
    segmentEvents: { kind: 'folder', dir: eventsDir },
    destinations: AUDIENCE_DESTINATIONS,
  };
  await deps.store.put(CONFIG_KEY, CONFIG, 'application/yaml');
  await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
}, 240_000);
afterAll(async () => {
  await pipeline?.stop();
  rmSync(eventsDir, { recursive: true, force: true });
});

const text = async (key: string) => new TextDecoder().decode((await deps.store.get(key))!);
const keysUnder = async (prefix: string) => (await deps.store.list(prefix)).map((o) => o.key);

/** Rows naming the id in every Parquet object under the prefixes, by key (read back with DuckDB). */
async function parquetRowsOf(id: string, prefixes: string[]): Promise<Record<string, number>> {
  return withWorkspace(async (dir) => {
    const db = await openDuckDb();
    const found: Record<string, number> = {};
    try {
      for (const prefix of prefixes) {
        for (const key of (await keysUnder(prefix)).filter((k) => k.endsWith('.parquet'))) {
          const file = path.join(dir, `${Object.keys(found).length}-${path.basename(key)}`);
          await deps.store.download(key, file);
          const columns = (await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(file)}))`)).map((c) => c.column_name);
          const idColumns = columns.filter((c) => ['customer_id', 'customerId'].includes(c));
          if (idColumns.length === 0) continue;
          const [row] = await db.rows<{ n: number }>(
            `SELECT CAST(count(*) AS INTEGER) AS n FROM read_parquet(${sqlString(file)}) WHERE ${idColumns.map((c) => `CAST("${c}" AS VARCHAR) = ${sqlString(id)}`).join(' OR ')}`,
          );
          if (row!.n > 0) found[key] = row!.n;
        }
      }
    } finally {
      db.close();
    }
    return found;
  });
}

const quarantineRowsOf = async (id: string) => {
  let rows = 0;
  for (const key of (await keysUnder(PREFIXES.quarantine)).filter((k) => k.endsWith('.csv'))) {
    rows += (await text(key)).split('\n').filter((line) => line.split(',').includes(id)).length;
  }
  return rows;
};

const eventLinesOf = (id: string) =>
  readdirSync(eventsDir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(eventsDir, f), 'utf8').split('\n'))
    .filter((line) => line.includes(`"customerId":${JSON.stringify(id)}`)).length;

const emailHash = sha256Hex(normalizeEmail(targetEmail)!);
const audienceRowsOf = async (hash: string) => {
  let rows = 0;
  for (const key of (await keysUnder(PREFIXES.audiences)).filter((k) => k.endsWith('.csv'))) rows += (await text(key)).split('\n').filter((line) => line.includes(hash)).length;
  return rows;
};

async function ingest(key: string, body: string): Promise<IngestResult> {
  const handler = createIngestHandler(() => ({ ...pipeline.dependencies, runs: { request: async () => ({ started: false, reason: 'not under test' }) } }));
  return invokeLocally(handler, (await pipeline.upload(key, body)) as Parameters<typeof handler>[0], { functionName: 'ingest-upload' });
}

describe('forgetting a customer', () => {
  let report: VerificationReport;

  it('finds the customer in every place first (the test would prove nothing otherwise)', async () => {
    expect((await customerItems(forgetDeps.table, target)).length).toBeGreaterThan(1);
    const rows = await parquetRowsOf(target, [PREFIXES.clean, PREFIXES.runs, PREFIXES.exports]);
    expect(Object.keys(rows).some((k) => k.startsWith(PREFIXES.clean))).toBe(true);
    expect(Object.keys(rows).some((k) => k.startsWith(PREFIXES.runs))).toBe(true);
    expect(Object.keys(rows).some((k) => k.startsWith(PREFIXES.exports))).toBe(true);
    expect(await quarantineRowsOf(target)).toBe(1);
    // One row in each destination's file (Meta, Google).
    expect(await audienceRowsOf(emailHash)).toBe(2);
    expect(eventLinesOf(target)).toBeGreaterThan(0);
  });

  it('removes them from the table, clean data, quarantine, run files, exports, audiences and events, and reports it with hashes only', async () => {
    const person = personRefs([{ kind: 'customer', id: target }]);
    report = await forgetPeople(forgetDeps, { people: person, source: 'cli' });
    const hash = suppressionHash('customer', target);

    expect(report.people).toEqual([{ hash, kind: 'customer', found: true }]);
    const place = (name: string) => report.places.find((p) => p.place === name)!;
    for (const name of ['table', 'clean-data', 'quarantine', 'run-files', 'scores-exports', 'audiences', 'segment-events']) {
      expect(place(name).removedByPerson[hash], name).toBeGreaterThan(0);
    }
    expect(place('audiences').removed).toBe(2);
    expect(place('audiences').rewritten.map((key) => key.replace(/versions\/[^/]+\//, 'versions/<run>/'))).toEqual([
      'audiences/forget-test/versions/<run>/google.csv',
      'audiences/forget-test/versions/<run>/meta.csv',
      'audiences/forget-test/versions/<run>/manifest.json',
    ]);
    expect(place('quarantine').removed).toBe(1);
    expect(report.remaining.map((r) => r.key).sort()).toEqual(['incoming/customers/c.csv', 'incoming/orders/o.csv']);
    const stored = await text(report.reportKey!);
    expect(JSON.parse(stored)).toEqual(report);
    expect(stored).not.toContain(target);
    expect(stored).not.toContain(targetEmail);

    expect(await customerItems(forgetDeps.table, target)).toEqual([]);
    expect(await deps.table.getCustomer(target)).toBeNull();
    expect(await parquetRowsOf(target, [PREFIXES.clean, PREFIXES.runs, PREFIXES.exports, PREFIXES.reports])).toEqual({});
    expect(await quarantineRowsOf(target)).toBe(0);
    expect(await audienceRowsOf(emailHash)).toBe(0);
    expect(eventLinesOf(target)).toBe(0);
    // Everyone else is still there: the quarantine's other rows, the other customers' items.
    expect(await customerItems(forgetDeps.table, base.lapsed[4]!)).not.toEqual([]);
    expect(Object.keys(await parquetRowsOf(base.lapsed[4]!, [PREFIXES.clean])).length).toBeGreaterThan(0);

    const suppression = await keysUnder('state/suppression/');
    expect(suppression).toEqual([`state/suppression/${report.requestId}.json`]);
    expect(await text(suppression[0]!)).not.toContain(target);
  }, 120_000);

  it('leaves a state that segments check finds consistent (catalogue sizes follow the members removed)', async () => {
    const check = await checkState(documents, pipeline.aws.table);
    expect(check.problems).toEqual([]);
  }, 60_000);

  it('drops the customer from the next upload (counted as suppressed, not quarantined)', async () => {
    const lines = base.ordersCsv.split('\n').filter((line) => line.includes(`,${target},`));
    expect(lines.length).toBeGreaterThan(0);
    const body = ['order_id,customer_id,order_date,amount', ...lines, `O-bad-2,${target},2024-05-02,oops`, 'O-new-1,C99999,2024-06-01,12.50'].join('\n');
    const result = await ingest('incoming/orders/o2.csv', body);
    const outcome = result.outcomes[0]!;
    expect(outcome.status).toBe('accepted');
    if (outcome.status !== 'accepted') return;
    expect(outcome.report).toMatchObject({ rowsRead: lines.length + 2, rowsAccepted: 1, rowsQuarantined: 0, rowsSuppressed: lines.length + 1 });
    expect(outcome.quarantineKey).toBeNull();
    expect(JSON.parse(await text(outcome.reportKey))).toMatchObject({ rowsSuppressed: lines.length + 1 });
    expect(await parquetRowsOf(target, [PREFIXES.clean])).toEqual({});
    expect(await quarantineRowsOf(target)).toBe(0);
  }, 60_000);

  it('is not brought back by the next run', async () => {
    const next = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
    expect(next.finished).toHaveLength(1);
    expect(await customerItems(forgetDeps.table, target)).toEqual([]);
    expect(await parquetRowsOf(target, [PREFIXES.clean, PREFIXES.runs, PREFIXES.exports])).toEqual({});
    expect(await audienceRowsOf(emailHash)).toBe(0);
    expect(eventLinesOf(target)).toBe(0);
    expect((await checkState(documents, pipeline.aws.table)).problems).toEqual([]);
  }, 180_000);

  it('an unknown id is reported as not found, and nothing is written', async () => {
    const before = (await keysUnder('')).sort();
    const unknown = await forgetPeople(forgetDeps, { people: personRefs([{ kind: 'customer', id: 'NOBODY-1' }]), source: 'cli' });
    expect(unknown.people).toEqual([{ hash: suppressionHash('customer', 'NOBODY-1'), kind: 'customer', found: false }]);
    expect(unknown.reportKey).toBeNull();
    expect(unknown.suppressed).toBe(false);
    expect(unknown.places.every((p) => p.removed === 0 && p.rewritten.length === 0)).toBe(true);
    expect((await keysUnder('')).sort()).toEqual(before);
  }, 120_000);
});
