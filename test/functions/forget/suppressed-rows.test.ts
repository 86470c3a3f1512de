import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suppressionHash, suppressionPrefix } from '../../../functions/forget/index.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { EXTRACT_SCHEMAS, validateExtract, type ExtractReport } from '../../../models/extracts/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'suppressed-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function validate(kind: 'orders' | 'prospects', csv: string, hashes: string[], idColumn: string, person: 'customer' | 'prospect') {
  const input = path.join(dir, `${kind}.csv`);
  writeFileSync(input, csv);
  const db = await openDuckDb({ tempDirectory: dir });
  try {
    const report: ExtractReport = await validateExtract(db, {
      inputPath: input,
      format: 'csv',
      schema: EXTRACT_SCHEMAS[kind],
      cleanPath: path.join(dir, `${kind}.parquet`),
      quarantinePath: path.join(dir, `${kind}.quarantine.csv`),
      workDir: dir,
      suppressed: { idColumn, idPrefix: suppressionPrefix(person), hashes: new Set(hashes) },
    });
    const clean = await db.rows<{ id: string }>(`SELECT CAST(${idColumn} AS VARCHAR) AS id FROM read_parquet('${path.join(dir, `${kind}.parquet`)}')`);
    const quarantinePath = path.join(dir, `${kind}.quarantine.csv`);
    const quarantine = report.rowsQuarantined > 0 ? readFileSync(quarantinePath, 'utf8') : '';
    return { report, clean: clean.map((r) => r.id), quarantine };
  } finally {
    db.close();
  }
}

describe('ingest with a suppression list', () => {
  it('drops every row of a suppressed customer, accepted or not, counts them and quarantines none of them', async () => {
    const csv = [
      'order_id,customer_id,order_date,amount',
      'O1,C1,2024-01-02,10.00',
      'O2, C2 ,2024-01-03,12.00',
      'O3,C2,2024-01-04,not-a-number',
      'O4,C2.0,2024-01-05,3.00',
      'O5,C3,2024-01-05,oops',
      '',
    ].join('\n');
    const { report, clean, quarantine } = await validate('orders', csv, [suppressionHash('customer', 'C2')], 'customer_id', 'customer');

    expect(report).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsQuarantined: 1, rowsSuppressed: 2 });
    expect(clean).toEqual(['C1', 'C2.0']);
    expect(quarantine).toContain('C3');
    expect(quarantine).not.toMatch(/C2\b/);
  });

  it('drops a prospect, a customer hash does not suppress a prospect with the same id, and an empty list drops nothing', async () => {
    const csv = 'prospect_id,email\nP1,a@example.com\nP2,b@example.com\nC9,c@example.com\n';
    const { report, clean } = await validate('prospects', csv, [suppressionHash('prospect', 'P2'), suppressionHash('customer', 'C9')], 'prospect_id', 'prospect');
    expect(report).toMatchObject({ rowsRead: 3, rowsAccepted: 2, rowsSuppressed: 1 });
    expect(clean).toEqual(['P1', 'C9']);

    const none = await validate('prospects', csv, [], 'prospect_id', 'prospect');
    expect(none.report).toMatchObject({ rowsAccepted: 3, rowsSuppressed: 0 });
  });
});

describe('an upload holding nobody but suppressed people', () => {
  it('is rejected saying so, not as rows that failed validation', async () => {
    await expect(validate('prospects', 'prospect_id,email\nP2,b@example.com\n', [suppressionHash('prospect', 'P2')], 'prospect_id', 'prospect')).rejects.toThrow(
      'Every one of the 1 rows of prospects.csv belongs to people a deletion request forgot (the suppression list); nothing was kept.',
    );
  });
});
