import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppressionHash, type VerificationReport } from '../../../functions/forget/index.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/** `segments forget` on real processes: one run builds the state the deletions work on. */
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'segments-forget-'));
const stateDir = join(dir, 'state');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

function segments(...args: string[]): Promise<Ended> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'infra/local/bin/segments.mjs'), '--state-dir', stateDir, ...args], { cwd: root, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const data = syntheticExtracts(300, 9);
const customer = data.lapsed[5]!;
const prospect = 'P7';

beforeAll(async () => {
  for (const [name, body] of [['orders.csv', data.ordersCsv], ['customers.csv', data.customersCsv], ['prospects.csv', data.prospectsCsv]] as const) writeFileSync(join(dir, name), body);
  // An audience of prospects in both formats, so forgetting a prospect has audience rows to remove.
  writeFileSync(join(dir, 'segments.config.yaml'), [
    'profile: { consent: { default: granted } }',
    'audiences:',
    '  - id: forget-cli',
    '    seed: { segment: [clv:top-1, clv:top-5, clv:top-10, clv:top-25, clv:top-50] }',
    '    size: { count: 1000 }',
    '    destinations: [meta, google]',
    '',
  ].join('\n'));
  const pushed = await segments('config', 'push', join(dir, 'segments.config.yaml'), '--quiet');
  expect(pushed.code, pushed.stderr).toBe(0);
  const run = await segments('run', '--orders', join(dir, 'orders.csv'), '--customers', join(dir, 'customers.csv'), '--prospects', join(dir, 'prospects.csv'), '--quiet');
  expect(run.code, run.stderr).toBe(0);
}, 300_000);

describe('segments forget', () => {
  it('--json prints the verification report (hashes only), after which the customer is gone and check passes', async () => {
    const before = await segments('customer', customer);
    expect(before.code).toBe(0);

    const forgot = await segments('forget', customer, '--json');

    expect(forgot.code, forgot.stderr).toBe(0);
    const report = JSON.parse(forgot.stdout) as VerificationReport;
    expect(report.people).toEqual([{ hash: suppressionHash('customer', customer), kind: 'customer', found: true }]);
    expect(report.reportKey).toBe(`reports/deletions/${report.requestId}.json`);
    expect(report.places.find((p) => p.place === 'table')!.removed).toBeGreaterThan(1);
    expect(report.places.find((p) => p.place === 'clean-data')!.removed).toBeGreaterThan(1);
    expect(forgot.stdout).not.toContain(customer);
    expect(forgot.stderr).toContain('looking in every place');
    expect((await segments('customer', customer)).code).toBe(3);
    const check = await segments('check');
    expect(check.code, check.stdout).toBe(0);
  }, 120_000);

  it('forgets a prospect with --kind prospect, and prints what it checked in every place', async () => {
    const forgot = await segments('forget', '--kind', 'prospect', prospect);

    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toContain(`forgotten  prospect ${prospect} (${suppressionHash('prospect', prospect).slice(0, 12)}…)`);
    expect(forgot.stdout).toMatch(/^clean-data\s+\d+\s+1\s+1 /m);
    expect(forgot.stdout).toMatch(/^audiences\s+\d+\s+2\s+3 /m);
    expect(forgot.stdout).toContain('incoming/prospects/prospects.csv');
    expect(forgot.stdout).toMatch(/Verification report: reports\/deletions\/d\S+\.json/);
  }, 120_000);

  it('exits 3 for an id found nowhere, changing nothing; 1 for an empty id', async () => {
    const unknown = await segments('forget', 'NOBODY-42', '--json');

    expect(unknown.code).toBe(3);
    const report = JSON.parse(unknown.stdout) as VerificationReport;
    expect(report.people).toEqual([{ hash: suppressionHash('customer', 'NOBODY-42'), kind: 'customer', found: false }]);
    expect(report.reportKey).toBeNull();
    expect(unknown.stderr).toContain('error: 1 of 1 id(s) were found nowhere: NOBODY-42.');

    expect((await segments('forget', ' ')).code).toBe(1);
  }, 120_000);
});
