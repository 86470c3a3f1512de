import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { UPLOAD_ENCODINGS, encodeText, multiMemberGzip, validateUpload, type UploadEncoding } from './upload-fixtures.js';

const ENCODING_FOUND: Record<UploadEncoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16le-bom': 'utf-16le',
  'utf-16be-bom': 'utf-16be',
  'windows-1252': 'windows-1252',
};

const idChars = fc.constantFrom(...'abcXYZ019-_éëßÆ€'.split(''));
const noteChars = fc.constantFrom(...'aZ 9éë€“”,;|\t"\n\r'.split(''));

const order = fc.record({
  id: fc.string({ unit: idChars, minLength: 1, maxLength: 8 }),
  day: fc.integer({ min: 0, max: 3000 }),
  cents: fc.integer({ min: 1, max: 10_000_000 }),
  note: fc.string({ unit: noteChars, maxLength: 12 }),
});

const upload = fc.record({
  orders: fc.array(order, { minLength: 1, maxLength: 25 }),
  encoding: fc.constantFrom(...UPLOAD_ENCODINGS),
  compression: fc.constantFrom('none', 'gzip', 'multi-member gzip'),
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  sepLine: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  quoteAll: fc.boolean(),
});

type Upload = typeof upload extends fc.Arbitrary<infer T> ? T : never;

const dateOf = (day: number): string => new Date(Date.UTC(2015, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

function csvOf(u: Upload): string {
  const cell = (value: string): string =>
    u.quoteAll || /[",;|\t\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const lines = [
    ...(u.sepLine ? [`sep=${u.delimiter}`] : []),
    ['customer_id', 'order_date', 'amount', 'note'].map(cell).join(u.delimiter),
    ...u.orders.map((o, i) => [`${o.id}${i}`, dateOf(o.day), (o.cents / 100).toFixed(2), o.note].map(cell).join(u.delimiter)),
  ];
  return lines.join(u.lineEnd) + u.lineEnd;
}

function bytesOf(u: Upload): Buffer {
  const text = encodeText(csvOf(u), u.encoding);
  if (u.compression === 'gzip') return gzipSync(text);
  return u.compression === 'multi-member gzip' ? multiMemberGzip(text, 3) : text;
}

describe('reading uploads (property)', () => {
  it('accepts every valid row, with its values, whatever the encoding, compression, delimiter and line ends', async () => {
    await fc.assert(
      fc.asyncProperty(upload, async (u) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-upload-property-'));
        const db = await openDuckDb();
        try {
          const fileName = u.compression === 'none' ? 'orders.csv' : 'orders.csv.gz';
          const { report, clean } = await validateUpload(db, dir, bytesOf(u), { fileName });

          const nonAscii = /[^\x00-\x7f]/.test(csvOf(u));
          expect(report).toMatchObject({ rowsRead: u.orders.length, rowsAccepted: u.orders.length });
          expect(report.decoding).toMatchObject({
            compression: u.compression === 'none' ? 'none' : 'gzip',
            encoding: u.encoding === 'windows-1252' && !nonAscii ? 'utf-8' : ENCODING_FOUND[u.encoding],
            excelSepLine: u.sepLine,
            delimiter: u.delimiter,
          });
          expect(clean.map((r) => [r.customer_id, (r.order_date as Date).toISOString().slice(0, 10), r.amount])).toEqual(
            u.orders.map((o, i) => [`${o.id}${i}`, dateOf(o.day), o.cents / 100]),
          );
        } finally {
          db.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  });
});
