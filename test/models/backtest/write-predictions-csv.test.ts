import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictionsCsv, writePredictionsCsv } from '../../../models/backtest/write-predictions-csv.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';

const hostile = {
  customerIds: ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", '@SUM(A1)', '-12.50', 'C7, Ltd'],
  churnProbability: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]),
  predictedValue: Float64Array.from([1, 2, 3, 4, 5]),
};

describe('predictionsCsv', () => {
  it('writes customer ids a spreadsheet would run as formulas with a leading quote, and plain numbers as they are', () => {
    const [header, ...rows] = predictionsCsv(hostile).trimEnd().split('\n');

    expect(header).toBe('customer_id,churn_probability,predicted_value');
    expect(rows).toEqual([
      `"'=HYPERLINK(""http://x"")",0.100000,1.0000`,
      `'+cmd|' /C calc'!A0,0.200000,2.0000`,
      `'@SUM(A1),0.300000,3.0000`,
      '-12.50,0.400000,4.0000',
      '"C7, Ltd",0.500000,5.0000',
    ]);
  });

  it('reads back as one escaped id and two numbers per customer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'predictions-csv-'));
    const db = await openDuckDb();
    try {
      const file = path.join(dir, 'predictions.csv');
      await writePredictionsCsv(file, hostile);

      const rows = await db.rows<{ customer_id: string; churn_probability: number }>(
        `SELECT * FROM read_csv('${file}', header = true, types = {'customer_id': 'VARCHAR'})`,
      );

      expect(rows.map((r) => r.customer_id)).toEqual([`'=HYPERLINK("http://x")`, `'+cmd|' /C calc'!A0`, "'@SUM(A1)", '-12.50', 'C7, Ltd']);
      expect(rows.map((r) => r.churn_probability)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
