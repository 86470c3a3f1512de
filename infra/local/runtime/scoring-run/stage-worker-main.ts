import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { invokeLocally, type LambdaHandler } from '../invoke-locally.js';
import type { StageWorkerData, StageWorkerReply, StageWorkerRequest } from './worker-pool.js';

const { modulePath, exportName, functionName } = workerData as StageWorkerData;
const handlerModule = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
const handler = handlerModule[exportName] as LambdaHandler<unknown, unknown> | undefined;
if (typeof handler !== 'function') throw new Error(`${modulePath} exports no function ${exportName}`);

parentPort!.on('message', async ({ id, event }: StageWorkerRequest) => {
  let reply: StageWorkerReply;
  try {
    reply = { id, result: await invokeLocally(handler, event, { functionName }) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name: failure.name, message: failure.message, stack: failure.stack ?? '' } };
  }
  parentPort!.postMessage(reply);
});
