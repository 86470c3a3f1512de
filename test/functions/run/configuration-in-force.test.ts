import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { runFiles } from '../../../functions/run/run-files.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(200, 11);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let reportOf: (runId: string) => Promise<RunReport>;

beforeAll(async () => {
  ({ pipeline, deps, reportOf } = await ingestedPipeline(data));
}, 120_000);
afterAll(async () => pipeline?.stop());

const GOOD = 'segments:\n  churnBands: { medium: 0.4, high: 0.7, critical: 0.95 }\n';
const BAD = 'segments:\n  custom:\n    - id: broken\n      rule: { all: [ "predictedClvv > 10" ] }\n';

describe('the configuration in force', () => {
  it('a bad file without a previous run fails the run with the path and reason; after a good run, a bad file leaves that run\'s configuration in force and the report says so', async () => {
    await deps.store.put(CONFIG_KEY, BAD, 'application/yaml');
    await expect(runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() })).rejects.toThrow(/predictedClvv/);

    await deps.store.put(CONFIG_KEY, GOOD, 'application/yaml');
    const good = (await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() })).finished[0]!;
    expect((await reportOf(good.runId)).configuration).toEqual({ source: CONFIG_KEY });
    expect(new TextDecoder().decode((await deps.store.get(runFiles(good.runId).config))!)).toBe(GOOD);

    await deps.store.put(CONFIG_KEY, BAD, 'application/yaml');
    const next = (await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() })).finished[0]!;
    const report = await reportOf(next.runId);

    expect(report.configuration?.source).toBe(runFiles(good.runId).config);
    expect(report.configuration?.problem).toMatch(/predictedClvv[\s\S]*stays in force/);
    expect(new TextDecoder().decode((await deps.store.get(runFiles(next.runId).config))!)).toBe(GOOD);
    expect(report.segments.map((s) => s.id)).toEqual((await reportOf(good.runId)).segments.map((s) => s.id));
  }, 300_000);

  it('a required segment that matched nobody fails the run at Publish, naming it, and the current run stays', async () => {
    const before = await deps.table.readCurrentRun();
    await deps.store.put(CONFIG_KEY, 'segments:\n  custom:\n    - id: whales\n      required: true\n      rule: "predictedClv > 1000000000"\n', 'application/yaml');

    await expect(runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() })).rejects.toThrow(/custom:whales matched no customer/);

    expect(await deps.table.readCurrentRun()).toEqual(before);
  }, 300_000);
});
