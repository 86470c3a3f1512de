import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gradientBoostingBaseline, type BaselineEvaluationRows, type BaselinePredictions, type BaselineTrainingRows } from './gradient-boosting-baseline.js';
import { GradientBoostingInputError } from './gradient-boosting-input-error.js';

/** What the thread is given: copies of the rows (structured clone), so the caller keeps using its own. */
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

/**
 * gradientBoostingBaseline on another core: the baseline only feeds the model card and the
 * backtest's comparison, so it should cost no wall time while the networks train. Runs inline
 * (still asynchronously) on one core, or where the thread's entry was not shipped. The result is
 * the same bit for bit either way.
 */
export async function gradientBoostingBaselineBeside(input: BaselineThreadInput): Promise<BaselinePredictions> {
  if (availableParallelism() < 2 || !existsSync(fileURLToPath(THREAD_ENTRY))) {
    await new Promise((resolve) => setImmediate(resolve));
    return gradientBoostingBaseline(input.training, input.evaluation, input.seed);
  }
  const worker = new Worker(THREAD_ENTRY, { workerData: input });
  try {
    const reply = await new Promise<BaselineThreadReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The gradient-boosting baseline's thread stopped (exit code ${code}) before it answered.`)));
    });
    if ('error' in reply) {
      throw reply.error.name === 'GradientBoostingInputError' ? new GradientBoostingInputError(reply.error.message) : Object.assign(new Error(reply.error.message), { name: reply.error.name });
    }
    return reply.predictions;
  } finally {
    await worker.terminate();
  }
}
