import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { CUSTOMERS_SCHEMA } from '../../../models/extracts/index.js';
import { encodeText, multiMemberGzip, orderRows, sha256, validateUpload } from './upload-fixtures.js';

let dir: string;
let db: DuckDbSession;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-upload-'));
  db = await openDuckDb();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'customer_id,order_date,amount';
const ordersCsv = (n: number): string => `${HEADER}\n${[...orderRows(n), 'c9999,2024-01-06,55.80'].join('\n')}\n`;

describe('gzip uploads', () => {
  it('rejects a gzip truncated to 60% as a corrupt file and accepts nothing from it', async () => {
    const gzip = gzipSync(ordersCsv(3000));

    const attempt = validateUpload(db, dir, gzip.subarray(0, Math.floor(gzip.length * 0.6)), { fileName: 'orders.csv.gz' });

    await expect(attempt).rejects.toMatchObject({
      reason: 'corrupt-file',
      message: expect.stringMatching(
        /^orders\.csv\.gz is a truncated or corrupt gzip file \(unexpected end of data after \d+ decompressed bytes\); re-export and upload it again\.$/,
      ),
    });
    expect(fs.existsSync(path.join(dir, 'clean.parquet'))).toBe(false);
  });

  it('rejects a gzip whose checksum does not match', async () => {
    const gzip = gzipSync(ordersCsv(10));
    gzip[gzip.length - 6] = (gzip[gzip.length - 6] ?? 0) ^ 0xff;

    await expect(validateUpload(db, dir, gzip, { fileName: 'orders.csv.gz' })).rejects.toMatchObject({ reason: 'corrupt-file' });
  });

  it('reads every member of a multi-member gzip', async () => {
    const { report, clean } = await validateUpload(db, dir, multiMemberGzip(Buffer.from(ordersCsv(3000)), 3), { fileName: 'orders.csv.gz' });

    expect(report).toMatchObject({ rowsRead: 3001, rowsAccepted: 3001, decoding: { compression: 'gzip' } });
    expect(clean.at(-1)).toMatchObject({ customer_id: 'c9999', amount: 55.8 });
  });

  it('gives a CSV and its gzip the same content fingerprint: the SHA-256 of the CSV bytes', async () => {
    const csv = Buffer.from(ordersCsv(50));

    const plain = await validateUpload(db, dir, csv, { fileName: 'x.csv' });
    const gzipped = await validateUpload(await reopen(), dir, gzipSync(csv), { fileName: 'y.csv.gz' });

    expect(plain.report.decoding).toMatchObject({ contentSha256: sha256(csv), decodedBytes: csv.length, compression: 'none' });
    expect(gzipped.report.decoding).toMatchObject({ contentSha256: sha256(csv), decodedBytes: csv.length, compression: 'gzip' });
  });
});

describe('text encodings', () => {
  it('reads latin-1 text in an unused column without losing a row', async () => {
    const rows = orderRows(80).map((row, i) => `${row},${i % 4 === 0 ? 'Zoe' : 'Zoë'}`);
    const latin1 = Buffer.from(`${HEADER},name\n${rows.join('\n')}\n`, 'latin1');

    const { report } = await validateUpload(db, dir, latin1);

    expect(report).toMatchObject({ rowsRead: 80, rowsAccepted: 80, rowsQuarantined: 0, decoding: { encoding: 'windows-1252' } });
  });

  it('decodes the whole file as windows-1252 when the first non-UTF-8 byte comes after a megabyte', async () => {
    const early = Array.from({ length: 40_000 }, (_, i) => `k${i},k${i}@example.com,,,2023-01-01,web`);
    const csv = `customer_id,email,phone,country,signup_date,acquisition_channel\n${early.join('\n')}\nz1,z@example.com,,,2023-01-01,Café Zoë “€”\n`;

    const { report, clean } = await validateUpload(db, dir, encodeText(csv, 'windows-1252'), { schema: CUSTOMERS_SCHEMA });

    expect(report).toMatchObject({ rowsAccepted: 40_001, decoding: { encoding: 'windows-1252' } });
    expect(clean.at(-1)).toMatchObject({ customer_id: 'z1', acquisition_channel: 'Café Zoë “€”' });
    expect(clean[0]).toMatchObject({ customer_id: 'k0', acquisition_channel: 'web' });
  });

  it.each([
    ['utf-16le-bom', 'utf-16le'],
    ['utf-16be-bom', 'utf-16be'],
    ['utf-16le', 'utf-16le'],
    ['utf-8-bom', 'utf-8'],
  ] as const)('reads %s text as %s', async (encoding, found) => {
    const csv = 'customer_id,email,phone,country,signup_date,acquisition_channel\r\nz1,zoe@example.com,,FR,2023-01-01,Zoë 北京\r\n';

    const { report, clean } = await validateUpload(db, dir, encodeText(csv, encoding), { schema: CUSTOMERS_SCHEMA });

    expect(report.decoding).toMatchObject({ encoding: found, delimiter: ',' });
    expect(clean).toEqual([expect.objectContaining({ customer_id: 'z1', country: 'FR', acquisition_channel: 'Zoë 北京' })]);
  });
});

describe('CSV dialects', () => {
  it("honours Excel's sep=; line, with decimal commas and rows numbered from the header", async () => {
    const csv = `sep=;\r\ncustomer_id;order_date;amount\r\nc1;2024-01-05;10,50\r\nc2;not-a-date;1\r\nc3;2024-01-06;3,5\r\n`;

    const { report, clean, quarantine } = await validateUpload(db, dir, csv);

    expect(report.decoding).toMatchObject({ delimiter: ';', excelSepLine: true });
    expect(clean.map((r) => r.amount)).toEqual([10.5, 3.5]);
    expect(quarantine.map((r) => [r.row_number, r.reason])).toEqual([['2', 'unparseable order_date "not-a-date"']]);
  });

  it('reads an LF header over CRLF rows', async () => {
    const csv = `${HEADER}\nc1,2024-01-05,1\r\nc2,2024-01-06,2\r\nc3,2024-01-07,55.80\r\n`;

    const { report, clean } = await validateUpload(db, dir, csv);

    expect(report.rowsAccepted).toBe(3);
    expect(clean.map((r) => r.amount)).toEqual([1, 2, 55.8]);
  });

  it('reads a pipe-delimited file whose first row quotes a line break (the sniffer, with rejects stored, once rejected every row)', async () => {
    const more = Array.from({ length: 50 }, (_, i) => `b${i}|2015-01-02|1.00|x\n`).join('');
    const csv = `customer_id|order_date|amount|note\na0|2015-01-01|0.01|"\n"\na1|2015-01-01|0.01|",a"\na2|2015-01-01|0.01|\n${more}`;

    const { report, clean } = await validateUpload(db, dir, csv);

    expect(report).toMatchObject({ rowsRead: 53, rowsAccepted: 53, decoding: { delimiter: '|' } });
    expect(clean.slice(0, 4).map((r) => [r.customer_id, r.amount])).toEqual([['a0', 0.01], ['a1', 0.01], ['a2', 0.01], ['b0', 1]]);
  });

  it('numbers rows by record when blank lines and quoted line breaks sit between them', async () => {
    const csv = `${HEADER},note\nc1,2024-01-05,1,"two\nlines"\n\n\nc2,2024-01-06\nc3,2024-01-07,x,\n`;

    const { clean, quarantine } = await validateUpload(db, dir, csv);

    expect(clean.map((r) => r.customer_id)).toEqual(['c1']);
    expect(quarantine.map((r) => [r.row_number, r.reason.split(':')[0]])).toEqual([
      ['2', 'malformed CSV record'],
      ['3', 'unparseable amount "x"'],
    ]);
  });

  it('keeps a row whose unused column holds a NUL byte; a NUL inside an id quarantines that row only', async () => {
    const csv = `${HEADER},note\nc1,2024-01-05,1,a\u0000b\nc\u00002,2024-01-06,2,x\nc3,2024-01-07,3,y\n`;

    const { report, clean, quarantine } = await validateUpload(db, dir, csv);

    expect(report.rowsRead).toBe(3);
    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c3']);
    expect(quarantine.map((r) => [r.row_number, r.reason])).toEqual([['2', 'control character in customer_id']]);
  });
});

describe('over-long records', () => {
  const bigField = 'x'.repeat(3 * 1024 * 1024);

  it('quarantines the one row holding a 3 MB field and keeps the others', async () => {
    const csv = `${HEADER},note\nc1,2024-01-05,1,a\nc2,2024-01-05,2,${bigField}\nc3,2024-01-06,3,b\n`;

    const { report, clean, quarantine } = await validateUpload(db, dir, csv);

    expect(report).toMatchObject({ rowsRead: 3, rowsAccepted: 2, quarantineReasons: { 'record longer than 2097152 bytes': 1 } });
    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c3']);
    expect(quarantine).toEqual([expect.objectContaining({ row_number: '2', reason: 'record longer than 2097152 bytes' })]);
    expect(quarantine[0]?.raw_line).toMatch(/^c2,2024-01-05,2,x{100}.*\.\.\. \(3145744 bytes\)$/);
  });

  it('still sniffs the dialect when the first row is the over-long one', async () => {
    const csv = `customer_id;order_date;amount;note\nc1;2024-01-05;1;${bigField}\n${orderRows(5, 2).map((r) => `${r.replaceAll(',', ';')};n`).join('\n')}\n`;

    const { report, clean, quarantine } = await validateUpload(db, dir, csv);

    expect(report).toMatchObject({ rowsRead: 6, rowsAccepted: 5, decoding: { delimiter: ';' } });
    expect(clean[0]).toMatchObject({ customer_id: 'c2', amount: 2.5 });
    expect(quarantine.map((r) => r.row_number)).toEqual(['1']);
  });

  it('quarantines a quoted field of 3 MB spanning many lines as one row', async () => {
    const quoted = `"${'text, more\n'.repeat(300_000)}"`;
    const csv = `${HEADER},note\nc1,2024-01-05,1,a\nc2,2024-01-05,2,${quoted}\nc3,2024-01-06,3,b\n`;

    const { clean, quarantine } = await validateUpload(db, dir, csv);

    expect(clean.map((r) => r.customer_id)).toEqual(['c1', 'c3']);
    expect(quarantine.map((r) => [r.row_number, r.reason])).toEqual([['2', 'record longer than 2097152 bytes']]);
  });

  it('rejects a quote left open over more than the record limit, naming the row', async () => {
    const csv = `${HEADER},note\nc1,2024-01-05,1,a\nc2,2024-01-05,2,"oops\n${orderRows(200_000, 3).join(',\n')}\n`;

    await expect(validateUpload(db, dir, csv)).rejects.toMatchObject({
      reason: 'unreadable-file',
      message: expect.stringMatching(/^Row 2 of orders\.csv opens a quoted field that is never closed/),
    });
  });
});

describe('repeated header names', () => {
  it('reports them and reads the file when the schema needs none of them', async () => {
    const { report } = await validateUpload(db, dir, `${HEADER},note,Note\nc1,2024-01-05,1,a,b\n`);

    expect(report.rowsAccepted).toBe(1);
    expect(report.duplicateHeaders).toEqual([{ header: 'note', columns: ['note', 'Note_1'] }]);
  });

  it('rejects a file whose amount column is repeated as ambiguous, unless one is mapped explicitly', async () => {
    const csv = `${HEADER},amount\nc1,2024-01-05,1,2\n`;

    await expect(validateUpload(db, dir, csv)).rejects.toMatchObject({
      reason: 'ambiguous-columns',
      details: { duplicateHeaders: [{ header: 'amount', columns: ['amount', 'amount_1'] }] },
    });
    const { clean, report } = await validateUpload(await reopen(), dir, csv, { mapping: { amount: 'amount_1' } });
    expect(clean[0]).toMatchObject({ amount: 2 });
    expect(report.duplicateHeaders).toHaveLength(1);
  });
});

describe('the upload itself', () => {
  it.each([
    ['orders.csv.gz', gzipSync(`sep=;\r\n${HEADER.replaceAll(',', ';')}\r\nc1;2024-01-05;1,5\r\n`)],
    ['orders.csv', encodeText(`${HEADER}\nc1,2024-01-05,1\n`, 'utf-16le-bom')],
    ['orders.csv', Buffer.from(`${HEADER},note\nc1,2024-01-05,1,Zoë\n\nc2,2024-01-05,2,${'y'.repeat(2_200_000)}\n`, 'latin1')],
  ])('is byte for byte the same after validating %s', async (fileName, content) => {
    const { inputPath } = await validateUpload(db, dir, content, { fileName });

    expect(sha256(fs.readFileSync(inputPath))).toBe(sha256(content));
    expect(fs.readdirSync(dir).sort()).toEqual(['clean.parquet', fileName, ...(fs.existsSync(path.join(dir, 'quarantine.csv')) ? ['quarantine.csv'] : [])].sort());
  });
});

async function reopen(): Promise<DuckDbSession> {
  db.close();
  db = await openDuckDb();
  return db;
}
