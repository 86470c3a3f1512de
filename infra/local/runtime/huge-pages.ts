import { spawn } from 'node:child_process';

/**
 * Transparent huge pages for the local processes' large arrays. On this project's machines
 * (Firecracker microVMs, as Lambda's are) the first write to each fresh 4 KB page costs about
 * 20 µs, so a new 256 MB array cost 1.4 s before anything was computed; with glibc's
 * `glibc.malloc.hugetlb=1` tunable, malloc asks for transparent huge pages (madvise) for the
 * mappings behind Node's ArrayBuffers, one fault per 2 MB: the same array took 30 to 500 ms (the
 * most when the kernel first has to compact memory for them).
 *
 * glibc reads tunables when a process starts, so they are set for the processes this one starts
 * (the stages' workers); `segments backtest` and its bench start themselves again with them
 * (ensureHugePages). Not everywhere: with many small allocations across threads, a huge page
 * stays resident for a few live bytes. At 0a94ef4 the DynamoDB server (LevelDB) and the 1M
 * bench's own process ran with them and peaked at 1,252 MB (820 MB before) and 1,508 MB (354).
 * Only glibc 2.35 and later know the tunable (others ignore it; Lambda's Amazon Linux 2023 has
 * 2.34), and only Linux with transparent huge pages in `madvise` or `always` mode uses it.
 * DuckDB's own allocator (a bundled jemalloc) is not reached.
 */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether an environment sets glibc's hugetlb mode (ours, or one someone chose). */
const setsHugetlb = (env: NodeJS.ProcessEnv): boolean => env.GLIBC_TUNABLES?.includes('glibc.malloc.hugetlb=') ?? false;

/** `env` with the huge-pages tunable added to any GLIBC_TUNABLES it has (unless it sets hugetlb itself). */
export function withHugePages(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (setsHugetlb(env)) return env;
  const tunables = env.GLIBC_TUNABLES;
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE };
}

/** Set in a process relaunchWithHugePages started: it follows its parent (followParent). */
const RELAUNCHED = 'SEGMENTS_RELAUNCHED_WITH_HUGE_PAGES';

/**
 * Starts this process's command again with the tunable when this one started without it (on
 * Linux) and resolves with how that one ended; null when nothing was started (run here). The
 * child shares the terminal: a Ctrl-C reaches it directly (this process only waits), SIGTERM and
 * SIGHUP sent to this one are passed on.
 */
function relaunchWithHugePages(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null {
  if (process.platform !== 'linux' || setsHugetlb(process.env)) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...launchArgv()], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...withHugePages(process.env), [RELAUNCHED]: '1' },
  });
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done({ code, signal }));
  });
}

/**
 * The script and arguments this process was started with: as run-ts.mjs recorded them before it
 * took itself out of process.argv (so that the script reads its own arguments from argv[2]).
 */
const LAUNCH_ARGV = Symbol.for('segments.launchArgv');
const launchArgv = (): string[] => ((globalThis as Record<symbol, unknown>)[LAUNCH_ARGV] as string[] | undefined) ?? process.argv.slice(1);

/** Ends this process as its parent ended (its exit code, or the signal that stopped it). */
function endAs(ended: { code: number | null; signal: NodeJS.Signals | null }): never {
  if (ended.signal) {
    process.removeAllListeners(ended.signal);
    process.kill(process.pid, ended.signal);
  }
  process.exit(ended.code ?? 1);
}

/**
 * Runs the rest of this process's command with huge pages: this process already has them, or it
 * starts itself again with them and ends as that one ends (so nothing after this runs here).
 */
export async function ensureHugePages(): Promise<void> {
  const relaunched = relaunchWithHugePages();
  if (relaunched) endAs(await relaunched);
  followParent();
}

/**
 * In a process relaunchWithHugePages started: when the parent goes away (kill -9 included), end
 * at once as a killed process would, rather than run on unseen.
 */
function followParent(): void {
  const relaunched = process.env[RELAUNCHED];
  // Not passed on: a process this one starts was not relaunched by it.
  delete process.env[RELAUNCHED];
  if (!relaunched || !process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
