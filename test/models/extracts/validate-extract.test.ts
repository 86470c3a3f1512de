import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import {
  CUSTOMERS_SCHEMA,
  ExtractRejectedError,
  ORDERS_SCHEMA,
  detectFormat,
  validateExtract,
  type ExtractFormat,
} from '../../../models/extracts/index.js';

let dir: string;
let db: DuckDbSession;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-'));
  db = await openDuckDb();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function validate(content: string | Buffer, schema = ORDERS_SCHEMA, mapping?: Record<string, string>) {
  const inputPath = path.join(dir, 'input');
  fs.writeFileSync(inputPath, content);
  const format: ExtractFormat = detectFormat('input', fs.readFileSync(inputPath).subarray(0, 4096));
  const typedPath = `${inputPath}.${format}`;
  fs.renameSync(inputPath, typedPath);
  const cleanPath = path.join(dir, 'clean.parquet');
  const quarantinePath = path.join(dir, 'quarantine.csv');
  const report = await validateExtract(db, { inputPath: typedPath, format, schema, cleanPath, quarantinePath, ...(mapping ? { mapping } : {}) });
  const clean = await db.rows<Record<string, unknown>>(`SELECT * FROM read_parquet('${cleanPath}')`);
  const quarantine = fs.existsSync(quarantinePath)
    ? await db.rows<{ row_number: number; reason: string }>(`SELECT * FROM read_csv('${quarantinePath}', all_varchar=true)`)
    : [];
  return { report, clean, quarantine };
}

describe('validateExtract', () => {
  it('accepts a clean orders file and types its columns', async () => {
    const csv = 'customer_id,order_date,amount\nc1,2024-01-05,10.50\nc2,2024-02-01,3\n';

    const { report, clean } = await validate(csv);

    expect(report).toMatchObject({ rowsRead: 2, rowsAccepted: 2, rowsQuarantined: 0 });
    expect(clean[0]).toMatchObject({ customer_id: 'c1', amount: 10.5 });
    expect(clean[0]?.order_date).toBeInstanceOf(Date);
  });

  it('quarantines bad rows with their row number and reason and keeps the rest', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'c1,2024-01-05,10.50',
      'c2,not-a-date,5',
      'c3,2024-01-07,abc',
      'c4,2024-01-08,-4',
      'c5,2024-01-09,0',
      ',2024-01-10,7',
      'c1,2024-01-05,10.50',
      'c6,2024-01-11,8',
      'c7,20230-01-01,9',
    ].join('\n');

    const { report, clean, quarantine } = await validate(csv);

    expect(report.rowsAccepted).toBe(2);
    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c6']);
    expect(quarantine.map((r) => [Number(r.row_number), r.reason])).toEqual([
      [2, 'unparseable order_date "not-a-date"'],
      [3, 'unparseable amount "abc"'],
      [4, 'non-positive amount "-4"'],
      [5, 'non-positive amount "0"'],
      [6, 'missing customer_id'],
      [7, 'duplicate of row 1'],
      [9, 'implausible order_date "20230-01-01"'],
    ]);
    expect(report.quarantineReasons).toMatchObject({ 'duplicate of row': 1, 'missing customer_id': 1, 'non-positive amount': 2 });
  });

  it('quarantines records with the wrong number of fields and numbers later rows correctly', async () => {
    const csv = 'customer_id,order_date,amount\nc1,2024-01-05,1\nc2,2024-01-06\nc3,2024-01-07,3\n';

    const { clean, quarantine } = await validate(csv);

    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c3']);
    expect(quarantine).toHaveLength(1);
    expect(Number(quarantine[0]?.row_number)).toBe(2);
    expect(quarantine[0]?.reason).toMatch(/^malformed CSV record/);
  });

  it('rejects a file that lacks a required column, naming it', async () => {
    const csv = 'customer_id,amount\nc1,3\n';

    const attempt = validate(csv);

    await expect(attempt).rejects.toBeInstanceOf(ExtractRejectedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'missing-columns', details: { missing: ['order_date'] } });
  });

  it('rejects an empty file and a header-only file', async () => {
    await expect(validate('')).rejects.toMatchObject({ reason: 'empty-file' });
    await expect(validate('customer_id,order_date,amount\n')).rejects.toMatchObject({ reason: 'empty-file' });
  });

  it('rejects a binary file of unknown format', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);

    await expect(validate(zip)).rejects.toMatchObject({ reason: 'unknown-format' });
  });

  it('rejects a file in which no row is valid', async () => {
    await expect(validate('customer_id,order_date,amount\nc1,x,1\n')).rejects.toMatchObject({ reason: 'no-valid-rows' });
  });

  it('reads gzipped CSV, aliases, line items and day-first dates', async () => {
    const csv = 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n1,17850.0,13/01/2011 08:26,6,2.55\n2,17850.0,01/02/2011 09:00,-1,2\n';

    const { report, clean, quarantine } = await validate(gzipSync(csv));

    expect(report).toMatchObject({ format: 'csv.gz', amountFrom: 'quantity x unit price', dateFormats: { order_date: '%d/%m/%Y %H:%M' } });
    expect(clean[0]).toMatchObject({ customer_id: '17850', order_id: '1' });
    expect(clean[0]?.amount).toBeCloseTo(15.3);
    expect(quarantine[0]?.reason).toBe('non-positive amount -2.0');
  });

  it('reads Parquet and applies a user column mapping', async () => {
    const source = path.join(dir, 'source.parquet');
    await db.run(`COPY (SELECT 'k1' AS who, DATE '2024-03-01' AS d, 9.5 AS paid) TO '${source}' (FORMAT parquet)`);

    const { report, clean } = await validate(fs.readFileSync(source), ORDERS_SCHEMA, { customer_id: 'who', order_date: 'd', amount: 'paid' });

    expect(report.format).toBe('parquet');
    expect(clean[0]).toMatchObject({ customer_id: 'k1', amount: 9.5 });
  });

  it('quarantines repeated customer ids in a profile extract', async () => {
    const csv = 'customer_id,email,signup_date\nc1,a@example.com,2023-01-01\nc1,b@example.com,2023-01-02\n';

    const { clean, quarantine } = await validate(csv, CUSTOMERS_SCHEMA);

    expect(clean).toHaveLength(1);
    expect(quarantine[0]?.reason).toBe('duplicate of row 1');
  });
});

describe('amount parsing', () => {
  it.each([
    ['1,234.50', 1234.5],
    ['$12.99', 12.99],
    ['EUR 12.99', 12.99],
    ['12,50', 12.5],
    ['1e2', 100],
  ])('accepts %s', async (raw, expected) => {
    const { clean } = await validate(`customer_id,order_date,amount\nc1,2024-01-05,"${raw}"\n`);

    expect(clean[0]?.amount).toBeCloseTo(expected);
  });

  it.each(['1O.50', '12 apples', '--3', '1.2.3'])('quarantines %s as unparseable', async (raw) => {
    const { quarantine } = await validate(`customer_id,order_date,amount\nc0,2024-01-05,1\nc1,2024-01-05,"${raw}"\n`);

    expect(quarantine[0]?.reason).toBe(`unparseable amount "${raw}"`);
  });

  it('reads (12.00) as a negative amount and quarantines it', async () => {
    const { quarantine } = await validate('customer_id,order_date,amount\nc0,2024-01-05,1\nc1,2024-01-05,(12.00)\n');

    expect(quarantine[0]?.reason).toBe('non-positive amount "(12.00)"');
  });
});

describe('quarantine CSV', () => {
  it('escapes cells a spreadsheet would run as formulas, in the record and in raw lines, and keeps plain numbers', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'c0,2024-01-05,1',
      '"=HYPERLINK(""http://x"")",2024-01-05,-4',
      `c2,2024-01-06,"+cmd|' /C calc'!A0"`,
      '@SUM(1+1),2024-01-07',
    ].join('\n');

    const { quarantine } = await validate(csv);

    expect(quarantine.map((r) => ({ ...r }))).toEqual([
      { row_number: '2', reason: 'non-positive amount "-4"', raw_line: null, customer_id: `'=HYPERLINK("http://x")`, order_date: '2024-01-05', amount: '-4' },
      { row_number: '3', reason: `unparseable amount "+cmd|' /C calc'!A0"`, raw_line: null, customer_id: 'c2', order_date: '2024-01-06', amount: `'+cmd|' /C calc'!A0` },
      { row_number: '4', reason: expect.stringMatching(/^malformed CSV record/), raw_line: "'@SUM(1+1),2024-01-07", customer_id: null, order_date: null, amount: null },
    ]);
  });
});
