import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { CsvNormaliser } from '../../../models/extracts/csv-normaliser.js';
import { decodeUpload } from '../../../models/extracts/decode-upload.js';
import { ExtractRejectedError, detectFormat } from '../../../models/extracts/index.js';
import { loadRawExtract } from '../../../models/extracts/load-raw-extract.js';
import { encodeText } from './upload-fixtures.js';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-upload-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Normalises `text` fed in the given pieces. */
function normalise(pieces: string[], limitBytes?: number): { text: string; normaliser: CsvNormaliser } {
  const normaliser = new CsvNormaliser('orders.csv', limitBytes);
  const out = pieces.map((piece) => normaliser.push(Buffer.from(piece)));
  return { text: Buffer.concat([...out, normaliser.end()]).toString('utf8'), normaliser };
}

async function decode(content: Buffer | string, fileName = 'orders.csv') {
  const inputPath = path.join(dir, fileName);
  fs.writeFileSync(inputPath, content);
  const decoded = await decodeUpload({ inputPath, fileName, workDir: dir });
  return { ...decoded, text: fs.readFileSync(decoded.path, 'utf8') };
}

describe('CsvNormaliser', () => {
  it('ends every record in LF, drops blank lines and leaves quoted line breaks alone', () => {
    const { text } = normalise(['a,b\nx,1\r\n\r\ny,"two\r\nlines"\r\rz,3\n\n']);

    expect(text).toBe('a,b\nx,1\ny,"two\r\nlines"\nz,3\n');
  });

  it('removes the sep= line, in the spellings Excel writes it, and keeps its delimiter', () => {
    for (const line of ['sep=;', 'SEP=;', '"sep=;"', 'sep=;;;']) {
      const { text, normaliser } = normalise([`\uFEFF${line}\r\na;b\r\n1;2`]);

      expect(text).toBe('a;b\n1;2\n');
      expect(normaliser.sepDelimiter).toBe(';');
    }
  });

  it('guesses the delimiter from the header line, quotes respected', () => {
    expect(normalise(['"a,b";c;d\n1;2;3\n']).normaliser.delimiter).toBe(';');
    expect(normalise(['a\tb\n1\t2\n']).normaliser.delimiter).toBe('\t');
    expect(normalise(['id\n1\n']).normaliser.delimiter).toBe(',');
  });

  it('gives the same output however the text is cut into chunks', () => {
    const csvText = fc
      .array(fc.constantFrom('a', ',', ';', '"', '""', '\n', '\r', '\r\n', 'é', '\u0000', 'sep=;\n'), { maxLength: 60 })
      .map((parts) => `h1,h2\n${parts.join('')}`);
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const positions = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...positions].map((start, i) => text.slice(start, positions[i] ?? text.length));

        expect(normalise(pieces).text).toBe(normalise([text]).text);
      }),
    );
  });

  it('replaces a record over the limit by a stand-in with as many fields as the header', () => {
    const long = `3,${'x'.repeat(100)}`;

    const { text, normaliser } = normalise(['a,b\n1,x\n', long.slice(0, 40), long.slice(40), '\n4,y\n'], 64);

    const marker = normaliser.oversized.marker;
    expect(text).toBe(`a,b\n1,x\n${marker}-0,\n4,y\n`);
    expect(normaliser.oversized.records).toEqual([{ bytes: long.length, rawPrefix: `${long}...` }]);
  });

  it('rejects a header line over the limit: the file is not CSV', () => {
    expect(() => normalise(['a'.repeat(100), '\n1\n'], 64)).toThrow(ExtractRejectedError);
  });
});

describe('format detection', () => {
  it('takes UTF-16 without a BOM and text with a stray NUL byte for CSV', () => {
    expect(detectFormat('x.csv', Buffer.from('customer_id,order_date\nc1,2024-01-01\n', 'utf16le'))).toBe('csv');
    expect(detectFormat('x.csv', Buffer.from('customer_id,amount\nc\u00001,1\n'))).toBe('csv');
    expect(detectFormat('x.csv', encodeText('a,b\n1,2\n', 'utf-16be-bom'))).toBe('csv');
  });

  it('still rejects binary content', () => {
    expect(() => detectFormat('x.csv', Buffer.from([0, 1, 2, 3, 0, 0, 7, 8, 0, 0xff, 0, 3]))).toThrow(ExtractRejectedError);
  });
});

describe('decodeUpload', () => {
  it('keeps UTF-8 whose multi-byte characters straddle the 1 MiB read chunks', async () => {
    const row = 'c1,2024-01-01,1,é€😀\n';
    const header = `customer_id,order_date,amount,${'n'.repeat(21)}\n`;
    const csv = `${header}${row.repeat(200_000)}`;
    // The first 1 MiB read ends one byte into the emoji (bytes 21-24 of a row).
    expect(((1 << 20) - Buffer.byteLength(header)) % Buffer.byteLength(row)).toBe(22);

    const decoded = await decode(csv);

    expect(decoded.decoding.encoding).toBe('utf-8');
    expect(decoded.text).toBe(csv);
  });

  it('drops the BOM of a file that falls back to windows-1252', async () => {
    const decoded = await decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\nZo\xeb,1\n', 'latin1')]));

    expect(decoded.decoding.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('a,b\nZoë,1\n');
  });

  it('rejects a gzip holding binary content, and one holding nothing', async () => {
    await expect(decode(gzipSync(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 1, 2])), 'x.csv.gz')).rejects.toMatchObject({ reason: 'unknown-format' });
    await expect(decode(gzipSync(Buffer.alloc(0)), 'x.csv.gz')).rejects.toMatchObject({ reason: 'empty-file' });
  });
});

describe('loadRawExtract', () => {
  it('names the upload, not the decoded copy, when DuckDB cannot read the file', async () => {
    const decoded = await decode('a,b\n1,2\n', 'orders.csv');
    const failing: DuckDbSession = {
      run: () => Promise.reject(new Error(`Invalid Input Error: Error when sniffing file "${decoded.path}".\nLINE 1: ...`)),
      rows: () => Promise.resolve([]),
      columns: () => Promise.resolve({}),
      columnar: () => Promise.reject(new Error('not read')),
      numericChunks: () => Promise.reject(new Error('not read')),
      appendRows: () => Promise.reject(new Error('not written')),
      withMemoryLimit: (_limit, work) => work(),
      close: () => {},
    };

    const attempt = loadRawExtract(failing, { format: 'csv', decoded, fileName: 'orders.csv' });

    await expect(attempt).rejects.toMatchObject({
      reason: 'unreadable-file',
      message:
        'orders.csv could not be read as csv: Invalid Input Error: Error when sniffing file "orders.csv". ' +
        'Check that it has one header line, one delimiter (",", ";", tab, "|") and balanced double quotes.',
    });
  });
});
