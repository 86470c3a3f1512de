import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoData, type WrittenDemoData } from '../../../infra/local/demo/index.js';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import {
  CUSTOMERS_SCHEMA,
  ORDERS_SCHEMA,
  PROSPECTS_SCHEMA,
  validateExtract,
  type ExtractSchema,
} from '../../../models/extracts/index.js';

let dir: string;
let written: WrittenDemoData;
const sessions: DuckDbSession[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-validation-'));
  written = await writeDemoData(join(dir, 'demo'), { customers: 4_000, prospects: 1_000, seed: 42 });
});

afterAll(() => {
  for (const session of sessions) session.close();
  rmSync(dir, { recursive: true, force: true });
});

async function validate(inputPath: string, schema: ExtractSchema, format: 'csv' | 'csv.gz') {
  const db = await openDuckDb();
  sessions.push(db);
  return validateExtract(db, {
    inputPath,
    format,
    schema,
    cleanPath: join(dir, `${schema.kind}.parquet`),
    quarantinePath: join(dir, `${schema.kind}-quarantine.csv`),
  });
}

describe('the demo data set through extract validation', () => {
  it('quarantines exactly the injected bad order rows and keeps the returns and free orders', async () => {
    const injected = Object.values(written.badRows).reduce((sum, count) => sum + count, 0);

    const report = await validate(written.paths.orders, ORDERS_SCHEMA, 'csv.gz');

    expect(report.rowsRead).toBe(written.rowCounts.orders);
    expect(report.rowsQuarantined).toBe(injected);
    expect(report.quarantineReasons).toMatchObject({
      'implausible amount': written.badRows.implausibleAmount,
      'customer_id longer than 256 characters': written.badRows.overlongCustomerId,
      'control character in customer_id': written.badRows.controlCharacterInId,
      'missing customer_id': written.badRows.missingCustomerId,
    });
    expect(report.amounts).toEqual({
      returns: written.returnsAndFreeOrders.returns,
      cancellationIds: 0,
      zero: written.returnsAndFreeOrders.freeOrders,
    });
  });

  it('accepts every customer and prospect row', async () => {
    const customers = await validate(written.paths.customers, CUSTOMERS_SCHEMA, 'csv');
    const prospects = await validate(written.paths.prospects, PROSPECTS_SCHEMA, 'csv');

    expect(customers).toMatchObject({ rowsRead: 4_000, rowsQuarantined: 0 });
    expect(prospects).toMatchObject({ rowsRead: 1_000, rowsQuarantined: 0 });
  });
});
