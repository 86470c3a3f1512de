import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateDirInUseError } from '../../../infra/local/runtime/state-dir-lock.js';
import {
  STATE_DIR_MARKER,
  StateDirNotOursError,
  claimStateDir,
  clearStateDir,
} from '../../../infra/local/runtime/state-dir-marker.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(entries: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'state-dir-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(entries)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

const TOOL_ENTRIES = { 's3/bucket/key': 'object', 'dynamodb/CURRENT': 'MANIFEST-000001', 'demo-data/customers.csv': 'customer_id\n' };
const entriesOf = (dir: string) => readdirSync(dir).sort();

describe('claimStateDir', () => {
  it('creates a missing folder and marks it with the tool, version and creation time', () => {
    const dir = join(folder(), 'new', 'state');

    expect(claimStateDir(dir)).toBe('created');

    expect(JSON.parse(readFileSync(join(dir, STATE_DIR_MARKER), 'utf8'))).toMatchObject({
      tool: 'predictive-segments',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('adopts an unmarked folder holding only what an earlier release created', () => {
    const dir = folder({ ...TOOL_ENTRIES, 'runtime.lock': '{"pid":1}' });

    expect(claimStateDir(dir)).toBe('adopted');
    expect(existsSync(join(dir, STATE_DIR_MARKER))).toBe(true);
    expect(claimStateDir(dir)).toBe('marked');
  });

  it('refuses an unmarked folder with other files, naming the folder and them, and writes nothing', () => {
    const dir = folder({ 'notes.txt': 'mine', 'src/app.ts': '', ...TOOL_ENTRIES });

    expect(() => claimStateDir(dir)).toThrow(StateDirNotOursError);
    expect(() => claimStateDir(dir)).toThrow(`Not using ${dir}: it holds files predictive-segments did not create (notes.txt, src/)`);
    expect(entriesOf(dir)).toEqual(['demo-data', 'dynamodb', 'notes.txt', 's3', 'src']);
  });
});

describe('clearStateDir', () => {
  it("deletes only the tool's entries and a stale lock in a marked folder, and says which", async () => {
    const dir = folder({ ...TOOL_ENTRIES, 'runtime.lock': JSON.stringify({ pid: 2 ** 30 }) });
    claimStateDir(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    mkdirSync(join(dir, 'keep'));
    writeFileSync(join(dir, 'keep/data.csv'), 'x');

    const cleared = await clearStateDir(dir);

    expect(cleared).toEqual(['s3/', 'dynamodb/', 'demo-data/', 'runtime.lock']);
    expect(entriesOf(dir)).toEqual([STATE_DIR_MARKER, 'keep', 'notes.txt']);
    expect(readFileSync(join(dir, 'keep/data.csv'), 'utf8')).toBe('x');
  });

  it('refuses an unmarked folder with other files, saying what clearing would have deleted, and deletes nothing', async () => {
    const dir = folder({ 'notes.txt': 'mine', 's3/bucket/key': 'object' });

    const attempt = clearStateDir(dir);

    await expect(attempt).rejects.toBeInstanceOf(StateDirNotOursError);
    await expect(attempt).rejects.toThrow(
      `Refusing to clear ${dir}: it holds files predictive-segments did not create (notes.txt) and no ${STATE_DIR_MARKER} marking it as the tool's state folder. ` +
        'Clearing deletes s3/, dynamodb/, demo-data/, events/, runtime.lock in it (here: s3/). Nothing was deleted. Pick an empty or new folder with --state-dir.',
    );
    expect(entriesOf(dir)).toEqual(['notes.txt', 's3']);
    expect(readFileSync(join(dir, 's3/bucket/key'), 'utf8')).toBe('object');
  });

  it('creates and marks a missing folder, deleting nothing', async () => {
    const dir = join(folder(), 'fresh');

    expect(await clearStateDir(dir)).toEqual([]);
    expect(entriesOf(dir)).toEqual([STATE_DIR_MARKER]);
  });

  it('deletes nothing while a running process holds the folder', async () => {
    const dir = folder({ ...TOOL_ENTRIES, 'runtime.lock': JSON.stringify({ pid: process.pid }) });
    claimStateDir(dir);

    await expect(clearStateDir(dir)).rejects.toBeInstanceOf(StateDirInUseError);
    expect(entriesOf(dir)).toEqual([STATE_DIR_MARKER, 'demo-data', 'dynamodb', 'runtime.lock', 's3']);
  });
});
