import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import { withWorkspace } from '../../../functions/pipeline/workspace.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import { SCORE_FIELDS } from '../../../functions/run/scores-file.js';
import { scoresExportKey } from '../../../functions/shared/storage-layout.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { toIsoDay } from '../../../models/features/dates.js';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import { RunRefusedError } from '../../../functions/run/errors.js';
import { prepareRun } from '../../../functions/run/prepare-run.js';
import type { RunContext, ShardScores } from '../../../functions/run/run-contract.js';
import { InMemoryRunControl } from '../../../functions/run/run-control.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { scoreShard } from '../../../functions/run/score-shard.js';
import { readPopulationStats, segmentRun } from '../../../functions/run/segment-run.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { startRun } from '../../../functions/run/start-run.js';
import { trainRun } from '../../../functions/run/train-run.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { bucketOf } from '../../../models/partitioning/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(300, 5);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
const runs: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
  deps = { ...pipeline.dependencies, control: new InMemoryRunControl() };
  const ingest = createIngestHandler(() => ({ ...pipeline.dependencies, runs }));
  for (const [key, body] of [['incoming/customers/c.csv', data.customersCsv], ['incoming/orders/o.csv', data.ordersCsv]] as const) {
    await invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
  }
}, 120_000);
afterAll(async () => pipeline?.stop());

const started = async (asOf?: string): Promise<RunContext> => {
  const start = await startRun(deps, { trigger: asOf ? 'schedule' : 'upload', ...(asOf ? { asOf } : {}), requestedAt: new Date().toISOString() });
  if (!start.acquired) throw new Error(start.reason);
  return start.run;
};

describe('the first stages of a scoring run', () => {
  it('prepare shards every customer once by bucket, train fits a model, every shard is scored, and Segment sums the population', async () => {
    const run = await started();
    const prepared = await prepareRun(deps, run);

    expect(prepared).toMatchObject({ asOf: data.lastDay, train: true });
    expect(prepared.shards.reduce((sum, s) => sum + s.customers, 0)).toBe(300);
    const trained = await trainRun(deps, prepared);
    expect(trained.modelVersion).toBeTruthy();

    const scored: ShardScores[] = [];
    for (const shard of trained.shards) scored.push(await scoreShard(deps, { run: trained, shard }));
    expect(scored.reduce((sum, s) => sum + s.customers, 0)).toBe(300);

    const segmented = await segmentRun(deps, { run: trained, shardScores: scored });
    const population = JSON.parse(new TextDecoder().decode((await deps.store.get(segmented.populationKey!)) ?? new Uint8Array()));
    expect(population.customers).toBe(300);
    expect(population.tierEnds).toHaveLength(6);
    await deps.control.release(run.runId);
  }, 180_000);

  it('a shard holds exactly the customers whose bucket lies in its range', async () => {
    const run = await started();
    const prepared = await prepareRun(deps, run);
    const shard = prepared.shards[0]!;

    expect(bucketOf(data.active[0]!)).toBeGreaterThanOrEqual(shard.fromBucket);
    expect(bucketOf(data.active[0]!)).toBeLessThan(shard.toBucket);
    await deps.control.release(run.runId);
  }, 60_000);

  it('refuses a scheduled day before the data, and one long after the last order, before writing anything', async () => {
    const early = await started('2015-01-06');
    await expect(prepareRun(deps, early)).rejects.toBeInstanceOf(RunRefusedError);
    await expect(prepareRun(deps, early)).rejects.toThrow(/before the first order/);
    await deps.control.release(early.runId);

    const late = await started('2031-01-01');
    await expect(prepareRun(deps, late)).rejects.toThrow(/more than 366 days earlier/);
    await deps.control.release(late.runId);
  }, 60_000);
});

describe('a whole run through the stages', () => {
  it('writes every customer, publishes the catalogue and pointer, and a rescore of the same day writes nothing', async () => {
    const first = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });

    expect(first.finished).toHaveLength(1);
    const { runId, itemsWritten } = first.finished[0]!;
    expect(itemsWritten).toBeGreaterThan(300);
    expect(await deps.table.readCurrentRun()).toMatchObject({ runId, asOf: data.lastDay });
    const catalog = await deps.table.readCatalog();
    expect(catalog?.segments.find((s) => s.id === 'clv:top-1')?.size).toBe(3);
    expect(catalog?.segments.filter((s) => s.family === 'rfm').reduce((sum, s) => sum + s.size, 0)).toBe(300);
    const customer = await deps.table.getCustomer(data.active[0]!);
    expect(customer).toMatchObject({ customerId: data.active[0] });

    const again = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
    expect(again.finished[0]?.itemsWritten).toBe(0);
  }, 240_000);

  it("publishes every customer of the run with every field and its segments to exports/scores/<asOf>/, as the items hold them", async () => {
    const current = await deps.table.readCurrentRun();
    const rows = await withWorkspace(async (dir) => {
      const file = path.join(dir, 'export.parquet');
      await deps.store.download(scoresExportKey(current!.asOf), file);
      const db = await openDuckDb();
      try {
        return await db.rows<Record<string, unknown>>(`SELECT * FROM read_parquet('${file}') ORDER BY customerId`);
      } finally {
        db.close();
      }
    });

    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0]!)).toEqual([...SCORE_FIELDS, 'segments', 'asOf', 'runId', 'modelVersion']);
    for (const row of rows.slice(0, 20)) {
      const item = await deps.table.getCustomer(String(row.customerId));
      expect([...(row.segments as string[])].sort()).toEqual([...item!.segments].sort());
      expect(item!.predictedClv).toBeCloseTo(Number(row.predictedClv), 2);
      expect(item!.expectedNextOrderDate).toBe(row.expectedNextOrderDate instanceof Date ? toIsoDay(row.expectedNextOrderDate) : null);
      expect(row.runId).toBe(current!.runId);
    }
  }, 60_000);

  it('takes the horizon from the configuration file, trains a model for it and stores it in every item and the version id', async () => {
    await deps.store.put(CONFIG_KEY, 'scoring: { horizonDays: 30, clvHorizonDays: 180, annualDiscountRate: 0.1 }', 'application/yaml');
    try {
      const run = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });

      const report = JSON.parse(new TextDecoder().decode((await deps.store.get(run.finished[0]!.reportKey))!)) as RunReport;
      expect(report).toMatchObject({ horizonDays: 30, model: { trainedThisRun: true } });
      expect(report.model.version).toMatch(/-h30-s\d+$/);
      expect(await deps.table.getCustomer(data.active[0]!)).toMatchObject({ horizonDays: 30, clvHorizonDays: 180, annualDiscountRate: 0.1, modelVersion: report.model.version });
    } finally {
      await deps.store.put(CONFIG_KEY, '', 'application/yaml');
    }
  }, 240_000);
});

describe('clusters with personas through the stages', () => {
  it('Segment fits the clusters once, every shard assigns them, the report carries the personas, and the next run keeps their ids', async () => {
    await deps.store.put(CONFIG_KEY, 'segments: { clustering: { enabled: true, minClusters: 3, maxClusters: 4 } }', 'application/yaml');
    try {
      const first = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
      const reportOf = async (key: string) => JSON.parse(new TextDecoder().decode((await deps.store.get(key))!)) as RunReport;
      const report = await reportOf(first.finished[0]!.reportKey);

      const clusters = report.segments.filter((s) => s.family === 'cluster');
      expect(clusters.length).toBeGreaterThanOrEqual(3);
      expect(clusters.length).toBeLessThanOrEqual(4);
      expect(clusters.reduce((sum, s) => sum + s.size, 0)).toBe(300);
      expect(report.personas?.map((p) => [p.id, p.name, p.profile.size])).toEqual(clusters.map((s) => [s.id, s.name, s.size]));
      expect(new Set(report.personas?.map((p) => p.name)).size).toBe(clusters.length);

      // Same data the next run: the clusters are matched to this run's, so nobody changes cluster and nothing is written.
      const again = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
      expect(again.finished[0]?.itemsWritten).toBe(0);
      expect((await reportOf(again.finished[0]!.reportKey)).personas?.map((p) => [p.id, p.name])).toEqual(report.personas?.map((p) => [p.id, p.name]));
      const population = await readPopulationStats(deps.store, runFiles(again.finished[0]!.runId).population);
      expect(population.fitted?.['cluster']).toMatchObject({ ids: { matchedToRun: first.finished[0]!.runId, matched: clusters.length, new: 0, retired: [] } });
    } finally {
      await deps.store.put(CONFIG_KEY, '', 'application/yaml');
    }
  }, 240_000);
});

describe('the nightly handler', () => {
  it('refuses a scheduled day before the data, and one long after it, without starting a run or writing anything', async () => {
    const { createNightlyRescoreHandler } = await import('../../../functions/nightly-rescore.js');
    const { buildScheduledEvent } = await import('../../../infra/local/runtime/index.js');
    const requests: unknown[] = [];
    const nightly = createNightlyRescoreHandler(() => ({ ...pipeline.dependencies, runs: { request: async (r) => (requests.push(r), { started: true }) } }));
    const before = await deps.table.readCurrentRun();

    for (const day of ['2015-01-06', '2031-06-01']) {
      const event = { ...buildScheduledEvent({ ruleName: 'nightly-rescore', time: new Date(`${day}T02:00:00Z`) }), detail: {} };
      const outcome = await invokeLocally(nightly, event as never, { functionName: 'nightly-rescore' });
      expect(outcome).toMatchObject({ started: false, reason: expect.stringMatching(/^Refusing to score as of/) });
    }

    expect(requests).toEqual([]);
    expect(await deps.table.readCurrentRun()).toEqual(before);
  });
});
