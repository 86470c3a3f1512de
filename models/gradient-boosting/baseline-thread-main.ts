import { parentPort } from 'node:worker_threads';
import { gradientBoostingBaseline } from './gradient-boosting-baseline.js';
import type { BaselineThreadInput, BaselineThreadReply } from './baseline-thread.js';

// One baseline per message, in the order they come; the caller stops the thread when it has none left.
parentPort!.on('message', ({ training, evaluation, seed }: BaselineThreadInput) => {
  let reply: BaselineThreadReply;
  try {
    reply = { predictions: gradientBoostingBaseline(training, evaluation, seed) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { error: { name: failure.name, message: failure.message } };
  }
  const transfer = 'predictions' in reply ? [reply.predictions.churnProbability.buffer as ArrayBuffer, reply.predictions.predictedValue.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(reply, transfer);
});
