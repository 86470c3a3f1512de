import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { forgetDependenciesOf } from './forget/forget-environment.js';
import { DeletionRequestError, deletionReportKey, forgetPeople, parseDeletionList, type ForgetDependencies } from './forget/index.js';
import { uploadRefFromRecord, versionTagOf, type UploadRef } from './ingest/upload-ref.js';
import { defaultRunDependencies, defaultScoringRuns } from './run/run-environment.js';
import { logger, metrics, tracer } from './shared/observability.js';
import { S3NotificationSchema, type S3Notification } from './shared/s3-event-schema.js';
import { isDeletionList } from './shared/storage-layout.js';

/** The data bucket keeps a rewritten object's previous version this long (infra/aws: the noncurrent-version expiry rule). */
const NONCURRENT_VERSION_RETENTION_DAYS = 30;

export interface DeletionListOutcome {
  key: string;
  versionTag: string;
  requestId: string;
  status: 'forgotten' | 'not-found' | 'already-done' | 'rejected' | 'skipped';
  /** The verification report (forgotten, already-done), or the rejection's report. */
  reportKey: string | null;
  message: string;
}

/**
 * One request per uploaded version, named by the key and version alone (never by the delivery's
 * time), so a redelivered event finds its report and does nothing again.
 */
const requestIdOf = (ref: UploadRef): string => `d-${createHash('sha256').update(`${ref.key}\u0000${versionTagOf(ref)}`).digest('hex').slice(0, 20)}`;

async function forgetList(deps: ForgetDependencies, ref: UploadRef): Promise<DeletionListOutcome> {
  const versionTag = versionTagOf(ref);
  const requestId = requestIdOf(ref);
  const base = { key: ref.key, versionTag, requestId };
  if (!isDeletionList(ref.key)) return { ...base, status: 'skipped', reportKey: null, message: 'not under incoming/deletions/' };
  if (await deps.store.get(deletionReportKey(requestId))) {
    return { ...base, status: 'already-done', reportKey: deletionReportKey(requestId), message: 'this version of the list was handled already' };
  }
  const bytes = await deps.store.get(ref.key);
  if (!bytes) return { ...base, status: 'skipped', reportKey: null, message: 'the list no longer exists' };
  let people;
  try {
    people = parseDeletionList(new TextDecoder().decode(bytes));
  } catch (error) {
    if (!(error instanceof DeletionRequestError)) throw error;
    const reportKey = deletionReportKey(`${requestId}.rejected`);
    await deps.store.put(reportKey, JSON.stringify({ requestId, source: ref.key, versionTag, rejectedAt: new Date().toISOString(), message: error.message }, null, 2), 'application/json');
    return { ...base, status: 'rejected', reportKey, message: error.message };
  }
  const report = await forgetPeople(deps, { people, source: ref.key, requestId });
  const notFound = report.people.filter((p) => !p.found).length;
  const message = `${report.people.length - notFound} of ${report.people.length} people found and forgotten${notFound > 0 ? `; ${notFound} found nowhere (nothing changed for them)` : ''}`;
  return { ...base, status: report.reportKey ? 'forgotten' : 'not-found', reportKey: report.reportKey, message };
}

/**
 * S3 ObjectCreated under incoming/deletions/: each uploaded list of ids (see parseDeletionList)
 * is one deletion request (forgetPeople), handled under the scoring runs' lock, with its
 * verification report at reports/deletions/<requestId>.json. A list that cannot be read gets a
 * `<requestId>.rejected.json` report instead; a run holding the lock too long fails the
 * invocation with nothing changed, and Lambda's retries bring it back.
 */
export function createForgetPeopleHandler(dependencies: () => ForgetDependencies) {
  return middy<S3Notification, { outcomes: DeletionListOutcome[] }>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema: S3NotificationSchema }))
    .handler(async (event) => {
      const deps = dependencies();
      const outcomes: DeletionListOutcome[] = [];
      for (const record of event.Records) {
        const outcome = await forgetList(deps, uploadRefFromRecord(record));
        // Ids never go to the logs: the outcome names the list, the request and the report only.
        logger.info('deletion request', { ...outcome });
        metrics.addMetric(outcome.status === 'forgotten' ? 'DeletionRequestsDone' : 'DeletionRequestsNotDone', MetricUnit.Count, 1);
        outcomes.push(outcome);
      }
      return { outcomes };
    });
}

let defaults: ForgetDependencies | undefined;

export const handler = createForgetPeopleHandler(() => {
  defaults ??= forgetDependenciesOf(defaultRunDependencies(), { runs: defaultScoringRuns(), noncurrentVersionRetentionDays: NONCURRENT_VERSION_RETENTION_DAYS });
  return defaults;
});
