import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../infra/local/cli/commands/evaluate-command.js';
import { exportScoresCommand } from '../../infra/local/cli/commands/export-command.js';
import { openLocalSession } from '../../infra/local/cli/local-session.js';
import { SCORE_FIELDS } from '../../functions/run/scores-file.js';
import { scoresExportKey } from '../../functions/shared/storage-layout.js';
import { openDuckDb, sqlString } from '../../models/duckdb/duckdb-session.js';
import { customerCommand, queryCommand } from '../../infra/local/cli/commands/query-commands.js';
import { rescoreCommand } from '../../infra/local/cli/commands/rescore-command.js';
import { runCommand } from '../../infra/local/cli/commands/run-command.js';
import type { RunReport } from '../../functions/run/publish-run.js';

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segments-e2e-'));
const capture = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
};
let run: RunReport;
const customers: Record<string, unknown>[] = [];

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const { log } = capture();
  const outcome = await runCommand({ stateDir, demo: true, demoCustomers: '3000' }, log);
  const report = outcome?.reports?.[0];
  if (!report) throw new Error('the demo run produced no scoring run');
  run = report;
}, 300_000);
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

async function customer(id: string): Promise<Record<string, unknown>> {
  const { lines, log } = capture();
  await customerCommand({ stateDir, customerId: id }, log);
  return JSON.parse(lines.join('\n')) as Record<string, unknown>;
}

describe('segments run --demo on the embedded runtime', () => {
  it('scores every customer with orders through the local state machine, with sensible held-out metrics', async () => {
    const { lines, log } = capture();
    await evaluateCommand({ stateDir }, log);

    expect(run.customers).toBeGreaterThan(2000);
    expect(run.model.trainedThisRun).toBe(true);
    expect(run.audiences.map((a) => [a.id, a.status])).toEqual([['top-clv-lookalike', 'published'], ['champions-lookalike', 'published']]);
    const chosen = lines.find((line) => /^\s+\S.*\*\s+[0-9.]+/.test(line)) ?? '';
    expect(Number(/\*\s+([0-9.]+)/.exec(chosen)?.[1])).toBeGreaterThan(0.75);
  });

  it('query lists exactly the customers whose items name the segment', async () => {
    const segmentId = 'rfm:champions';
    const { lines, log } = capture();

    await queryCommand({ stateDir, segment: segmentId, limit: 50, all: true }, log);

    const listed = lines.filter((line) => !line.startsWith('#'));
    expect(listed).toHaveLength(run.segments.find((s) => s.id === segmentId)?.size ?? -1);
    for (const id of listed.slice(0, 25)) {
      const item = await customer(id);
      expect(item.segments).toContain(segmentId);
      customers.push(item);
    }
  });

  it('recent frequent buyers get lower churn probability than long-lapsed customers', async () => {
    const { lines, log } = capture();
    await queryCommand({ stateDir, segment: 'rfm:lost', limit: 25 }, log);
    const lost: Record<string, unknown>[] = [];
    for (const id of lines.filter((l) => !l.startsWith('#'))) lost.push(await customer(id));
    const mean = (items: Record<string, unknown>[]) => items.reduce((a, i) => a + Number(i.churnProbability), 0) / items.length;

    expect(lost.every((item) => Number(item.recencyDays) > Math.max(...customers.map((c) => Number(c.recencyDays))))).toBe(true);
    expect(mean(customers)).toBeLessThan(mean(lost) - 0.3);
  });

  it('segments customer shows every predictive field, consistent with each other', async () => {
    const item = customers[0]!;

    expect(Object.keys(item)).toEqual(expect.arrayContaining([...SCORE_FIELDS, 'segments', 'recencyDays', 'asOf', 'scoredAsOf', 'runId', 'modelVersion']));
    expect(item.horizonDays).toBe(run.horizonDays);
    expect(Number(item.totalClv)).toBeCloseTo(Number(item.historicClv) + Number(item.predictedClv), 1);
    expect(Number(item.predictedClv)).toBeGreaterThanOrEqual(Number(item.predictedSpend));
    expect(Number(item.predictedSpendLow)).toBeLessThanOrEqual(Number(item.predictedSpendHigh));
    expect(Number(item.expectedOrders) * Number(item.expectedOrderValue)).toBeCloseTo(Number(item.predictedSpend), 0);
    expect(Number(item.recencyDays)).toBe(Number(item.T) - Number(item.recency));
  });

  it('segments export scores writes every customer with every field and segment, as CSV and as the Parquet file the run published', async () => {
    const out = (name: string) => path.join(stateDir, name);
    const { log } = capture();
    await exportScoresCommand({ stateDir, format: 'csv', out: out('scores.csv') }, log);
    await exportScoresCommand({ stateDir, format: 'parquet', out: out('scores.parquet') }, log);
    const session = await openLocalSession({ stateDir });
    await session.dependencies.store.download(scoresExportKey(run.asOf), out('published.parquet'));
    await session.close();
    const db = await openDuckDb();
    try {
      const csv = await db.rows<Record<string, unknown>>(`SELECT * FROM read_csv(${sqlString(out('scores.csv'))}, header = true, all_varchar = true) ORDER BY customerId`);
      const [same] = await db.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM (
        SELECT * FROM read_parquet(${sqlString(out('scores.parquet'))}) EXCEPT SELECT * FROM read_parquet(${sqlString(out('published.parquet'))}))`);
      const [counts] = await db.rows<{ n: number; members: number }>(`SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE list_contains(segments, 'rfm:champions')) AS INTEGER) AS members FROM read_parquet(${sqlString(out('scores.parquet'))})`);

      expect(csv).toHaveLength(run.customers);
      expect(Object.keys(csv[0]!)).toEqual([...SCORE_FIELDS, 'segments', 'asOf', 'runId', 'modelVersion']);
      const row = csv.find((r) => r.customerId === customers[0]!.customerId)!;
      expect(String(row.segments).split(';').sort()).toEqual([...(customers[0]!.segments as string[])].sort());
      expect(Number(row.predictedClv)).toBeCloseTo(Number(customers[0]!.predictedClv), 1);
      expect(counts).toEqual({ n: run.customers, members: run.segments.find((s) => s.id === 'rfm:champions')?.size });
      expect(same?.n).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);

  it('the nightly rescore for a later day reuses the model and writes only what changed', async () => {
    const { log } = capture();

    const rescored = (await rescoreCommand({ stateDir, asOf: '2025-01-15' }, log)).reports?.[0];

    expect(rescored?.model).toMatchObject({ version: run.model.version, trainedThisRun: false });
    expect(rescored?.writes.items).toBeLessThan(run.writes.items / 2);
    expect((await customer(String(customers[0]?.customerId))).asOf).toBe('2025-01-15');
  }, 120_000);
});
