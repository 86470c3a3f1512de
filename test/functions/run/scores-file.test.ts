import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMembershipsParquet } from '../../../functions/run/scores-export.js';
import { readScoreFiles, SCORE_COLUMNS, writeScoresParquet } from '../../../functions/run/scores-file.js';
import { openDuckDb, sqlString, type DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import type { CustomerScore } from '../../../models/scoring/index.js';

let dir: string;
let db: DuckDbSession;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scores-file-'));
  db = await openDuckDb();
});
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const score = (customerId: string, overrides: Partial<CustomerScore> = {}): CustomerScore => ({
  customerId, horizonDays: 90, churnProbability: 0.25, probabilityAlive: 0.8125, expectedOrders: 1.5, expectedOrderValue: 40.125,
  predictedSpend: 60.1875, predictedSpendLow: 0, predictedSpendHigh: 150.5, predictedClv: 240.75, clvHorizonDays: 365, annualDiscountRate: 0.1,
  historicClv: 512.5, totalClv: 753.25, averageDaysBetweenOrders: 30.5, expectedNextOrderDate: '2025-02-01', frequency: 4, recency: 122, T: 400,
  monetaryValue: 101.25, firstOrderDate: '2023-11-28', lastOrderDate: '2024-03-29', ...overrides,
});

describe('the scores file', () => {
  it('round-trips every field in customer id order, with each column typed as SCORE_COLUMNS says and missing values as NULL', async () => {
    const scores = [score('c-2'), score('c-1', { averageDaysBetweenOrders: null, expectedNextOrderDate: null, frequency: 0 }), score('c-3', { totalClv: Number.NaN })];
    const file = path.join(dir, 'scores.parquet');
    await writeScoresParquet(db, scores, file);

    const read = await readScoreFiles(db, [file]);
    expect(read.map((s) => s.customerId)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(read[0]).toEqual(scores[1]);
    expect(read[1]).toEqual(scores[0]);
    const types = await db.rows<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(file)}))`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toEqual(SCORE_COLUMNS);
    const [nulls] = await db.rows<{ clv: number; next: number }>(`SELECT CAST(count(*) FILTER (WHERE "totalClv" IS NULL) AS INTEGER) AS clv, CAST(count(*) FILTER (WHERE "expectedNextOrderDate" IS NULL) AS INTEGER) AS next FROM read_parquet(${sqlString(file)})`);
    expect(nulls).toEqual({ clv: 1, next: 1 });
  });
});

describe('the memberships file', () => {
  it('holds each customer with its segments as a list, in customer id order, an empty list for none', async () => {
    const file = path.join(dir, 'memberships.parquet');
    await writeMembershipsParquet(db, new Map([['b', ['lifecycle:active', 'grid:vip-secure']], ['a', []], ['c', ['prospect:prospect']]]), file);

    const rows = await db.rows<{ customerId: string; segments: string[] }>(`SELECT customerId, segments FROM read_parquet(${sqlString(file)})`);
    expect(rows).toEqual([
      { customerId: 'a', segments: [] },
      { customerId: 'b', segments: ['lifecycle:active', 'grid:vip-secure'] },
      { customerId: 'c', segments: ['prospect:prospect'] },
    ]);
  });
});
