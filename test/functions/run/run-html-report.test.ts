import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReportKey, writeRunHtmlReport, type RunReportWithHtml } from '../../../functions/run/run-html-report.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { ModelRegistry } from '../../../models/churn-clv/index.js';
import { PREFIXES } from '../../../functions/shared/storage-layout.js';
import { addDays } from '../../../models/features/dates.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(300, 11);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;

const text = async (key: string): Promise<string | null> => {
  const bytes = await deps.store.get(key);
  return bytes ? new TextDecoder().decode(bytes) : null;
};
const chartsIn = (html: string): string[] => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  ({ pipeline, deps } = await ingestedPipeline(data));
}, 120_000);
afterAll(async () => pipeline?.stop());

describe('the HTML report of a run', () => {
  it('is written beside the JSON by Publish: segments, value, churn model; movement from the second run on', async () => {
    const first = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
    const firstId = first.finished[0]!.runId;
    const firstHtml = await text(htmlReportKey(firstId));
    const firstJson = JSON.parse((await text(runFiles(firstId).report))!) as RunReportWithHtml;

    expect(htmlReportKey(firstId)).toBe(`reports/runs/${firstId}.html`);
    expect(firstJson.htmlReport).toBe(htmlReportKey(firstId));
    expect(firstJson.notes).toBeUndefined();
    expect(firstHtml).toContain('Movement between segments: not available.</strong> This is the first run');
    expect(chartsIn(firstHtml!)).toEqual(expect.arrayContaining(['sizes-rfm', 'sizes-clv-tier', 'sizes-churn-risk', 'predicted-value', 'churn-calibration']));
    expect(firstHtml).toContain('<th scope="col">Retention</th>');
    expect(firstHtml).not.toContain('Segment KPIs (revenue share');

    const second = await runStagesInOrder(deps, { trigger: 'schedule', asOf: addDays(data.lastDay, 14), requestedAt: new Date().toISOString() });
    const secondId = second.finished[0]!.runId;
    const secondHtml = (await text(htmlReportKey(secondId)))!;

    expect(secondHtml).toContain(`Compared with run <code>${firstId}</code> as of ${data.lastDay}`);
    expect(chartsIn(secondHtml)).toEqual(expect.arrayContaining(['movement-rfm', 'movement-churn-risk', 'movement-lifecycle']));
    // 300 customers in each family's matrix, every one scored by both runs.
    const rfm = secondHtml.match(/RFM: ([\d,]+) of ([\d,]+) customers/);
    expect(rfm?.[2]).toBe('300');
  }, 300_000);

  it('never fails the run: a report that cannot be built is logged and noted in the JSON report', async () => {
    const current = await deps.table.readCurrentRun();
    const report = JSON.parse((await text(runFiles(current!.runId).report))!) as RunReportWithHtml;
    const { card } = await new ModelRegistry(deps.store, PREFIXES.models).loadMetadata(report.model.version);
    const broken: RunReportWithHtml = { ...report, runId: 'r-broken', scoresExport: { key: 'exports/scores/missing/scores.parquet', customers: 0 } };
    delete broken.htmlReport;

    await expect(writeRunHtmlReport(deps, broken, card)).resolves.toBeUndefined();

    expect(broken.htmlReport).toBeUndefined();
    expect(broken.notes).toEqual([expect.stringMatching(/^HTML report not written \(/)]);
    expect(await deps.store.get(htmlReportKey('r-broken'))).toBeNull();
  }, 60_000);
});
