import { describe, expect, it } from 'vitest';
import type { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import type { ManifestEntry, UploadManifest } from '../../functions/ingest/upload-manifest.js';
import { createNightlyRescoreHandler } from '../../functions/nightly-rescore.js';
import type { ScoringRunOutcome, ScoringRunRequest, ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import type { PipelineDependencies } from '../../functions/shared/pipeline-dependencies.js';
import { buildScheduledEvent, invokeLocally } from '../../infra/local/runtime/index.js';

/** The nightly handler over fakes: a stored configuration file (or none), orders up to 2025-02-28, and a run recorder. */
function nightlyWith(configText: string | null) {
  const requests: ScoringRunRequest[] = [];
  const store = {
    bucket: 'test-bucket',
    get: async (key: string) => (key === 'config/segments.config.yaml' && configText !== null ? new TextEncoder().encode(configText) : null),
  } as unknown as S3ObjectStore;
  const orders = { kind: 'orders', orderDays: { first: '2024-01-01', last: '2025-02-28' } } as unknown as ManifestEntry;
  const manifest = { entries: async () => [orders] } as unknown as UploadManifest;
  const runs: ScoringRuns = {
    request: async (request: ScoringRunRequest): Promise<ScoringRunOutcome> => {
      requests.push(request);
      return { started: true, executionName: `run-${requests.length}` } as ScoringRunOutcome;
    },
  } as ScoringRuns;
  const deps = { store, manifest, runs, horizonDays: 90 } as unknown as PipelineDependencies;
  const handler = createNightlyRescoreHandler(() => deps);
  const invoke = (detail: Record<string, string>) => {
    const event = { ...buildScheduledEvent({ ruleName: 'nightly-rescore', time: new Date('2025-03-01T02:00:00Z') }), detail };
    return invokeLocally(handler, event as unknown as Parameters<typeof handler>[0], { functionName: 'nightly-rescore' });
  };
  return { invoke, requests };
}

describe('nightly rescore: the configuration can switch the schedule off without a deploy', () => {
  it('requests the scheduled run when the stored file leaves the schedule on, or there is no file', async () => {
    for (const text of [null, 'schedule: { enabled: true }\n']) {
      const { invoke, requests } = nightlyWith(text);

      const outcome = await invoke({});

      expect(outcome).toMatchObject({ started: true });
      expect(requests).toEqual([{ trigger: 'schedule', asOf: '2025-03-01', uploads: [] }]);
    }
  });

  it('skips the scheduled run, saying why, when schedule.enabled is false', async () => {
    const { invoke, requests } = nightlyWith('schedule: { enabled: false }\n');

    const outcome = await invoke({});

    expect(outcome).toEqual({ started: false, reason: expect.stringMatching(/schedule\.enabled is false in config\/segments\.config\.yaml/) });
    expect(requests).toEqual([]);
  });

  it('still runs a day an operator asks for (detail.asOf), and keeps the schedule on when the file is invalid', async () => {
    const off = nightlyWith('schedule: { enabled: false }\n');
    const invalid = nightlyWith('schedule: { enabled: maybe }\n');

    await off.invoke({ asOf: '2025-02-20' });
    await invalid.invoke({});

    expect(off.requests).toEqual([{ trigger: 'schedule', asOf: '2025-02-20', uploads: [] }]);
    expect(invalid.requests).toHaveLength(1);
  });
});
