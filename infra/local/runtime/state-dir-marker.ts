import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import { LOCK_FILE, lockStateDir } from './state-dir-lock.js';

/** Written into every state folder this tool creates or adopts; only a marked folder is ever cleared. */
export const STATE_DIR_MARKER = '.predictive-segments-state.json';

/** The folders the tool keeps in a state folder: s3rver's objects, dynalite's LevelDB, the demo extracts, the segment change events. */
export const STATE_DIR_LAYOUT = { s3: 's3', dynamodb: 'dynamodb', demoData: 'demo-data', events: 'events' } as const;

const LAYOUT_FOLDERS: readonly string[] = Object.values(STATE_DIR_LAYOUT);

/** What clearing removes: every entry the tool creates except the marker. */
const CLEARED_ENTRIES = [...LAYOUT_FOLDERS, LOCK_FILE];

export class StateDirNotOursError extends Error {
  override name = 'StateDirNotOursError';
}

export type StateDirClaim = 'created' | 'marked' | 'adopted';

const PICK_ANOTHER = 'Pick an empty or new folder with --state-dir.';

/**
 * Makes sure `dir` is this tool's state folder before anything is written into it. A missing or
 * empty folder is created and marked; a marked one is used as it is; an unmarked one that holds
 * nothing but what the tool creates (a state folder of a release before the marker) is marked
 * and adopted. Anything else raises StateDirNotOursError and is left untouched.
 */
export function claimStateDir(dir: string): StateDirClaim {
  const { status, foreign } = classify(dir);
  if (foreign.length > 0) throw new StateDirNotOursError(`Not using ${notOurs(dir, foreign)} Nothing in it was changed. ${PICK_ANOTHER}`);
  if (status !== 'marked') writeMarker(dir);
  return status;
}

/**
 * Deletes what the tool keeps in `dir` (s3/, dynamodb/, demo-data/, events/ and a stale lock), never other
 * files, and returns what it deleted. Deletes nothing in a folder claimStateDir refuses or a
 * running runtime holds.
 */
export async function clearStateDir(dir: string): Promise<string[]> {
  const present = CLEARED_ENTRIES.filter((name) => existsSync(join(dir, name)));
  const { foreign } = classify(dir);
  if (foreign.length > 0) {
    const clears = `Clearing deletes ${CLEARED_ENTRIES.map(label).join(', ')} in it (here: ${present.map(label).join(', ') || 'none of them'}).`;
    throw new StateDirNotOursError(`Refusing to clear ${notOurs(dir, foreign)} ${clears} Nothing was deleted. ${PICK_ANOTHER}`);
  }
  claimStateDir(dir);
  const lock = lockStateDir(dir);
  try {
    for (const name of present.filter((name) => name !== LOCK_FILE)) rmSync(join(dir, name), { recursive: true, force: true });
  } finally {
    await lock.release();
  }
  return present.map(label);
}

function classify(dir: string): { status: StateDirClaim; foreign: string[] } {
  const entries = readEntries(dir);
  if (entries.length === 0) return { status: 'created', foreign: [] };
  if (entries.some((entry) => entry.name === STATE_DIR_MARKER)) return { status: 'marked', foreign: [] };
  const foreign = entries.filter((entry) => !isToolEntry(entry)).map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
  return { status: 'adopted', foreign };
}

const isToolEntry = (entry: Dirent): boolean =>
  entry.name === LOCK_FILE ? entry.isFile() : LAYOUT_FOLDERS.includes(entry.name) && entry.isDirectory();

function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function writeMarker(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const marker = { tool: packageJson.name, version: packageJson.version, createdAt: new Date().toISOString() };
  writeFileSync(join(dir, STATE_DIR_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

const notOurs = (dir: string, foreign: string[]): string =>
  `${resolve(dir)}: it holds files predictive-segments did not create (${listed(foreign)}) and no ${STATE_DIR_MARKER} marking it as the tool's state folder.`;

const label = (name: string): string => (name === LOCK_FILE ? name : `${name}/`);

const listed = (names: string[], shown = 5): string =>
  names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
