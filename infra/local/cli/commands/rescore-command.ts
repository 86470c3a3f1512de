import type { RunSummary } from '../../../../functions/pipeline/run-summary.js';
import { buildScheduledEvent, invokeLocally } from '../../runtime/index.js';
import { formatRunSummary } from '../format-run-summary.js';
import { openLocalSession } from '../local-session.js';

/** Delivers the nightly schedule's EventBridge event to the rescoring handler, for a chosen day. */
export async function rescoreCommand(options: { stateDir: string; asOf?: string }, log: (line: string) => void): Promise<RunSummary> {
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    const { handlers } = session;
    const onProgress = (message: string) => log(`  … ${message}`);
    const handler = handlers.nightly.createNightlyRescoreHandler(() => ({ ...session.dependencies, onProgress }));
    const scheduled = buildScheduledEvent({ ruleName: 'nightly-rescore', time: options.asOf ? new Date(`${options.asOf}T02:00:00Z`) : new Date() });
    const event = { ...scheduled, detail: options.asOf ? { asOf: options.asOf } : {} };
    const run = await invokeLocally(handler, event, { functionName: 'nightly-rescore' });
    formatRunSummary(run).forEach(log);
    return run;
  } finally {
    await session.close();
  }
}
