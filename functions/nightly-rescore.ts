import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { ConfigurationError } from '../models/config/index.js';
import { CONFIG_KEY, readConfiguration } from './adapters/configuration-store.js';
import { orderDayRange } from './ingest/upload-manifest.js';
import type { ScoringRunOutcome } from './pipeline/scoring-runs.js';
import { RunRefusedError } from './run/errors.js';
import { decideAsOf } from './run/prepare-run.js';
import { defaultScoringRuns } from './run/run-environment.js';
import { logger, metrics, tracer } from './shared/observability.js';
import { defaultDependencies, type PipelineDependencies } from './shared/pipeline-dependencies.js';

/** The schedule's event; `detail.asOf` lets an operator (or the local CLI) rescore a chosen day. */
const NightlyEvent = EventBridgeSchema.extend({
  detail: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).loose(),
});

/**
 * EventBridge schedule: requests a scoring run as of the schedule's day (recency moves every day
 * even when nobody buys). A day before the first order, or long after the last one, is refused
 * here with the reason, before any run starts, so a stray event cannot empty the segments.
 */
export function createNightlyRescoreHandler(dependencies: () => PipelineDependencies) {
  return middy<z.infer<typeof NightlyEvent>, ScoringRunOutcome>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema: NightlyEvent }))
    .handler(async (event) => {
      const deps = dependencies();
      const asked = event.detail.asOf ?? event.time.slice(0, 10);
      const range = orderDayRange(await deps.manifest.entries());
      try {
        // A scheduled event (no detail.asOf) is skipped while the stored configuration turns the schedule off.
        if (event.detail.asOf === undefined && !(await scheduleEnabled(deps))) {
          throw new RunRefusedError(`Skipping the scheduled run as of ${asked}: schedule.enabled is false in ${CONFIG_KEY}; uploads and runs started by hand still score.`);
        }
        if (!range) throw new RunRefusedError(`Refusing to score as of ${asked}: there are no accepted orders yet; nothing was written.`);
        const asOf = decideAsOf(asked, range);
        const outcome = await (deps.runs ?? defaultScoringRuns()).request({ trigger: 'schedule', asOf, uploads: [] });
        logger.info('scoring run requested', { asOf, ...outcome });
        metrics.addMetric(outcome.started ? 'RunsStarted' : 'RunsCoalesced', MetricUnit.Count, 1);
        return outcome;
      } catch (error) {
        if (!(error instanceof RunRefusedError)) throw error;
        logger.warn('scheduled run refused', { asked, reason: error.message });
        metrics.addMetric('RunsRefused', MetricUnit.Count, 1);
        return { started: false, reason: error.message };
      }
    });
}

/**
 * The stored configuration's schedule switch, so turning the schedule off takes effect with the next upload
 * of the file rather than the next deploy. A missing file means on; so does an invalid one, whose problem
 * the run itself reports (falling back on the last published run's configuration).
 */
async function scheduleEnabled(deps: PipelineDependencies): Promise<boolean> {
  try {
    return (await readConfiguration(deps.store)).schedule.enabled;
  } catch (error) {
    if (error instanceof ConfigurationError) return true;
    throw error;
  }
}

export const handler = createNightlyRescoreHandler(defaultDependencies);
