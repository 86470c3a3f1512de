import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import middy from '@middy/core';
import type { z } from 'zod';
import { ingestExtract, type IngestOutcome } from './pipeline/ingest-extract.js';
import { NoOrdersError, refreshScores } from './pipeline/refresh-scores.js';
import type { RunSummary } from './pipeline/run-summary.js';
import { logger, metrics } from './shared/observability.js';
import { defaultDependencies, type PipelineDependencies } from './shared/pipeline-dependencies.js';
import { decodeS3Key } from './shared/s3-key.js';

export interface IngestResult {
  outcomes: IngestOutcome[];
  run: RunSummary | null;
}

/**
 * S3 ObjectCreated under incoming/: validate each upload, then rescore everyone. New orders
 * retrain the model; a new profile or prospect list only rescores and rebuilds the audience.
 */
export function createIngestHandler(dependencies: () => PipelineDependencies) {
  return middy<z.infer<typeof S3Schema>, IngestResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema: S3Schema }))
    .handler(async (event) => {
      const { store, table, horizonDays, onProgress } = dependencies();
      const outcomes: IngestOutcome[] = [];
      for (const record of event.Records) {
        const key = decodeS3Key(record.s3.object.key);
        const outcome = await ingestExtract(store, key);
        logger.info('extract ingested', { key, status: outcome.status, ...(outcome.status === 'accepted' ? { report: outcome.report } : { reason: outcome.message }) });
        metrics.addMetric(outcome.status === 'accepted' ? 'ExtractsAccepted' : 'ExtractsRejected', MetricUnit.Count, 1);
        if (outcome.status === 'accepted') metrics.addMetric('RowsQuarantined', MetricUnit.Count, outcome.report.rowsQuarantined);
        outcomes.push(outcome);
      }
      const accepted = outcomes.filter((o) => o.status === 'accepted');
      if (accepted.length === 0) return { outcomes, run: null };
      try {
        const train = accepted.some((o) => o.kind === 'orders') ? 'always' : 'if-missing';
        const run = await refreshScores(store, table, { horizonDays, train, ...(onProgress ? { onProgress } : {}) });
        if (run.model.promotion) logger.info('champion/challenger', { version: run.model.version, ...run.model.promotion });
        metrics.addMetric('CustomersScored', MetricUnit.Count, run.scoredCustomers);
        return { outcomes, run };
      } catch (error) {
        if (!(error instanceof NoOrdersError)) throw error;
        logger.info('no orders yet: scoring waits for an orders extract');
        return { outcomes, run: null };
      }
    });
}

export const handler = createIngestHandler(defaultDependencies);
