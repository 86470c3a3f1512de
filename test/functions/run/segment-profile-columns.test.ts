import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { readPopulationStats } from '../../../functions/run/segment-run.js';
import { openDuckDb, sqlString } from '../../../models/duckdb/duckdb-session.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

// Even positions are the synthetic data's active customers, odd ones the lapsed: DE holds the first, AT the second.
const COUNTRIES = ['DE', 'FR', 'GB', 'AT'];
const base = syntheticExtracts(160, 5);
const [header, ...profileLines] = base.customersCsv.trim().split('\n');
/** The synthetic customers with a country each (by position) and an extra column the configuration declares. */
const customersCsv = [
  `${header!.replace(',country,', ',country,')},Web Sessions`,
  ...profileLines.map((line, c) => {
    const cells = line.split(',');
    cells[3] = COUNTRIES[c % COUNTRIES.length]!;
    return `${cells.join(',')},${c % 10}`;
  }),
].join('\n');
const countryOf = new Map(profileLines.map((line, c) => [line.split(',')[0]!, COUNTRIES[c % COUNTRIES.length]!]));
const sessionsOf = new Map(profileLines.map((line, c) => [line.split(',')[0]!, c % 10]));

const CONFIG = `profile:
  columns:
    web_sessions: { type: number }
segments:
  custom:
    - id: dach
      rule: { country: { in: [DE, AT, CH] } }
    - id: dach-top-half
      rule: { country: { in: [DE, AT, CH] }, predictedClv: { gte: p50 } }
    - id: engaged
      rule: 'web_sessions >= 7'
`;

let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let reportOf: (runId: string) => Promise<RunReport>;
const shardCustomers = process.env.SEGMENTS_SHARD_CUSTOMERS;

beforeAll(async () => {
  // Several shards, so each shard's profile rows must be its own customers'.
  process.env.SEGMENTS_SHARD_CUSTOMERS = '50';
  ({ pipeline, deps, reportOf } = await ingestedPipeline({ ...base, customersCsv }));
}, 120_000);
afterAll(async () => {
  if (shardCustomers === undefined) delete process.env.SEGMENTS_SHARD_CUSTOMERS;
  else process.env.SEGMENTS_SHARD_CUSTOMERS = shardCustomers;
  await pipeline?.stop();
});

/** Rows of one kind of shard file of the run (every shard's), read with DuckDB. */
async function shardRows<T>(keys: string[], select: string): Promise<T[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shard-files-'));
  const db = await openDuckDb();
  try {
    const files = await Promise.all(
      keys.map(async (key, i) => {
        const file = path.join(dir, `${i}.parquet`);
        await deps.store.download(key, file);
        return file;
      }),
    );
    return await db.rows<T>(`SELECT ${select} FROM read_parquet([${files.map(sqlString).join(', ')}])`);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const shardKeys = (shards: number, key: (i: number) => string) => Array.from({ length: shards }, (_, i) => key(i));

/** customerId -> segments, from every shard's memberships file of the run. */
async function membershipsOf(runId: string, shards: number): Promise<Map<string, string[]>> {
  const rows = await shardRows<{ customerId: string; segments: string[] }>(shardKeys(shards, runFiles(runId).memberships), 'customerId, segments');
  return new Map(rows.map((r) => [r.customerId, [...r.segments]]));
}

async function predictedClvOf(runId: string, shards: number): Promise<Map<string, number>> {
  const rows = await shardRows<{ customerId: string; predictedClv: number }>(shardKeys(shards, runFiles(runId).scores), 'customerId, predictedClv');
  return new Map(rows.map((r) => [r.customerId, r.predictedClv]));
}

const membersOf = (memberships: Map<string, string[]>, segment: string) => [...memberships].filter(([, s]) => s.includes(segment)).map(([id]) => id).sort();

describe('segment rules on profile columns, through the run', () => {
  it('a country segment gets exactly the customers of those countries, in every shard; a declared extra column is read as its type; the state checks clean', async () => {
    await deps.store.put(CONFIG_KEY, CONFIG, 'application/yaml');
    const { finished } = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
    const report = await reportOf(finished[0]!.runId);
    expect(report.shards).toBeGreaterThan(1);
    const memberships = await membershipsOf(report.runId, report.shards);
    const scored = [...memberships.keys()];

    const dach = scored.filter((id) => ['DE', 'AT'].includes(countryOf.get(id)!)).sort();
    expect(dach.length).toBeGreaterThan(50);
    expect(membersOf(memberships, 'custom:dach')).toEqual(dach);
    expect(membersOf(memberships, 'custom:engaged')).toEqual(scored.filter((id) => sessionsOf.get(id)! >= 7).sort());
    const p50 = (await readPopulationStats(deps.store, runFiles(report.runId).population)).percentiles?.predictedClv?.p50 as number;
    const clv = await predictedClvOf(report.runId, report.shards);
    const topHalf = dach.filter((id) => clv.get(id)! >= p50);
    expect(topHalf.length).toBeGreaterThan(0);
    expect(topHalf.length).toBeLessThan(dach.length);
    expect(membersOf(memberships, 'custom:dach-top-half')).toEqual(topHalf);

    expect(report.segments.find((s) => s.id === 'custom:dach')?.size).toBe(dach.length);
    const state = await checkState(DynamoDBDocumentClient.from(pipeline.aws.dynamo), pipeline.aws.table);
    expect(state.problems).toEqual([]);
  }, 300_000);
});
