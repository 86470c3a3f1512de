import { orderDayRange } from '../../../../functions/ingest/upload-manifest.js';
import type { ScoringRunOutcome } from '../../../../functions/pipeline/scoring-runs.js';
import { addDays, daysBetween, toIsoDay } from '../../../../models/features/dates.js';
import { buildScheduledEvent, invokeLocally } from '../../runtime/index.js';
import { openLocalSession } from '../local-session.js';
import { printRunReports } from './run-report.js';
import { setHorizon } from './set-horizon.js';
import { asOutput, type OutputTarget } from '../output/command-output.js';
import { runProgressOptions } from '../output/run-progress-options.js';

/** A default day this far from today is worth a warning: the data may have stopped arriving. */
const STALE_WARNING_DAYS = 30;

export class RescoreRefusedError extends Error {
  override readonly name = 'RescoreRefusedError';
}

/**
 * Delivers the nightly schedule's EventBridge event to the nightly handler for a chosen day (by
 * default the day after the last order), which requests a run of the local state machine. A new
 * horizon is stored in the configuration file first (the model is then retrained for it).
 */
export async function rescoreCommand(options: { stateDir: string; asOf?: string; horizonDays?: number }, target: OutputTarget): Promise<ScoringRunOutcome> {
  const out = asOutput(target);
  const session = await openLocalSession({ stateDir: options.stateDir });
  try {
    if (options.horizonDays !== undefined) await setHorizon(session.aws, options.horizonDays, out.hint);
    const range = orderDayRange(await session.dependencies.manifest.entries());
    const asOf = options.asOf ?? (range ? addDays(range.last, 1) : toIsoDay(new Date()));
    if (!options.asOf && range) {
      const behind = daysBetween(asOf, toIsoDay(new Date()));
      out.hint(`Scoring as of ${asOf}, the day after the last order (pass --as-of to choose).`);
      if (behind > STALE_WARNING_DAYS) out.warn(`warning: that is ${behind} days before today; the orders extract may be out of date.`);
    }
    const runs = session.scoringRuns(runProgressOptions(out));
    const handler = session.handlers.nightly.createNightlyRescoreHandler(() => ({ ...session.dependencies, runs }));
    const event = { ...buildScheduledEvent({ ruleName: 'nightly-rescore', time: new Date(`${asOf}T02:00:00Z`) }), detail: { asOf } };
    const outcome = await invokeLocally(handler, event, { functionName: 'nightly-rescore' });
    if (!outcome.started && !outcome.reports) throw new RescoreRefusedError(outcome.reason ?? 'no run started');
    out.progress('');
    await printRunReports(session.dependencies.store, outcome.reports ?? [], out.data);
    return outcome;
  } finally {
    await session.close();
  }
}
