import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/**
 * The CLI's conventions, on real processes: data on stdout (one JSON document with --json),
 * progress and hints on stderr, the documented exit codes, and a quiet end on a closed pipe.
 * Spawning is slow, so one run builds the state every later command reads.
 */
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'segments-conventions-'));
const stateDir = join(dir, 'state');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `segments`; with `closeStdoutAfterFirstChunk` its stdout is destroyed once data arrives (`| head -1`). */
function segments(args: string[], options: { closeStdoutAfterFirstChunk?: boolean } = {}): Promise<Ended> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'infra/local/bin/segments.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, SEGMENTS_SHARD_CUSTOMERS: '100' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.closeStdoutAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let firstRun: Ended;
beforeAll(async () => {
  const data = syntheticExtracts(300, 5);
  writeFileSync(join(dir, 'orders.csv'), data.ordersCsv);
  writeFileSync(join(dir, 'customers.csv'), '');
  firstRun = await segments(['--state-dir', stateDir, 'run', '--orders', join(dir, 'orders.csv'), '--customers', join(dir, 'customers.csv'), '--json']);
}, 300_000);

describe('segments run --json with one rejected upload', () => {
  it('exits 2, and stdout is one JSON document with the uploads and the run report', () => {
    const result = JSON.parse(firstRun.stdout) as { uploads: { key: string; status: string }[]; outcome: { started: boolean; reports: { customers: number; shards: number }[] } };

    expect(firstRun.code).toBe(2);
    expect(result.uploads.map((upload) => [upload.key, upload.status])).toEqual([
      ['incoming/customers/customers.csv', 'rejected'],
      ['incoming/orders/orders.csv', 'accepted'],
    ]);
    expect(result.outcome.started).toBe(true);
    expect(result.outcome.reports[0]!.shards).toBeGreaterThan(1);
    expect(firstRun.stderr).toMatch(/^error: 1 of 2 uploads rejected: incoming\/customers\/customers\.csv \(empty-file\)$/m);
  });

  it('writes progress to stderr: each stage, and the shards of the Score and Write maps', () => {
    expect(firstRun.stderr).toContain(`Uploading ${join(dir, 'orders.csv')} -> s3://`);
    expect(firstRun.stderr).toMatch(/^ {2}… train…$/m);
    expect(firstRun.stderr).toMatch(/^ {2}… score done in [\d.]+ s$/m);
    expect(firstRun.stderr).toMatch(/^ {2}… write \(delta writes per shard\) done in [\d.]+ s$/m);
    expect(firstRun.stdout).not.toContain('…');
  });
});

describe('exit codes and --json of the commands that read the state', () => {
  it('--version prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

    const ended = await segments(['--version']);

    expect(ended).toMatchObject({ code: 0, stdout: `${version}\n` });
  }, 60_000);

  it('a usage error exits 1 with the message on stderr and nothing on stdout', async () => {
    const ended = await segments(['--state-dir', stateDir, 'query', '--limit', 'none']);

    expect(ended.code).toBe(1);
    expect(ended.stdout).toBe('');
    expect(ended.stderr).toMatch(/--limit.*expected a positive whole number/);
  }, 60_000);

  it('query --json prints the catalogue, and nothing else, on stdout', async () => {
    const ended = await segments(['--state-dir', stateDir, 'query', '--json']);
    const catalogue = JSON.parse(ended.stdout) as { segments: { id: string; size: number }[] };

    expect(ended.code).toBe(0);
    expect(catalogue.segments.find((segment) => segment.id === 'clv:bottom-50')?.size).toBe(150);
  }, 60_000);

  it('an unknown segment and an unknown customer exit 3, with stdout empty even with --json', async () => {
    const segment = await segments(['--state-dir', stateDir, 'query', '--segment', 'rfm:nobody']);
    const customer = await segments(['--state-dir', stateDir, '--json', 'customer', 'no-such-customer']);

    expect(segment).toMatchObject({ code: 3, stdout: '' });
    expect(segment.stderr).toMatch(/^error: No segment rfm:nobody in the current run/m);
    expect(customer).toMatchObject({ code: 3, stdout: '' });
    expect(customer.stderr).toMatch(/^error: No scored customer with id no-such-customer\.$/m);
  }, 120_000);

  it('--quiet leaves nothing on stderr but the error', async () => {
    writeFileSync(join(dir, 'leads.csv'), '');

    const ended = await segments(['--state-dir', stateDir, 'run', '--prospects', join(dir, 'leads.csv'), '--quiet']);

    expect(ended.code).toBe(2);
    expect(ended.stdout).toMatch(/^ {2}incoming\/prospects\/leads\.csv +REJECTED \(empty-file\)/m);
    expect(ended.stderr).toBe('error: 1 of 1 uploads rejected: incoming/prospects/leads.csv (empty-file)\n');
  }, 60_000);

  it('a reader that closes the pipe early (| head -1) ends the command quietly, exit 0', async () => {
    const ended = await segments(['--state-dir', stateDir, 'query', '--segment', 'clv:bottom-50', '--all'], { closeStdoutAfterFirstChunk: true });

    expect(ended.code).toBe(0);
    expect(ended.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 60_000);
});
