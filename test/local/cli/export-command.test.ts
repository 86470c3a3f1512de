import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfiguration } from '../../../functions/adapters/configuration-store.js';
import { ExportError, exportScoresCommand } from '../../../infra/local/cli/commands/export-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { storeColumnMapping, storeHorizonDays } from '../../../infra/local/cli/stored-configuration.js';

const dir = mkdtempSync(join(tmpdir(), 'segments-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const segments = (...args: string[]) => promisify(execFile)(process.execPath, ['infra/local/bin/segments.mjs', ...args]);

describe('segments export scores', () => {
  it('says there is nothing to export before any run, writes no file, and exits non-zero', async () => {
    const stateDir = join(dir, 'empty');
    const out = join(dir, 'scores.csv');

    await expect(exportScoresCommand({ stateDir, format: 'csv', out }, () => {})).rejects.toThrow(ExportError);
    await expect(exportScoresCommand({ stateDir, format: 'csv', out }, () => {})).rejects.toThrow(/no scoring run has succeeded/);
    const cli = segments('--state-dir', stateDir, 'export', 'scores', '--format', 'parquet', '--out', out);
    await expect(cli).rejects.toMatchObject({ code: 3, stderr: expect.stringMatching(/^error: No scores to export/) });
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('documents itself and refuses a format it does not write', async () => {
    const help = await segments('export', 'scores', '--help');
    const bad = segments('--state-dir', join(dir, 'empty'), 'export', 'scores', '--format', 'xlsx', '--out', join(dir, 'x'));

    expect(help.stdout).toMatch(/--format <format>.*\(choices: "csv", "parquet"\)/);
    expect(help.stdout).toMatch(/--out <file>/);
    await expect(bad).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/Allowed choices are csv, parquet/) });
  }, 60_000);
});

describe('--horizon-days', () => {
  it('is stored as scoring.horizonDays in the configuration file, beside what is there', async () => {
    const session = await openLocalSession({ stateDir: join(dir, 'config') });
    try {
      await storeColumnMapping(session.aws.s3, session.aws.bucket, { orders: { amount: 'Total' } });
      await storeHorizonDays(session.aws.s3, session.aws.bucket, 180);

      const config = await readConfiguration(session.dependencies.store);

      expect(config.scoring).toEqual({ horizonDays: 180, annualDiscountRate: 0 });
      expect(config.mapping.orders).toEqual({ amount: 'Total' });
    } finally {
      await session.close();
    }
  }, 60_000);

  it('is refused outside 1 to 730 days on run and rescore', async () => {
    for (const command of ['run', 'rescore']) {
      await expect(segments('--state-dir', join(dir, 'empty'), command, '--horizon-days', '900')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--horizon-days.*at most 730 days/) });
    }
  }, 60_000);
});
