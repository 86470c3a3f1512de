import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { createIngestHandler } from '../../../functions/ingest-upload.js';
import type { ScoringRuns } from '../../../functions/pipeline/scoring-runs.js';
import { htmlReportKey } from '../../../functions/run/run-html-report.js';
import { ReportCommandError, reportCommand } from '../../../infra/local/cli/commands/report-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { invokeLocally, objectCreatedEventFor } from '../../../infra/local/runtime/index.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const dir = mkdtempSync(join(tmpdir(), 'segments-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const segments = (...args: string[]) => promisify(execFile)(process.execPath, ['infra/local/bin/segments.mjs', ...args]);
const runs: ScoringRuns = { request: async () => ({ started: false, reason: 'the test runs the stages itself' }) };

/** One finished run of 200 synthetic customers in `stateDir`; its run id. */
async function scoredState(stateDir: string): Promise<string> {
  const session = await openLocalSession({ stateDir });
  try {
    const data = syntheticExtracts(200, 3);
    const ingest = createIngestHandler(() => ({ ...session.dependencies, runs }));
    for (const [key, body] of [['incoming/customers/c.csv', data.customersCsv], ['incoming/orders/o.csv', data.ordersCsv]] as const) {
      await session.aws.s3.send(new PutObjectCommand({ Bucket: session.aws.bucket, Key: key, Body: body }));
      const event = await objectCreatedEventFor(session.aws.s3, session.aws.bucket, key);
      await invokeLocally(ingest, event as Parameters<typeof ingest>[0], { functionName: 'ingest-upload' });
    }
    const run = await runStagesInOrder(session.runDependencies, { trigger: 'manual', requestedAt: new Date().toISOString() });
    return run.finished[0]!.runId;
  } finally {
    await session.close();
  }
}

describe('segments report', () => {
  it('says there is no report before any run, writes no file, and exits non-zero', async () => {
    const stateDir = join(dir, 'empty');
    const out = join(dir, 'none.html');

    await expect(reportCommand({ stateDir, out }, () => {})).rejects.toThrow(ReportCommandError);
    const cli = segments('--state-dir', stateDir, 'report', '--out', out);
    await expect(cli).rejects.toMatchObject({ code: 3, stderr: expect.stringMatching(/^error: No report yet: no scoring run has succeeded/) });
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("writes the current run's stored report to --out and prints its path; builds it again for a run that has none", async () => {
    const stateDir = join(dir, 'scored');
    const runId = await scoredState(stateDir);
    const out = join(dir, 'report.html');

    const cli = await segments('--state-dir', stateDir, 'report', '--out', out);
    const html = readFileSync(out, 'utf8');

    expect(cli.stdout.trim()).toBe(`Report of run ${runId}: ${out}`);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<code>${runId}</code>`);
    expect(html).toContain('data-chart="churn-calibration"');

    const session = await openLocalSession({ stateDir });
    await session.aws.s3.send(new DeleteObjectCommand({ Bucket: session.aws.bucket, Key: htmlReportKey(runId) })).finally(() => session.close());
    const lines: string[] = [];
    const rebuilt = await reportCommand({ stateDir, out: join(dir, 'rebuilt.html') }, (line) => lines.push(line));

    expect(rebuilt.runId).toBe(runId);
    expect(lines[0]).toMatch(/has no stored HTML report .*: building it from the run's JSON/);
    expect(readFileSync(rebuilt.file, 'utf8')).toContain('data-chart="predicted-value"');
  }, 240_000);
});
