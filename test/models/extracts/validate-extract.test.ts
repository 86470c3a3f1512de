import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import {
  CUSTOMERS_SCHEMA,
  DEFAULT_INGEST_LIMITS,
  ExtractRejectedError,
  ORDERS_SCHEMA,
  detectFormat,
  validateExtract,
  type ExtractFormat,
  type IngestLimits,
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

async function validate(content: string | Buffer, schema = ORDERS_SCHEMA, mapping?: Record<string, string>, limits?: IngestLimits) {
  const inputPath = path.join(dir, 'input');
  fs.writeFileSync(inputPath, content);
  const format: ExtractFormat = detectFormat('input', fs.readFileSync(inputPath).subarray(0, 4096));
  const typedPath = `${inputPath}.${format}`;
  fs.renameSync(inputPath, typedPath);
  const cleanPath = path.join(dir, 'clean.parquet');
  const quarantinePath = path.join(dir, 'quarantine.csv');
  const report = await validateExtract(db, { inputPath: typedPath, format, schema, cleanPath, quarantinePath, ...(mapping ? { mapping } : {}), ...(limits ? { limits } : {}) });
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

  it('quarantines bad rows with their row number and reason and keeps the rest, returns and free orders included', async () => {
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

    expect(report.rowsAccepted).toBe(4);
    expect(clean.map((r) => [r.customer_id, r.amount])).toEqual([['c1', 10.5], ['c4', -4], ['c5', 0], ['c6', 8]]);
    expect(quarantine.map((r) => [Number(r.row_number), r.reason])).toEqual([
      [2, 'unparseable order_date "not-a-date"'],
      [3, 'unparseable amount "abc"'],
      [6, 'missing customer_id'],
      [7, 'duplicate of row 1'],
      [9, 'implausible order_date "20230-01-01"'],
    ]);
    expect(report.quarantineReasons).toMatchObject({ 'duplicate of row': 1, 'missing customer_id': 1 });
    expect(report.amounts).toEqual({ returns: 1, cancellationIds: 0, zero: 1 });
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
    await expect(validate('customer_id,order_date,amount\nc1,x,1\n')).rejects.toMatchObject({
      reason: 'no-valid-rows',
      message: expect.stringMatching(/None of the 1 rows of input\.csv passed validation; the commonest reasons: unparseable order_date \(1\)/),
    });
  });

  it('reads gzipped CSV, aliases, line items and day-first dates', async () => {
    const csv = 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n1,17850.0,13/01/2011 08:26,6,2.55\n2,17850.0,01/02/2011 09:00,-1,2\n';

    const { report, clean, quarantine } = await validate(gzipSync(csv));

    expect(report).toMatchObject({ format: 'csv.gz', amountFrom: 'quantity x unit price', dateFormats: { order_date: '%d/%m/%Y %H:%M' } });
    expect(clean[0]).toMatchObject({ customer_id: '17850', order_id: '1' });
    expect(clean[0]?.amount).toBeCloseTo(15.3);
    expect(quarantine).toEqual([]);
    expect(clean[1]?.amount).toBe(-2);
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

describe('profile extracts: consent and extra columns', () => {
  it('reads marketing consent in its usual spellings, leaves an empty cell unknown and quarantines an answer it cannot read', async () => {
    const csv = [
      'customer_id,Accepts Marketing',
      'c1,yes',
      'c2,Opted-out',
      'c3,',
      'c4,TRUE',
      'c5,maybe',
      'c6,0',
    ].join('\n');

    const { report, clean, quarantine } = await validate(csv, CUSTOMERS_SCHEMA);

    expect(report.columnMapping.marketing_consent).toBe('Accepts Marketing');
    expect(Object.fromEntries(clean.map((r) => [r.customer_id, r.marketing_consent]))).toEqual({ c1: true, c2: false, c3: null, c4: true, c6: false });
    expect(quarantine).toEqual([expect.objectContaining({ row_number: '5', reason: expect.stringContaining('unrecognised marketing_consent "maybe"') })]);
  });

  it('keeps every other column of a profile extract as text under a snake_case name, and none of an orders extract', async () => {
    const csv = ['customer_id,Web Sessions,productInterest,country,2024 Spend,web-sessions', 'c1, 12 ,Garden,GB,10,x'].join('\n');

    const { report, clean } = await validate(csv, CUSTOMERS_SCHEMA);

    expect(report.extraColumns).toEqual([
      { header: 'Web Sessions', column: 'web_sessions' },
      { header: 'productInterest', column: 'product_interest' },
      { header: '2024 Spend', column: 'c_2024_spend' },
      { header: 'web-sessions', column: 'web_sessions_2' },
    ]);
    expect(clean[0]).toMatchObject({ customer_id: 'c1', country: 'GB', web_sessions: '12', product_interest: 'Garden', c_2024_spend: '10', web_sessions_2: 'x' });
    const orders = await validate('customer_id,order_date,amount,sku\nc1,2024-01-05,3,A1\n');
    expect(orders.report.extraColumns).toBeUndefined();
    expect(Object.keys(orders.clean[0] ?? {})).not.toContain('sku');
  });
});

describe('amount parsing', () => {
  it.each([
    ['1,234.50', 1234.5],
    ['$12.99', 12.99],
    ['EUR 12.99', 12.99],
    ['12,50', 12.5],
    ['1e2', 100],
    ['.5', 0.5],
    ['5.', 5],
    ['+3', 3],
    [' -2.25 ', -2.25],
    ['1E-1', 0.1],
  ])('accepts %s', async (raw, expected) => {
    const { clean } = await validate(`customer_id,order_date,amount\nc1,2024-01-05,"${raw}"\n`);

    expect(clean[0]?.amount).toBeCloseTo(expected);
  });

  it.each(['1O.50', '12 apples', '--3', '1.2.3', '0x1A', 'NaN', '.'])('quarantines %s as unparseable', async (raw) => {
    const { quarantine } = await validate(`customer_id,order_date,amount\nc0,2024-01-05,1\nc1,2024-01-05,"${raw}"\n`);

    expect(quarantine[0]?.reason).toBe(`unparseable amount "${raw}"`);
  });

  it('reads (12.00) as a negative amount (a return)', async () => {
    const { clean, quarantine } = await validate('customer_id,order_date,amount\nc0,2024-01-05,1\nc1,2024-01-05,(12.00)\n');

    expect(quarantine).toEqual([]);
    expect(clean[1]?.amount).toBe(-12);
  });
});

describe('quarantine CSV', () => {
  it('escapes cells a spreadsheet would run as formulas, in the record and in raw lines, and keeps plain numbers', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'c0,2024-01-05,1',
      '"=HYPERLINK(""http://x"")",2024-01-05,1e308',
      `c2,2024-01-06,"+cmd|' /C calc'!A0"`,
      '@SUM(1+1),2024-01-07',
    ].join('\n');

    const { quarantine } = await validate(csv);

    expect(quarantine.map((r) => ({ ...r }))).toEqual([
      { row_number: '2', reason: 'implausible amount "1e308" (beyond ±1000000000)', raw_line: null, customer_id: `'=HYPERLINK("http://x")`, order_date: '2024-01-05', amount: '1e308' },
      { row_number: '3', reason: `unparseable amount "+cmd|' /C calc'!A0"`, raw_line: null, customer_id: 'c2', order_date: '2024-01-06', amount: `'+cmd|' /C calc'!A0` },
      { row_number: '4', reason: expect.stringMatching(/^malformed CSV record/), raw_line: "'@SUM(1+1),2024-01-07", customer_id: null, order_date: null, amount: null },
    ]);
  });
});

describe('bounds on every value a later stage handles', () => {
  const longId = 'x'.repeat(2100);

  it('quarantines absurd amounts, line items, over-long ids and control characters, with their reasons', async () => {
    const csv = [
      'customer_id,order_date,amount',
      'c1,2024-01-05,10',
      'c2,2024-01-05,1e308',
      `${longId},2024-01-05,3`,
      '"c\u0007x",2024-01-05,3',
      'c3,2024-01-05,NaN',
      'c4,1850-01-01,3',
      'c5,2024-01-06,999999999',
    ].join('\n');

    const { clean, quarantine, report } = await validate(csv);

    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c5']);
    expect(quarantine.map((r) => [Number(r.row_number), r.reason])).toEqual([
      [2, 'implausible amount "1e308" (beyond ±1000000000)'],
      [3, 'customer_id longer than 256 characters (2100)'],
      [4, 'control character in customer_id'],
      [5, 'unparseable amount "NaN"'],
      [6, 'implausible order_date "1850-01-01"'],
    ]);
    expect(report.quarantineReasons).toMatchObject({ 'customer_id longer than 256 characters': 1, 'implausible amount': 1 });
  });

  it('quarantines a line item whose product overflows or exceeds the bound', async () => {
    const csv = 'customer_id,order_date,quantity,unit_price\nc1,2024-01-05,2,3\nc2,2024-01-05,1e200,1e200\nc3,2024-01-05,100000,100000\n';

    const { clean, quarantine } = await validate(csv);

    expect(clean.map((r) => r.amount)).toEqual([6]);
    expect(quarantine.map((r) => r.reason)).toEqual([
      'implausible quantity "1e200" (beyond ±1000000000)',
      'implausible amount (quantity x unit price) "100000" x "100000"',
    ]);
  });

  it('takes the limits it is given', async () => {
    const csv = 'customer_id,order_date,amount\nabcdef,2024-01-05,10\nabc,2024-01-05,500\nabc,2024-01-06,20\n';
    const limits = { ...DEFAULT_INGEST_LIMITS, maxIdLength: 4, maxAbsAmount: 100 };

    const { clean, quarantine } = await validate(csv, ORDERS_SCHEMA, undefined, limits);

    expect(clean.map((r) => r.amount)).toEqual([20]);
    expect(quarantine.map((r) => r.reason)).toEqual(['customer_id longer than 4 characters (6)', 'implausible amount "500" (beyond ±100)']);
  });

  it('normalises ids and emails to NFC, so composed and decomposed spellings are one customer', async () => {
    const csv = 'customer_id,email\nZo\u00eb,zo\u00eb@example.com\nAnn,ann@example.com\nZoe\u0308,zoe\u0308@example.com\n';

    const { clean, quarantine } = await validate(csv, CUSTOMERS_SCHEMA);

    expect(clean.map((r) => [r.customer_id, r.email])).toEqual([['Zo\u00eb', 'zo\u00eb@example.com'], ['Ann', 'ann@example.com']]);
    expect(quarantine.map((r) => r.reason)).toEqual(['duplicate of row 1']);
  });
});

describe('returns and free orders', () => {
  it('keeps zero amounts, negative amounts and cancellation invoices; a cancellation id makes the amount negative', async () => {
    const csv = [
      'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice',
      '536365,17850,2011-01-01 08:26,6,2.55',
      'C536379,17850,2011-01-02 09:41,-1,27.50',
      'C536380,17850,2011-01-02 09:45,1,5',
      '536366,17851,2011-01-03 10:00,1,0',
    ].join('\n');

    const { clean, quarantine, report } = await validate(csv);

    expect(quarantine).toEqual([]);
    expect(clean.map((r) => [r.order_id, r.amount])).toEqual([['536365', 15.299999999999999], ['C536379', -27.5], ['C536380', -5], ['536366', 0]]);
    expect(report.amounts).toEqual({ returns: 2, cancellationIds: 2, zero: 1 });
  });

  it('does not read a file whose every order id starts with C as all cancellations', async () => {
    const csv = 'order_id,customer_id,order_date,amount\nC1001,a,2024-01-01,10\nC1002,b,2024-01-02,20\n';

    const { clean, report } = await validate(csv);

    expect(clean.map((r) => r.amount)).toEqual([10, 20]);
    expect(report.amounts).toEqual({ returns: 0, cancellationIds: 0, zero: 0 });
  });
});

describe('line items with a missing factor', () => {
  it('quarantines a row whose quantity or unit price is empty, naming which', async () => {
    const csv = 'customer_id,order_date,quantity,unit_price\nc1,2024-01-05,2,3\nc2,2024-01-05,,3\nc3,2024-01-05,1,\n';

    const { clean, quarantine } = await validate(csv);

    expect(clean.map((r) => r.amount)).toEqual([6]);
    expect(quarantine.map((r) => r.reason)).toEqual(['missing quantity', 'missing unit price']);
  });
});

describe('validateExtract into a table of the session', () => {
  const csv = [
    'customer_id,order_date,order_id,amount',
    'a,2024-01-05,o1,10.00',
    'b,2024-01-06,o2,oops',
    'a,2024-01-05,o1,10.00',
    'c,2024-03-01,o3,5.50',
    'd,2024-06-01,C4,-3.00',
  ].join('\n');

  async function intoTable(withParquet: boolean) {
    const inputPath = path.join(dir, 'orders.csv');
    fs.writeFileSync(inputPath, csv);
    const report = await validateExtract(db, {
      inputPath,
      format: 'csv',
      schema: ORDERS_SCHEMA,
      cleanTable: 'kept',
      cleanTableWhere: `CAST(order_date AS DATE) <= DATE '2024-03-31'`,
      quarantinePath: path.join(dir, 'quarantine.csv'),
      ...(withParquet ? { cleanPath: path.join(dir, 'clean.parquet') } : {}),
    });
    const columns = (await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE kept)`)).map((c) => c.column_name);
    const rows = await db.rows(`SELECT customer_id, strftime(order_date, '%Y-%m-%d') AS day, amount, order_id FROM kept ORDER BY customer_id`);
    const leftovers = await db.rows(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'checked'`);
    return { report, columns, rows, leftovers };
  }

  it('keeps the accepted rows the condition selects, with the canonical columns only, and counts every accepted row', async () => {
    const { report, columns, rows, leftovers } = await intoTable(false);
    expect(columns).toEqual(['customer_id', 'order_date', 'amount', 'order_id']);
    expect(rows).toEqual([
      { customer_id: 'a', day: '2024-01-05', amount: 10, order_id: 'o1' },
      { customer_id: 'c', day: '2024-03-01', amount: 5.5, order_id: 'o3' },
    ]);
    expect(leftovers).toEqual([]);
    expect(report).toMatchObject({ rowsRead: 5, rowsAccepted: 3, rowsQuarantined: 2, orderDays: { first: '2024-01-05', last: '2024-06-01' }, amounts: { returns: 1, zero: 0 } });
  });

  it('keeps the same rows and report when it also writes the Parquet file', async () => {
    const tableOnly = await intoTable(false);
    db.close();
    db = await openDuckDb();
    expect(await intoTable(true)).toEqual(tableOnly);
  });
});
