import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

/**
 * The kill -9: a real `segments` process killed while its run writes the table, then the
 * next day's rescore. Nothing the killed run left may survive: `segments check` must pass.
 */
const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'segments-killed-'));
const stateDir = join(dir, 'state');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function segments(args: string[], options: { killWhen?: RegExp } = {}): Promise<{ code: number | null; signal: string | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'infra/local/bin/segments.mjs'), '--state-dir', stateDir, ...args], {
      cwd: root,
      env: { ...process.env, SEGMENTS_SHARD_CUSTOMERS: '100', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.killWhen?.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code, signal) => done({ code, signal, output }));
  });
}

describe('a segments process killed during its table writes', () => {
  it('leaves nothing behind once the next run has finished', async () => {
    const data = syntheticExtracts(400, 31);
    const orders = join(dir, 'orders.csv');
    writeFileSync(orders, data.ordersCsv);
    const first = await segments(['run', '--orders', orders]);
    expect(first.code).toBe(0);

    const killed = await segments(['rescore', '--as-of', '2025-02-01'], { killWhen: /write \(delta writes per shard\)…/ });
    expect(killed.signal).toBe('SIGKILL');

    const next = await segments(['rescore', '--as-of', '2025-02-02']);
    expect(next.code).toBe(0);
    const check = await segments(['check']);
    expect(check.output).toContain('No problems found.');
    expect(check.code).toBe(0);
  }, 300_000);
});
