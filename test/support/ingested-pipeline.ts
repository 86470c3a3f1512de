import { createIngestHandler } from '../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import type { RunReport } from '../../functions/run/publish-run.js';
import { InMemoryRunControl } from '../../functions/run/run-control.js';
import type { RunDependencies } from '../../functions/run/run-dependencies.js';
import { runFiles } from '../../functions/run/run-files.js';
import { invokeLocally } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from './embedded-pipeline.js';
import type { syntheticExtracts } from './synthetic-extracts.js';

/** Ingest never starts a run here: the tests drive the stages themselves. */
const NO_RUNS: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };

/**
 * An embedded pipeline whose bucket holds the synthetic customers and orders, accepted by the
 * ingest handler from real S3 events, and run dependencies over it (`extra` added, e.g. a sink).
 */
export async function ingestedPipeline(
  data: ReturnType<typeof syntheticExtracts>,
  extra: Partial<RunDependencies> = {},
): Promise<{ pipeline: EmbeddedPipeline; deps: RunDependencies; reportOf: (runId: string) => Promise<RunReport> }> {
  const pipeline = await startEmbeddedPipeline();
  const deps: RunDependencies = { ...pipeline.dependencies, control: new InMemoryRunControl(), ...extra };
  const ingest = createIngestHandler(() => ({ ...pipeline.dependencies, runs: NO_RUNS }));
  for (const [key, body] of [['incoming/customers/c.csv', data.customersCsv], ['incoming/orders/o.csv', data.ordersCsv]] as const) {
    await invokeLocally(ingest, (await pipeline.upload(key, body)) as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
  }
  const reportOf = async (runId: string) => JSON.parse(new TextDecoder().decode((await deps.store.get(runFiles(runId).report))!)) as RunReport;
  return { pipeline, deps, reportOf };
}
