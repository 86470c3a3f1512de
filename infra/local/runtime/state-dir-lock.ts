import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class StateDirInUseError extends Error {
  override name = 'StateDirInUseError';
}

export interface StateDirLock {
  release(): Promise<void>;
}

export const LOCK_FILE = 'runtime.lock';

/**
 * Claims the state directory for this process. Two runtimes over one directory would corrupt s3rver's
 * files, and dynalite reacts to a LevelDB lock held elsewhere with uncatchable errors and hung requests.
 * A lock left by a process that no longer runs is taken over.
 */
export function lockStateDir(stateDir: string): StateDirLock {
  mkdirSync(stateDir, { recursive: true });
  const lockPath = join(stateDir, LOCK_FILE);
  if (!tryCreate(lockPath)) {
    const holder = readHolderPid(lockPath);
    if (holder !== undefined && isRunning(holder)) {
      throw new StateDirInUseError(`${stateDir} is in use by process ${holder} (lock file ${lockPath})`);
    }
    rmSync(lockPath, { force: true });
    if (!tryCreate(lockPath)) throw new StateDirInUseError(`${stateDir} was claimed concurrently (${lockPath})`);
  }
  return { release: async () => rmSync(lockPath, { force: true }) };
}

function tryCreate(lockPath: string): boolean {
  try {
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const { pid } = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
