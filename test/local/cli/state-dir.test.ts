import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { queryCommand } from '../../../infra/local/cli/commands/query-commands.js';
import { runCommand } from '../../../infra/local/cli/commands/run-command.js';
import { NoRunYetError } from '../../../infra/local/cli/output/cli-errors.js';
import { segmentsCommand } from '../../../infra/local/cli/segments-command.js';
import { STATE_DIR_MARKER, StateDirNotOursError } from '../../../infra/local/runtime/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segments-state-'));
  dirs.push(dir);
  return dir;
}

function foreignFolder(): string {
  const dir = newDir();
  writeFileSync(join(dir, 'thesis.md'), 'my only copy');
  return dir;
}

const capture = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
};
const demo = (stateDir: string, log: (line: string) => void) => runCommand({ stateDir, demo: true, demoCustomers: '200' }, log);

describe('a --state-dir the tool did not create', () => {
  it('run --demo refuses to clear it, naming the folder, and the file in it survives', async () => {
    const dir = foreignFolder();

    const attempt = demo(dir, () => undefined);

    await expect(attempt).rejects.toBeInstanceOf(StateDirNotOursError);
    await expect(attempt).rejects.toThrow(`Refusing to clear ${dir}: it holds files predictive-segments did not create (thesis.md)`);
    expect(readdirSync(dir)).toEqual(['thesis.md']);
    expect(readFileSync(join(dir, 'thesis.md'), 'utf8')).toBe('my only copy');
  });

  it('query refuses to use it and writes nothing into it', async () => {
    const dir = foreignFolder();

    await expect(queryCommand({ stateDir: dir, limit: 20 }, () => undefined)).rejects.toBeInstanceOf(StateDirNotOursError);

    expect(readdirSync(dir)).toEqual(['thesis.md']);
  });

  it('the CLI exits with the refusal and deletes nothing', async () => {
    const dir = foreignFolder();

    const attempt = promisify(execFile)(process.execPath, ['infra/local/bin/segments.mjs', '--state-dir', dir, 'run', '--demo', '--demo-customers', '200']);

    await expect(attempt).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`error: Refusing to clear ${dir}`) });
    expect(readdirSync(dir)).toEqual(['thesis.md']);
  });
});

describe('a state folder the tool created', () => {
  it("a second run --demo deletes only the tool's entries, says which, and hints repeat the --state-dir", async () => {
    const dir = newDir();
    await demo(dir, () => undefined);
    writeFileSync(join(dir, 'thesis.md'), 'my only copy');
    writeFileSync(join(dir, 'demo-data', 'stale.csv'), 'from the first run');
    const { lines, log } = capture();

    await demo(dir, log);

    expect(lines[0]).toBe(`Starting from a clean state: deleted s3/, dynamodb/, demo-data/, events/ in ${dir} (nothing else in it is touched)`);
    expect(readFileSync(join(dir, 'thesis.md'), 'utf8')).toBe('my only copy');
    expect(existsSync(join(dir, STATE_DIR_MARKER))).toBe(true);
    expect(existsSync(join(dir, 'demo-data', 'stale.csv'))).toBe(false);
    expect(lines.at(-1)).toBe(
      `Local state: ${dir} (try: npx segments --state-dir ${dir} query, npx segments --state-dir ${dir} customer <id>, ` +
        `npx segments --state-dir ${dir} export scores --format csv --out scores.csv, npx segments --state-dir ${dir} rescore --as-of YYYY-MM-DD)`,
    );

    const page = capture();
    await queryCommand({ stateDir: dir, segment: 'clv:bottom-50', limit: 1 }, page.log);
    expect(page.lines.at(-1)).toMatch(new RegExp(`^# next page: npx segments --state-dir ${dir} query --segment clv:bottom-50 --limit 1 --cursor \\S+$`));
  }, 120_000);

  it('the first-run hint of an empty folder names it', async () => {
    const dir = join(newDir(), 'new');

    const attempt = queryCommand({ stateDir: dir, limit: 20 }, () => undefined);

    await expect(attempt).rejects.toBeInstanceOf(NoRunYetError);
    await expect(attempt).rejects.toThrow(`No segments yet: run \`npx segments --state-dir ${dir} run --demo\` first.`);
  });
});

describe('segmentsCommand', () => {
  it('leaves out the default state folder and quotes one that needs it', () => {
    expect(segmentsCommand('.segments', 'query')).toBe('npx segments query');
    expect(segmentsCommand('./.segments', 'query')).toBe('npx segments query');
    expect(segmentsCommand('/tmp/my state', 'query')).toBe("npx segments --state-dir '/tmp/my state' query");
    expect(segmentsCommand("it's", 'query')).toBe(`npx segments --state-dir 'it'\\''s' query`);
  });
});
