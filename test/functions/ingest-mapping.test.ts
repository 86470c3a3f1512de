import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestHandler, type IngestResult } from '../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import { clearColumnMapping, readStoredConfigurationText, storeColumnMapping } from '../../infra/local/cli/stored-configuration.js';
import { invokeLocally } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';

let pipeline: EmbeddedPipeline;
const runs: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
});

async function ingest(key: string, body: string | Uint8Array): Promise<IngestResult['outcomes'][number]> {
  const handler = createIngestHandler(() => ({ ...pipeline.dependencies, runs }));
  const event = await pipeline.upload(key, body);
  const result: IngestResult = await invokeLocally(handler, event as Parameters<typeof handler>[0], { functionName: 'ingest-upload' });
  return result.outcomes[0]!;
}

const rows = (n: number, eol: string): string => Array.from({ length: n }, (_, i) => `c${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i + 1}.50${eol}`).join('');

describe('ingest: CSV line endings', () => {
  it.each([
    ['an LF header over CRLF rows', `customer_id,order_date,amount\n${rows(40, '\r\n')}`],
    ['a CRLF header over LF rows', `customer_id,order_date,amount\r\n${rows(40, '\n')}`],
    ['LF, CRLF and CR rows in turn', `customer_id,order_date,amount\n${rows(40, '\n').split('\n').slice(0, -1).map((row, i) => `${row}${['\n', '\r\n', '\r'][i % 3]}`).join('')}`],
  ])('accepts %s and leaves the upload as it was', async (name, csv) => {
    const key = `incoming/orders/mixed-${name.replaceAll(/\W+/g, '-')}.csv`;

    const outcome = await ingest(key, csv);

    expect(outcome).toMatchObject({ status: 'accepted', report: { rowsRead: 40, rowsAccepted: 40, rowsQuarantined: 0 } });
    expect(new TextDecoder().decode((await pipeline.dependencies.store.get(key)) ?? new Uint8Array())).toBe(csv);
  });
});

describe('ingest: a stored mapping whose header a later upload lacks', () => {
  const withTotal = `Client,Day,Total\n${rows(5, '\n')}`;
  const withAmount = `customer_id,order_date,Amount\n${rows(5, '\n')}`;

  it('rejects the upload, naming the mapping, the header an alias would read and the commands that change or clear it; cleared, the same file is accepted', async () => {
    await storeColumnMapping(pipeline.aws.s3, pipeline.aws.bucket, { orders: { amount: 'Total', customer_id: 'Client', order_date: 'Day' } });
    expect(await ingest('incoming/orders/first.csv', withTotal)).toMatchObject({ status: 'accepted', report: { rowsAccepted: 5, columnMapping: { amount: 'Total' } } });

    const rejected = await ingest('incoming/orders/later.csv', withAmount);

    expect(rejected).toMatchObject({ status: 'rejected', reason: 'missing-columns' });
    expect(rejected.status === 'rejected' && rejected.message).toBe(
      'The column mapping orders.amount=Total, orders.customer_id=Client, orders.order_date=Day names headers this file does not have ' +
        '(its headers: customer_id, order_date, Amount). ' +
        'Without the mapping, amount would be read from "Amount", customer_id from "customer_id" and order_date from "order_date". ' +
        'Change them (segments config mapping set orders.<column>=<header>, or --map orders.<column>=<header> on run or backtest) ' +
        'or clear them (segments config mapping clear orders); in AWS, edit mapping.orders in config/segments.config.yaml.',
    );

    await clearColumnMapping(pipeline.aws.s3, pipeline.aws.bucket, { kind: 'orders', column: 'customer_id' });
    await clearColumnMapping(pipeline.aws.s3, pipeline.aws.bucket, { kind: 'orders', column: 'order_date' });
    const amountStillMapped = await ingest('incoming/orders/later.csv', `${withAmount}c9,2024-02-01,1\n`);
    expect(amountStillMapped.status === 'rejected' && amountStillMapped.message).toBe(
      'The column mapping orders.amount=Total names a header this file does not have (its headers: customer_id, order_date, Amount). ' +
        'Without the mapping, amount would be read from "Amount". ' +
        'Change it (segments config mapping set orders.amount=<header>, or --map orders.amount=<header> on run or backtest) ' +
        'or clear it (segments config mapping clear orders.amount); in AWS, edit mapping.orders in config/segments.config.yaml.',
    );

    await clearColumnMapping(pipeline.aws.s3, pipeline.aws.bucket, { kind: 'orders' });
    expect(await readStoredConfigurationText(pipeline.aws.s3, pipeline.aws.bucket)).not.toMatch(/mapping/);
    const accepted = await ingest('incoming/orders/later.csv', `${withAmount}c9,2024-02-01,2\n`);
    expect(accepted).toMatchObject({ status: 'accepted', report: { rowsAccepted: 6, columnMapping: { amount: 'Amount' } } });
  });
});
