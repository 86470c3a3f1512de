import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOPBACK_HOST } from './local-aws-settings.js';
import { vmHwmBytes } from './process-memory.js';
import { endpointOf, type RunningServer } from './running-server.js';

/** Beside this module, so it resolves from the source tree wherever the CLI is started from. */
const PROCESS_ENTRY = fileURLToPath(new URL('./dynamo-server-process.mjs', import.meta.url));
/** Past dynalite's own 30 s wait for pending operations when it closes. */
const STOP_TIMEOUT_MS = 40_000;
const FAILED_START_EXIT_MS = 5_000;

export class DynamoServerError extends Error {
  override name = 'DynamoServerError';
}

export class DynamoServerStartError extends DynamoServerError {
  override name = 'DynamoServerStartError';
}

/** The dynalite process ended without being asked to, or did not end cleanly when asked. */
export class DynamoServerExitError extends DynamoServerError {
  override name = 'DynamoServerExitError';
}

export interface RunningDynamoServer extends RunningServer {
  /** The dynalite process. */
  pid: number;
  /**
   * The dynalite process's peak resident memory: VmHWM while it runs (undefined where /proc does not
   * exist), after stop() the peak it reported on its way out.
   */
  peakRssBytes(): Promise<number | undefined>;
}

type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'stopped'; maxRssBytes: number };

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const started: RunningDynamoServer[] = [];

/** Every dynalite process this process started, oldest first (the bench reports their memory per phase). */
export function startedDynamoServers(): readonly RunningDynamoServer[] {
  return started;
}

/**
 * Starts dynalite backed by LevelDB under `directory`, so tables and items survive a restart. It runs in
 * a child process, as DynamoDB is outside the Lambda's: the handlers' writes and dynalite's parsing and
 * storing use a core each, and the table's memory is not the pipeline's. The child exits when this
 * process does.
 */
export async function startDynamoServer({
  directory,
  port,
}: {
  directory: string;
  port: number;
}): Promise<RunningDynamoServer> {
  const dataDir = resolve(directory);
  const child = fork(PROCESS_ENTRY, [dataDir, LOOPBACK_HOST, String(port)], {
    // The parent's flags (a TypeScript loader, an inspector port) are not the child's business.
    execArgv: [],
    // Nothing on stdout, which may carry the CLI's JSON; dynalite's failures go to stderr.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const closed = new Promise<Exit>((done) => child.once('close', (code, signal) => done({ code, signal })));
  let boundPort: number;
  try {
    boundPort = await listeningPort(child, closed);
  } catch (error) {
    // The child exits by itself once it has reported its failure; only one that hangs is killed.
    if (child.pid !== undefined && !(await exitsWithin(closed, FAILED_START_EXIT_MS))) {
      child.kill('SIGKILL');
      await closed;
    }
    throw new DynamoServerStartError(`Could not start dynalite on ${LOOPBACK_HOST}:${port} (data in ${dataDir})`, {
      cause: error,
    });
  }
  const pid = child.pid!;
  const endpoint = endpointOf(LOOPBACK_HOST, boundPort);
  // A server nobody stopped must not keep this process alive; stop() holds it until the child is gone.
  child.unref();
  child.channel?.unref();

  let stopRequested = false;
  let exit: Exit | undefined;
  let reportedPeak: number | undefined;
  let livePeak: number | undefined;
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'stopped') reportedPeak = message.maxRssBytes;
  });
  void closed.then((outcome) => {
    exit = outcome;
    if (!stopRequested) {
      process.emitWarning(`${describeProcess(pid, dataDir)} ${describeExit(outcome)}; requests to ${endpoint} fail`, {
        type: 'DynamoServerExitWarning',
      });
    }
  });

  const stopChild = async (): Promise<void> => {
    if (exit) throw new DynamoServerExitError(`${describeProcess(pid, dataDir)} ${describeExit(exit)} before it was stopped`);
    stopRequested = true;
    child.ref();
    child.channel?.ref();
    // A child that died meanwhile is reported by its exit below; the callback keeps send from throwing.
    child.send({ type: 'stop' }, () => undefined);
    const outcome = await exitsWithin(closed, STOP_TIMEOUT_MS);
    if (!outcome) {
      child.kill('SIGKILL');
      await closed;
      throw new DynamoServerExitError(`${describeProcess(pid, dataDir)} did not stop within ${STOP_TIMEOUT_MS / 1000} s and was killed`);
    }
    if (outcome.code !== 0) throw new DynamoServerExitError(`${describeProcess(pid, dataDir)} ${describeExit(outcome)} while stopping`);
  };

  let stopping: Promise<void> | undefined;
  const server: RunningDynamoServer = {
    endpoint,
    pid,
    stop: () => (stopping ??= stopChild()),
    peakRssBytes: async () => {
      if (!exit) {
        const now = await vmHwmBytes(pid);
        if (now !== undefined) livePeak = Math.max(livePeak ?? 0, now);
      }
      const known = [livePeak, reportedPeak].filter((bytes): bytes is number => bytes !== undefined);
      return known.length > 0 ? Math.max(...known) : undefined;
    },
  };
  started.push(server);
  return server;
}

/** Resolves with the port the child reports; rejects with its failure, or when it ends first. */
function listeningPort(child: ChildProcess, closed: Promise<Exit>): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let settled = false;
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'listening') settle(() => resolvePort(message.port));
      if (message.type === 'failed') settle(() => reject(Object.assign(new Error(message.message), { code: message.code })));
    };
    const onError = (error: Error) => settle(() => reject(error));
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      child.off('message', onMessage);
      child.off('error', onError);
      // From here on, a failing send or kill is reported through the child's exit.
      child.on('error', () => undefined);
      then();
    };
    child.on('message', onMessage);
    child.on('error', onError);
    void closed.then((outcome) => settle(() => reject(new Error(`the dynalite process ${describeExit(outcome)} before listening`))));
  });
}

/** The child's exit, or undefined when it has not exited within `ms`. */
async function exitsWithin(closed: Promise<Exit>, ms: number): Promise<Exit | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), ms)));
  try {
    return await Promise.race([closed, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function describeProcess(pid: number, dataDir: string): string {
  return `The local DynamoDB process (dynalite, pid ${pid}, data in ${dataDir})`;
}

function describeExit({ code, signal }: Exit): string {
  return signal ? `was ended by ${signal}` : `exited with code ${code}`;
}
