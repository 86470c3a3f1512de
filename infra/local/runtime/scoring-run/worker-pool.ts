import { fork, type ChildProcess } from 'node:child_process';
import { withHugePages } from '../huge-pages.js';
import { fileURLToPath } from 'node:url';

/** A handler module to run in worker processes: its export (default `handler`) is what Lambda would call. */
export interface StageWorkerModule {
  /** Absolute path of the handler file, e.g. functions/run-score-shard.ts. */
  module: string;
  exportName?: string;
  /** Extra environment of the stage's processes (on top of this process's), as its function's configuration gives it. */
  environment?: Record<string, string>;
}

export interface StageWorkerData {
  modulePath: string;
  exportName: string;
  functionName: string;
}
export interface StageWorkerRequest {
  id: number;
  event: unknown;
}
/** A reply with the worker process's peak RSS so far (as Lambda's REPORT line gives "Max Memory Used"). */
export type StageWorkerReply = ({ id: number; result: unknown } | { id: number; error: { name: string; message: string; stack: string } }) & { maxRssBytes: number };

const WORKER_ENTRY = fileURLToPath(new URL('./stage-worker.mjs', import.meta.url));

let largestWorkerRss = 0;
/**
 * The largest peak RSS any worker process reported since the last reset, in bytes: the memory one
 * function used, where this process's own RSS is the CLI's (the bench reads it stage by stage).
 */
export const workerMemory = {
  maxRssBytes: (): number => largestWorkerRss,
  reset: (): void => {
    largestWorkerRss = 0;
  },
};

interface Slot {
  process: ChildProcess;
  busy: boolean;
  /** The one invocation the worker is running. */
  running?: { resolve: (value: unknown) => void; reject: (error: Error) => void };
  exited: Promise<void>;
}

/**
 * Up to `size` worker processes that each load one handler module once and run one invocation at
 * a time, as warm Lambda environments do: map items use as many cores as the map runs at once,
 * and each invocation has a process's memory to itself, so one process's peak is one function's.
 * Workers start on first use with a copy of the environment as it is then (the local AWS
 * endpoints included), and exit with this process (kill -9 included: they leave when their IPC
 * channel closes).
 */
export class StageWorkerPool {
  private slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private nextId = 0;

  constructor(
    private readonly stage: StageWorkerModule,
    private readonly functionName: string,
    private readonly size: number,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    const slot = await this.acquire();
    try {
      return await new Promise<unknown>((resolve, reject) => {
        slot.running = { resolve, reject };
        slot.process.send({ id: this.nextId++, event } satisfies StageWorkerRequest);
      });
    } finally {
      slot.running = undefined;
      this.release(slot);
    }
  }

  /** No invocation running and none waiting: closing the pool now stops nothing under way. */
  isIdle(): boolean {
    return this.slots.every((slot) => !slot.busy) && this.waiting.length === 0;
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) if (slot.process.connected) slot.process.disconnect();
    await Promise.all(slots.map((slot) => slot.exited));
  }

  private acquire(): Promise<Slot> {
    const idle = this.slots.find((slot) => !slot.busy);
    if (idle) {
      idle.busy = true;
      return Promise.resolve(idle);
    }
    if (this.slots.length < this.size) {
      const slot = this.start();
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    if (!this.slots.includes(slot)) {
      // The worker died: a waiting invocation gets a new one.
      const next = this.waiting.shift();
      if (next) void this.acquire().then(next);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private start(): Slot {
    const data: StageWorkerData = {
      modulePath: this.stage.module,
      exportName: this.stage.exportName ?? 'handler',
      functionName: this.functionName,
    };
    const env = withHugePages(this.stage.environment ? { ...process.env, ...this.stage.environment } : process.env);
    // No execArgv: a test runner's or debugger's flags are not the function's. The handlers' logs
    // go to stderr, stdout too (claimStdout's rule: stdout holds a command's data and nothing else).
    const child = fork(WORKER_ENTRY, [JSON.stringify(data)], { env, execArgv: [], serialization: 'advanced', stdio: ['ignore', 2, 2, 'ipc'] });
    const slot: Slot = { process: child, busy: true, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
    child.on('message', (reply: StageWorkerReply) => {
      largestWorkerRss = Math.max(largestWorkerRss, reply.maxRssBytes);
      if ('error' in reply) slot.running?.reject(Object.assign(new Error(reply.error.message), reply.error));
      else slot.running?.resolve(reply.result);
    });
    // A worker that dies (its module failed to load, it crashed, it ran out of memory) fails its invocation and is replaced.
    const died = (error: Error) => {
      this.slots = this.slots.filter((other) => other !== slot);
      slot.running?.reject(error);
    };
    child.on('error', died);
    child.on('exit', (code, signal) => died(new Error(`The ${this.functionName} worker process exited (${signal ?? `code ${code}`}) during an invocation`)));
    return slot;
  }
}
