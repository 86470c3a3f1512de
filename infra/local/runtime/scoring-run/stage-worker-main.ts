import { pathToFileURL } from 'node:url';
import { invokeLocally, type LambdaHandler } from '../invoke-locally.js';
import { vmHwmBytes } from '../process-memory.js';
import type { StageWorkerData, StageWorkerReply, StageWorkerRequest } from './worker-pool.js';

const { modulePath, exportName, functionName } = JSON.parse(process.argv[2] ?? '{}') as StageWorkerData;
// The parent's going (exit, crash, kill -9) closes the channel: this process goes at once, so
// that nothing of a killed run writes on.
process.on('disconnect', () => process.exit(1));
// Ctrl-C reaches the whole process group; the parent decides when its run stops.
process.on('SIGINT', () => {});

const loaded = import(pathToFileURL(modulePath).href).then((module: Record<string, unknown>) => {
  const handler = module[exportName] as LambdaHandler<unknown, unknown> | undefined;
  if (typeof handler !== 'function') throw new Error(`${modulePath} exports no function ${exportName}`);
  return handler;
});
loaded.catch(() => undefined);

/** This process's peak RSS: Linux's VmHWM, else the lifetime peak Node reports. */
const maxRssBytes = async (): Promise<number> => (await vmHwmBytes('self')) ?? process.resourceUsage().maxRSS * 1024;

process.on('message', async ({ id, event }: StageWorkerRequest) => {
  let reply: StageWorkerReply;
  try {
    reply = { id, result: await invokeLocally(await loaded, event, { functionName }), maxRssBytes: await maxRssBytes() };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id, error: { name: failure.name, message: failure.message, stack: failure.stack ?? '' }, maxRssBytes: await maxRssBytes() };
  }
  process.send!(reply);
});
