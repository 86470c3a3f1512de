import { parentPort, workerData } from 'node:worker_threads';
import { gradientBoostingBaseline } from './gradient-boosting-baseline.js';
import type { BaselineThreadInput, BaselineThreadReply } from './baseline-thread.js';

const { training, evaluation, seed } = workerData as BaselineThreadInput;
let reply: BaselineThreadReply;
try {
  reply = { predictions: gradientBoostingBaseline(training, evaluation, seed) };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  reply = { error: { name: failure.name, message: failure.message } };
}
const transfer = 'predictions' in reply ? [reply.predictions.churnProbability.buffer as ArrayBuffer, reply.predictions.predictedValue.buffer as ArrayBuffer] : [];
parentPort!.postMessage(reply, transfer);
