import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import middy from '@middy/core';
import { z } from 'zod';
import { refreshScores } from './pipeline/refresh-scores.js';
import type { RunSummary } from './pipeline/run-summary.js';
import { logger, metrics } from './shared/observability.js';
import { defaultDependencies, type PipelineDependencies } from './shared/pipeline-dependencies.js';

/** The schedule's event; `detail.asOf` lets an operator (or the local CLI) rescore a chosen day. */
const NightlyEvent = EventBridgeSchema.extend({
  detail: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).loose(),
});

/**
 * EventBridge schedule: rescore every customer from what is already in the bucket. Recency
 * moves every day even when nobody buys, so scores and segments change without an upload.
 */
export function createNightlyRescoreHandler(dependencies: () => PipelineDependencies) {
  return middy<z.infer<typeof NightlyEvent>, RunSummary>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema: NightlyEvent }))
    .handler(async (event) => {
      const deps = dependencies();
      const { horizonDays, onProgress } = deps;
      const asOf = event.detail.asOf ?? event.time.slice(0, 10);
      const run = await refreshScores(deps, { asOf, horizonDays, train: 'if-missing', ...(onProgress ? { onProgress } : {}) });
      logger.info('rescored', { asOf, customers: run.scoredCustomers, model: run.model.version, membershipWrites: run.membershipWrites });
      logger.info('model card', { version: run.model.version, family: run.model.family, holdout: run.model.holdout, baselines: run.model.baselines, report: run.outputs.report });
      if (run.model.promotion) logger.info('champion/challenger', { version: run.model.version, ...run.model.promotion });
      metrics.addMetric('CustomersScored', MetricUnit.Count, run.scoredCustomers);
      return run;
    });
}

export const handler = createNightlyRescoreHandler(defaultDependencies);
