import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState } from '../../../functions/adapters/check-state/index.js';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { invokeLocally } from '../../../infra/local/runtime/index.js';
import { formatRunReport } from '../../../infra/local/cli/format-run-report.js';
import { addDays } from '../../../models/features/dates.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const base = syntheticExtracts(120, 9);
/** Sign-ups of the customers extract who never ordered: the prospects. */
const PROSPECTS = ['N001', 'N002', 'N003', 'N004', 'N005', 'N006', 'N007'];
const customersCsv = `${base.customersCsv}${PROSPECTS.map((id, i) => `${id},new${i}@example.com,,DE,${addDays(base.lastDay, -20)},referral`).join('\n')}\n`;

let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let reportOf: (runId: string) => Promise<RunReport>;

beforeAll(async () => {
  ({ pipeline, deps, reportOf } = await ingestedPipeline({ ...base, customersCsv }));
}, 120_000);
afterAll(async () => pipeline?.stop());

const segment = (report: RunReport, id: string) => report.segments.find((s) => s.id === id);
const run = async (asOf?: string) =>
  reportOf((await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString(), ...(asOf ? { asOf } : {}) })).finished[0]!.runId);
const check = async () => checkState(DynamoDBDocumentClient.from(pipeline.aws.dynamo), pipeline.aws.table);

describe('the prospect lifecycle stage', () => {
  it('gives the customers extract\'s people without an order an item with the prospect stage and no scores; the catalogue, KPIs, summary and state agree', async () => {
    const report = await run();

    expect(report.customers).toBe(120);
    const prospect = segment(report, 'lifecycle:prospect');
    expect(prospect).toMatchObject({ name: 'Prospect', family: 'lifecycle', size: PROSPECTS.length, entered: PROSPECTS.length, exited: 0 });
    expect(Object.values(prospect!.kpis).every((v) => v === null || Number.isFinite(v))).toBe(true);
    expect(prospect!.kpis).toMatchObject({ revenue: 0, orders: 0, averageOrderValue: null, retention: null, conversion: null });
    expect(report.segments.filter((s) => s.family === 'lifecycle').reduce((sum, s) => sum + s.size, 0)).toBe(120 + PROSPECTS.length);

    const catalog = await deps.table.readCatalog();
    expect(catalog?.segments.find((s) => s.id === 'lifecycle:prospect')?.size).toBe(PROSPECTS.length);
    const view = await deps.table.getCustomer('N003');
    expect(view).toMatchObject({ customerId: 'N003', prospect: true, segments: ['lifecycle:prospect'], predictedClv: null, churnProbability: null });
    expect((await deps.table.getCustomer(base.active[0]!))?.prospect).toBeUndefined();
    expect(formatRunReport(report, null).some((line) => /lifecycle:prospect\s+7\b/.test(line))).toBe(true);

    const state = await check();
    expect(state.problems).toEqual([]);
    expect(state.counts.customers).toBe(120 + PROSPECTS.length);
  }, 300_000);

  it('a prospect who buys leaves the stage for a scored one; the stage\'s conversion counts them, the same input again writes nothing, and the state checks clean', async () => {
    const day = addDays(base.lastDay, 1);
    const ingest = createIngestHandler(() => ({ ...pipeline.dependencies, runs: NO_RUNS }));
    const orders = `order_id,customer_id,order_date,amount\nX1,N001,${day},40.00\nX2,N002,${day},55.50\n`;
    await invokeLocally(ingest, (await pipeline.upload('incoming/orders/first-orders.csv', orders)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });

    const report = await run();

    expect(report.asOf).toBe(day);
    expect(report.customers).toBe(122);
    expect(segment(report, 'lifecycle:prospect')).toMatchObject({ size: 5, entered: 0, exited: 2 });
    expect(segment(report, 'lifecycle:prospect')!.kpis.conversion).toBeCloseTo(2 / 7, 6);
    expect(segment(report, 'lifecycle:new')!.entered).toBeGreaterThanOrEqual(2);
    const bought = await deps.table.getCustomer('N001');
    expect(bought?.prospect).toBeUndefined();
    expect(bought?.segments).toContain('lifecycle:new');
    expect(bought?.historicClv).toBe(40);
    expect((await check()).problems).toEqual([]);

    const again = await run();
    expect(again.writes.items).toBe(0);
    expect(segment(again, 'lifecycle:prospect')?.size).toBe(5);
    expect((await check()).problems).toEqual([]);
  }, 300_000);

  it('scored as of a day before their first order, the two are prospects again: their items lose the scores', async () => {
    const report = await run(base.lastDay);

    expect(report.asOf).toBe(base.lastDay);
    expect(report.customers).toBe(120);
    expect(segment(report, 'lifecycle:prospect')).toMatchObject({ size: 7, entered: 2, exited: 0 });
    expect(await deps.table.getCustomer('N001')).toMatchObject({ prospect: true, segments: ['lifecycle:prospect'], historicClv: null });
    expect(report.writes.scoreItemReasons.orders).toBeGreaterThanOrEqual(2);
    expect((await check()).problems).toEqual([]);
  }, 300_000);
});

/** Ingest never starts a run here: the test drives the stages itself. */
const NO_RUNS: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };
