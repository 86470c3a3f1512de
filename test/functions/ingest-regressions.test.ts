import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestHandler, type IngestResult } from '../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../functions/pipeline/scoring-runs.js';
import { invokeLocally } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';
import { writeIngestRegressionFiles } from '../support/ingest-regression-files.js';

const { dir, files } = writeIngestRegressionFiles();
let pipeline: EmbeddedPipeline;
const runs: ScoringRuns = { request: async () => ({ started: false, reason: 'scoring is not under test here' }) };

beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Expected = { accepted: number; quarantined: number; reason?: RegExp } | { rejected: string };

/** Through the ingest handler, one case of the list per file. */
const CASES: [keyof typeof files, Expected][] = [
  ['huge', { accepted: 2, quarantined: 1, reason: /implausible amount ""1e308""/ }],
  ['lineItems', { accepted: 1, quarantined: 1, reason: /implausible quantity ""1e200""/ }],
  ['longId', { accepted: 1, quarantined: 1, reason: /customer_id longer than 256 characters \(2100\)/ }],
  ['truncated', { rejected: 'corrupt-file' }],
  ['exportCsv', { accepted: 20, quarantined: 0 }],
  ['exportTxt', { accepted: 15, quarantined: 0 }],
  ['latin1', { accepted: 10, quarantined: 0 }],
  ['utf16', { accepted: 10, quarantined: 0 }],
  ['excel', { accepted: 2, quarantined: 0 }],
  ['nul', { accepted: 6, quarantined: 0 }],
  ['hugeField', { accepted: 2, quarantined: 1, reason: /record longer than/ }],
  ['returns', { accepted: 3, quarantined: 0 }],
  ['free', { accepted: 2, quarantined: 0 }],
  ['formula', { accepted: 1, quarantined: 1, reason: /unparseable amount/ }],
];

describe('ingest handler on each hostile upload of the issue', () => {
  it.each(CASES)('%s', async (name, expected) => {
    const handler = createIngestHandler(() => ({ ...pipeline.dependencies, runs }));
    const event = await pipeline.upload(`incoming/orders/${basename(files[name])}`, readFileSync(files[name]));

    const result: IngestResult = await invokeLocally(handler, event as Parameters<typeof handler>[0], { functionName: 'ingest-upload' });

    const outcome = result.outcomes[0]!;
    if ('rejected' in expected) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: expected.rejected });
      return;
    }
    expect(outcome).toMatchObject({ status: 'accepted', report: { rowsAccepted: expected.accepted, rowsQuarantined: expected.quarantined } });
    if (outcome.status !== 'accepted' || !expected.reason) return;
    const quarantine = new TextDecoder().decode((await pipeline.dependencies.store.get(outcome.quarantineKey ?? '')) ?? new Uint8Array());
    expect(quarantine).toMatch(expected.reason);
  });
});
