import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gradientBoostingBaseline, type BaselineEvaluationRows, type BaselinePredictions, type BaselineTrainingRows } from './gradient-boosting-baseline.js';
import { GradientBoostingInputError } from './gradient-boosting-input-error.js';

/** What the thread is given: copies of the rows (structured clone), unless the caller moves them (transfer). */
export interface BaselineThreadInput {
  training: BaselineTrainingRows;
  evaluation: BaselineEvaluationRows;
  seed: number;
}

export type BaselineThreadReply = { predictions: BaselinePredictions } | { error: { name: string; message: string } };

/**
 * The thread's entry beside this file: in the source tree a loader that registers tsx, in a Lambda
 * bundle the worker bundled next to the handler (see infra/aws/pipeline-function.ts).
 */
const THREAD_ENTRY = new URL('./baseline-thread.mjs', import.meta.url);

/** A baseline thread, while it has work: the calls given to it queue, one fit at a time. */
interface BaselineThread {
  worker: Worker;
  queue: Promise<unknown>;
  waiting: number;
  /** Why the thread died, if it did: the fits queued behind fail with it rather than wait for ever. */
  failure?: Error;
}
const threads: BaselineThread[] = [];

/**
 * Threads at most. A backtest asks for two baselines (the validation window's and the as-of one),
 * the second while the first still fits; queued on one thread, the second kept the main thread
 * waiting at the end (4 s of a 1M-customer backtest on 2 cores); on two, the run took 33.9 s
 * instead of 35.2 s for 27 MB more at its peak. Training asks for one.
 */
const MAX_THREADS = 2;

/**
 * gradientBoostingBaseline on another core: the baseline only feeds the model card and the
 * backtest's comparison, so it should cost no wall time while the networks train. A call starts
 * a thread while fewer than MAX_THREADS exist, else queues on the least busy one (calls on one
 * thread run in the order they were made); a thread stops when none is waiting on it. Runs
 * inline (still asynchronously) on one core, or where the thread's entry was not shipped. The
 * result is the same bit for bit either way.
 */
export function gradientBoostingBaselineBeside(input: BaselineThreadInput, options: { transfer?: boolean } = {}): Promise<BaselinePredictions> {
  if (availableParallelism() < 2 || !existsSync(fileURLToPath(THREAD_ENTRY))) {
    return new Promise((resolve) => setImmediate(resolve)).then(() => gradientBoostingBaseline(input.training, input.evaluation, input.seed));
  }
  const current = threads.length < MAX_THREADS ? startThread() : threads.reduce((least, next) => (next.waiting < least.waiting ? next : least));
  current.waiting += 1;
  // Moved rows leave the caller's arrays empty at once, whatever the thread's queue holds.
  const message = options.transfer ? structuredClone(input, { transfer: buffersOf(input) }) : input;
  const result = current.queue.then(() => fitOn(current, message, options.transfer ?? false));
  current.queue = result.catch(() => undefined);
  return result.finally(async () => {
    current.waiting -= 1;
    if (current.waiting === 0) {
      const at = threads.indexOf(current);
      if (at >= 0) threads.splice(at, 1);
      await current.worker.terminate();
    }
  });
}

function startThread(): BaselineThread {
  const started: BaselineThread = { worker: new Worker(THREAD_ENTRY), queue: Promise.resolve(), waiting: 0 };
  threads.push(started);
  return started;
}

async function fitOn(current: BaselineThread, input: BaselineThreadInput, transfer: boolean): Promise<BaselinePredictions> {
  if (current.failure) throw current.failure;
  const { worker } = current;
  const reply = await new Promise<BaselineThreadReply>((resolve, reject) => {
    const onMessage = (message: BaselineThreadReply) => settle(() => resolve(message));
    const onError = (error: Error) => settle(() => reject((current.failure = error)));
    const onExit = (code: number) => settle(() => reject((current.failure = new Error(`The gradient-boosting baseline's thread stopped (exit code ${code}) before it answered.`))));
    const settle = (done: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      done();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(input, transfer ? buffersOf(input) : []);
  });
  if ('error' in reply) {
    throw reply.error.name === 'GradientBoostingInputError' ? new GradientBoostingInputError(reply.error.message) : Object.assign(new Error(reply.error.message), { name: reply.error.name });
  }
  return reply.predictions;
}

function buffersOf(input: BaselineThreadInput): ArrayBuffer[] {
  const { spend } = input.training;
  return [input.training.values.buffer, input.evaluation.values.buffer, ...(ArrayBuffer.isView(spend) ? [spend.buffer] : [])] as ArrayBuffer[];
}
