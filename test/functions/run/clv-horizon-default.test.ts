import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEY } from '../../../functions/adapters/configuration-store.js';
import { prepareRun } from '../../../functions/run/prepare-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { startRun } from '../../../functions/run/start-run.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

let pipeline: EmbeddedPipeline;
let deps: RunDependencies;

beforeAll(async () => {
  ({ pipeline, deps } = await ingestedPipeline(syntheticExtracts(60, 3)));
}, 120_000);
afterAll(async () => pipeline?.stop());

/** Prepare's run context with these dependencies: where the run's clvHorizonDays is decided. */
const preparedWith = async (extra: Partial<RunDependencies>) => {
  const runDeps = { ...deps, ...extra };
  const start = await startRun(runDeps, { trigger: 'manual', requestedAt: new Date().toISOString() });
  if (!start.acquired) throw new Error(start.reason);
  try {
    return await prepareRun(runDeps, start.run);
  } finally {
    await runDeps.control.release(start.run.runId);
  }
};

describe("the CLV horizon: the configuration file's, else the deployment's, else 365 days", () => {
  it('takes the deployment default (CLV_HORIZON_DAYS) when the file sets none, and 365 without either', async () => {
    await deps.store.put(CONFIG_KEY, '', 'application/yaml');

    expect((await preparedWith({ clvHorizonDays: 730 })).clvHorizonDays).toBe(730);
    expect((await preparedWith({})).clvHorizonDays).toBe(365);
  }, 120_000);

  it("lets the file's scoring.clvHorizonDays win over the deployment's", async () => {
    await deps.store.put(CONFIG_KEY, 'scoring: { clvHorizonDays: 180 }', 'application/yaml');
    try {
      expect((await preparedWith({ clvHorizonDays: 730 })).clvHorizonDays).toBe(180);
    } finally {
      await deps.store.put(CONFIG_KEY, '', 'application/yaml');
    }
  }, 120_000);
});
