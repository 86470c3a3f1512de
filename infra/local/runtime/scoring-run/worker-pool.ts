import { Worker } from 'node:worker_threads';

/** A handler module to run in worker threads: its export (default `handler`) is what Lambda would call. */
export interface StageWorkerModule {
  /** Absolute path of the handler file, e.g. functions/run-score-shard.ts. */
  module: string;
  exportName?: string;
  /** Extra environment of the stage's threads (on top of the process's), as its function's configuration gives it. */
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
export type StageWorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string; stack: string } };

const WORKER_ENTRY = new URL('./stage-worker.mjs', import.meta.url);

interface Slot {
  worker: Worker;
  busy: boolean;
  /** The one invocation the worker is running. */
  running?: { resolve: (value: unknown) => void; reject: (error: Error) => void };
}

/**
 * Up to `size` worker threads that each load one handler module once and run one invocation at
 * a time, so map items use as many cores as the map runs at once. Workers start on first use and
 * get a copy of the environment as it is then (the local AWS endpoints included).
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
        slot.worker.postMessage({ id: this.nextId++, event } satisfies StageWorkerRequest);
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
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
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
    const workerData: StageWorkerData = {
      modulePath: this.stage.module,
      exportName: this.stage.exportName ?? 'handler',
      functionName: this.functionName,
    };
    const env = this.stage.environment ? { ...process.env, ...this.stage.environment } : process.env;
    const slot: Slot = { worker: new Worker(WORKER_ENTRY, { workerData, env }), busy: true };
    slot.worker.on('message', (reply: StageWorkerReply) => {
      if ('error' in reply) slot.running?.reject(Object.assign(new Error(reply.error.message), reply.error));
      else slot.running?.resolve(reply.result);
    });
    // A worker that dies (its module failed to load, or it crashed) fails its invocation and is replaced.
    slot.worker.on('error', (error) => {
      this.slots = this.slots.filter((other) => other !== slot);
      slot.running?.reject(error);
    });
    return slot;
  }
}
