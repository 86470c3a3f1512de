import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfiguration } from '../../../functions/adapters/configuration-store.js';
import { configPushCommand, configShowCommand, configValidateCommand, storeDemoConfiguration } from '../../../infra/local/cli/commands/config-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { DEMO_CONFIG_FILE } from '../../../infra/local/demo/index.js';
import { ConfigurationError } from '../../../models/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'segments-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const segments = (...args: string[]) => promisify(execFile)(process.execPath, ['infra/local/bin/segments.mjs', ...args]);

describe('segments config', () => {
  it('validates the demo file and lists its user-defined segments and exclusive group', async () => {
    const lines: string[] = [];

    const config = await configValidateCommand(DEMO_CONFIG_FILE, (line) => lines.push(line));

    expect(config.segments.custom.length).toBeGreaterThanOrEqual(3);
    expect(lines[1]).toMatch(/^Segments: \d+ \(rfm 11, clv-tier 6, churn-risk 4, lifecycle 7, predictive-grid 9, predictive 1, custom \d+\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/custom:win-back +Win-back: /));
    expect(lines).toContainEqual('  exclusive group campaign: vip > win-back > new-high-potential');
  });

  it('refuses a bad file with the path of the entry, exits 2 (input rejected), and push stores nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'segments:\n  custom:\n    - id: lapsed\n      rule: { lastOrderDate: { gt: 60 } }\n');
    const stateDir = join(dir, 'state');

    await expect(configValidateCommand(bad, () => {})).rejects.toThrow(ConfigurationError);
    await expect(configPushCommand({ stateDir, file: bad }, () => {})).rejects.toThrow(/segments\.custom\.0\.rule\.lastOrderDate\.gt: segment custom:lapsed: type mismatch/);
    const cli = segments('config', 'validate', bad);
    await expect(cli).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/lastOrderDate is a date and 60 is a number/) });
    const shown: string[] = [];
    await configShowCommand({ stateDir }, (line) => shown.push(line));
    expect(shown[0]).toMatch(/No configuration stored .*the defaults are in force/);
  }, 60_000);

  it('push stores the file every run reads, show prints it, and the demo file is stored only where none is', async () => {
    const stateDir = join(dir, 'pushed');
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, '# mine\nsegments:\n  custom:\n    - id: big\n      rule: { predictedClv: { gte: p90 } }\n');

    await configPushCommand({ stateDir, file }, () => {});
    const shown: string[] = [];
    await configShowCommand({ stateDir }, (line) => shown.push(line));
    const session = await openLocalSession({ stateDir });
    try {
      await storeDemoConfiguration(session.aws, () => {});
      expect((await readConfiguration(session.dependencies.store)).segments.custom.map((s) => s.id)).toEqual(['big']);
    } finally {
      await session.close();
    }

    expect(shown).toContain('# mine');
    expect(shown).toContainEqual(expect.stringMatching(/^  custom:big +Big: /));
  }, 60_000);
});
