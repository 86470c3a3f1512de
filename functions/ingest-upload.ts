import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { resolveConfiguration } from './adapters/configuration-store.js';
import { runFiles } from './run/run-files.js';
import { ingestUploadObject, type IngestOutcome } from './ingest/ingest-upload-object.js';
import { uploadRefFromRecord } from './ingest/upload-ref.js';
import type { ScoringRunOutcome, ScoringRunRequest } from './pipeline/scoring-runs.js';
import { defaultScoringRuns } from './run/run-environment.js';
import { logger, metrics, tracer } from './shared/observability.js';
import { defaultDependencies, type PipelineDependencies } from './shared/pipeline-dependencies.js';
import { S3NotificationSchema, type S3Notification } from './shared/s3-event-schema.js';

export interface IngestResult {
  outcomes: IngestOutcome[];
  /** The uploads a scoring run was requested for (none when nothing new changed the data). */
  runRequest: ScoringRunRequest | null;
  /** What became of the request: a run started (or, locally, ran), or why none did. */
  run: ScoringRunOutcome | null;
}

/** Accepted uploads that changed the data and have no run requested yet, including ones a crash left without. */
function uploadsNeedingRun(outcomes: IngestOutcome[]): ScoringRunRequest['uploads'] {
  return outcomes.flatMap((o) => {
    if (o.status === 'accepted') return o.current && o.dataChanged ? [{ key: o.key, versionTag: o.versionTag, kind: o.kind }] : [];
    const recorded = o.status === 'skipped' ? o.recorded : null;
    if (recorded?.status === 'accepted' && recorded.dataChanged && !recorded.runRequestedAt && recorded.kind) {
      return [{ key: recorded.key, versionTag: recorded.versionTag, kind: recorded.kind }];
    }
    return [];
  });
}

/**
 * S3 ObjectCreated under incoming/: ingests each announced upload version once (see
 * ingestUploadObject), then requests one scoring run (the state machine) for the uploads that
 * changed the data.
 * Re-delivered events, deleted objects and repeated content have no second effect.
 */
export function createIngestHandler(dependencies: () => PipelineDependencies) {
  return middy<S3Notification, IngestResult>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema: S3NotificationSchema }))
    .handler(async (event) => {
      const deps = dependencies();
      const current = await deps.table.readCurrentRun();
      const { config, problem } = await resolveConfiguration(deps.store, current ? runFiles(current.runId).config : null);
      if (problem) logger.warn('configuration file invalid; the last published run\'s copy stays in force', { problem });
      const outcomes: IngestOutcome[] = [];
      for (const record of event.Records) {
        const outcome = await ingestUploadObject({ store: deps.store, manifest: deps.manifest, config }, uploadRefFromRecord(record));
        logOutcome(outcome);
        outcomes.push(outcome);
      }
      const uploads = uploadsNeedingRun(outcomes);
      if (uploads.length === 0) return { outcomes, runRequest: null, run: null };
      if (!(await deps.manifest.entries()).some((entry) => entry.kind === 'orders')) {
        logger.info('no orders yet: scoring waits for an orders extract');
        return { outcomes, runRequest: null, run: null };
      }
      const runRequest: ScoringRunRequest = { trigger: 'upload', uploads };
      const run = await (deps.runs ?? defaultScoringRuns()).request(runRequest);
      const at = new Date().toISOString();
      for (const upload of uploads) await deps.manifest.markRunRequested(upload.key, upload.versionTag, at);
      logger.info('scoring run requested', { uploads: uploads.length, ...run });
      metrics.addMetric(run.started ? 'RunsStarted' : 'RunsCoalesced', MetricUnit.Count, 1);
      return { outcomes, runRequest, run };
    });
}

function logOutcome(outcome: IngestOutcome): void {
  const { key, versionTag, status } = outcome;
  if (outcome.status === 'accepted') {
    logger.info('extract accepted', { key, versionTag, report: outcome.report, duplicateOf: outcome.duplicateOf, current: outcome.current, dataChanged: outcome.dataChanged });
    metrics.addMetric('ExtractsAccepted', MetricUnit.Count, 1);
    metrics.addMetric('RowsQuarantined', MetricUnit.Count, outcome.report.rowsQuarantined);
  } else if (outcome.status === 'rejected') {
    logger.info('extract rejected', { key, versionTag, reason: outcome.reason, detail: outcome.message, report: outcome.reportKey });
    metrics.addMetric('ExtractsRejected', MetricUnit.Count, 1);
  } else {
    logger.info('upload event skipped', { key, versionTag, status, reason: outcome.reason, detail: outcome.message });
    metrics.addMetric('UploadEventsSkipped', MetricUnit.Count, 1);
  }
}

export const handler = createIngestHandler(defaultDependencies);
