import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { CsvNormaliser } from '../../../models/extracts/csv-normaliser.js';
import { decodeUpload } from '../../../models/extracts/decode-upload.js';
import { likelyCsvProblem } from '../../../models/extracts/diagnose-csv.js';
import { encodeText, validateUpload } from './upload-fixtures.js';

let dir: string;
let db: DuckDbSession;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagnose-csv-'));
  db = await openDuckDb();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'customer_id,order_date,amount';
const rows = (n: number, row: (i: number) => string, eol = '\n'): string => Array.from({ length: n }, (_, i) => `${row(i)}${eol}`).join('');

describe('a CSV none of whose rows can be split is rejected with the likely cause, naming the upload', () => {
  it('rows split by another delimiter than the header (a delimiter mismatch)', async () => {
    const csv = `${HEADER}\n${rows(4, (i) => `c${i}\t2024-01-02\t${i}`)}`;

    await expect(validateUpload(db, dir, csv, { fileName: 'export.csv' })).rejects.toMatchObject({
      reason: 'unreadable-file',
      message:
        'export.csv could not be read as csv: any of its 4 rows could not be split into the header\'s columns. ' +
        'Likely cause: the header is split by "," into 3 columns but its rows by tab into 3 (a delimiter mismatch).',
    });
  });

  it('says a file mixed its line endings, and that this is not the cause', async () => {
    const csv = `customer_id;order_date;amount\r\n${rows(3, (i) => `c${i},2024-01-02,${i}`)}`;

    const attempt = validateUpload(db, dir, csv, { fileName: 'mixed.csv' });

    await expect(attempt).rejects.toMatchObject({
      message: expect.stringMatching(/rows by "," into 3 \(a delimiter mismatch\)\. Its lines end in LF and CRLF, which is read as it is \(not the cause\)\.$/),
    });
  });

  it('rows with fewer fields than the header, read as windows-1252', async () => {
    const csv = `${HEADER}\n${rows(3, (i) => `Zoë${i},2024-01-02`)}`;

    const attempt = validateUpload(db, dir, encodeText(csv, 'windows-1252'), { fileName: 'latin.csv' });

    await expect(attempt).rejects.toMatchObject({
      reason: 'unreadable-file',
      message:
        "latin.csv could not be read as csv: any of its 3 rows could not be split into the header's columns. Likely cause: row 1 has 2 fields " +
        'where the header has 3 (a delimiter or quote mismatch); it is not UTF-8 and was read as windows-1252; if it was saved in another encoding, export it again as UTF-8.',
    });
  });

  it('still quarantines the bad rows of a file whose other rows read', async () => {
    const csv = `${HEADER}\nc1,2024-01-02,1\nc2\t2024-01-02\t2\n`;

    const { report } = await validateUpload(db, dir, csv);

    expect(report).toMatchObject({ rowsAccepted: 1, rowsQuarantined: 1, quarantineReasons: { 'malformed CSV record': 1 } });
  });
});

describe('likelyCsvProblem', () => {
  const decodedFrom = async (csv: string) => {
    fs.writeFileSync(path.join(dir, 'in.csv'), csv);
    return decodeUpload({ inputPath: path.join(dir, 'in.csv'), fileName: 'in.csv', workDir: dir });
  };

  it('names a double quote a row opens and its line does not close (a quote mismatch)', async () => {
    const decoded = await decodedFrom(`${HEADER}\nc1,2024-01-02,1\n${rows(3, (i) => `c${i},"2024-01-02,${i}`)}`);

    expect(await likelyCsvProblem(decoded)).toBe('Likely cause: row 2 opens a double-quoted field that its line does not close (a quote mismatch).');
  });

  it('names a header of one column', async () => {
    const decoded = await decodedFrom(`customer_id:order_date:amount\n${rows(3, (i) => `c${i}:2024-01-02:${i}`)}`);

    expect(await likelyCsvProblem(decoded)).toBe('Likely cause: its header is a single column when split by ",", ";", tab, "|": the delimiter may be another character.');
  });

  it('says what to check when nothing explains it', async () => {
    expect(await likelyCsvProblem(await decodedFrom(`${HEADER}\nc1,2024-01-02,1\n`))).toBe(
      'Check that it has one header line, one delimiter (",", ";", tab, "|") and balanced double quotes.',
    );
  });
});

describe('line endings', () => {
  it('are counted by kind, a CR ending one chunk being judged by the next byte', () => {
    const normaliser = new CsvNormaliser('x.csv');
    const out = [normaliser.push(Buffer.from('a,b\r')), normaliser.push(Buffer.from('\n1,2\r')), normaliser.push(Buffer.from('3,4\n5,6\r')), normaliser.end()];

    expect(Buffer.concat(out).toString()).toBe('a,b\n1,2\n3,4\n5,6\n');
    expect(normaliser.lineEndings).toEqual({ lf: 1, crlf: 1, cr: 2 });
  });

  it('are recorded in the report of a file that mixes them, which is read in full', async () => {
    const csv = `${HEADER}\n${rows(3, (i) => `c${i},2024-01-0${i + 1},${i + 1}`, '\r\n')}c9,2024-01-09,9\r`;

    const { report, clean } = await validateUpload(db, dir, csv);

    expect(report.decoding.lineEndings).toEqual({ lf: 1, crlf: 3, cr: 1 });
    expect(clean.map((r) => r.customer_id)).toEqual(['c0', 'c1', 'c2', 'c9']);
  });
});
