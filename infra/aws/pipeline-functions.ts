import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resource-names.js';
import { EXTRACT_KINDS, PREFIXES, incomingPrefix } from '../../functions/shared/storage-layout.js';
import { FORGET_BUCKET_ACCESS, grantBucketAccess, INGEST_BUCKET_ACCESS, RESCORE_BUCKET_ACCESS } from './bucket-access.js';
import { PipelineFunction } from './pipeline-function.js';
import type { PipelineFunctionId, ResolvedSettings } from './predictive-segments-props.js';
import { HANDLER_ENTRIES } from './project-paths.js';
import type { ScoringRun } from './scoring-run.js';
import type { SegmentsTable } from './segments-table.js';

export const POWERTOOLS_SERVICE_NAME = 'predictive-segments';
export const POWERTOOLS_METRICS_NAMESPACE = 'PredictiveSegments';

export interface PipelineFunctionsProps {
  readonly dataBucket: IBucket;
  readonly segments: SegmentsTable;
  readonly runtimeDependencies: ILayerVersion;
  readonly failedInvocations: IQueue;
  readonly settings: ResolvedSettings;
}

/**
 * What every pipeline function reads its resources and Powertools settings from. The horizon is the
 * deployment's default; the configuration file's scoring.horizonDays overrides it at run time.
 */
export const pipelineEnvironment = (
  dataBucket: IBucket,
  segments: SegmentsTable,
  horizons: Pick<ResolvedSettings, 'horizonDays' | 'clvHorizonDays'>,
): Record<string, string> => ({
  [ENV.bucket]: dataBucket.bucketName,
  [ENV.table]: segments.table.tableName,
  [ENV.horizonDays]: String(horizons.horizonDays),
  [ENV.clvHorizonDays]: String(horizons.clvHorizonDays),
  POWERTOOLS_SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE,
});

/** The settings of one function that come from the deployment's props. */
export const functionSettings = (settings: ResolvedSettings, id: PipelineFunctionId) => ({
  memorySizeMiB: settings.memoryOf(id),
  logRetention: settings.logRetention,
  removalPolicy: settings.removalPolicy,
});

/**
 * The ingest function, triggered by extracts under incoming/<kind>/, the nightly rescoring function,
 * and the deletion function, triggered by lists under incoming/deletions/.
 */
export class PipelineFunctions extends Construct {
  readonly ingestUpload: PipelineFunction;
  readonly nightlyRescore: PipelineFunction;
  readonly forgetPeople: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const shared = {
      environment: pipelineEnvironment(props.dataBucket, props.segments, props.settings),
      runtimeDependencies: props.runtimeDependencies,
      failedInvocations: props.failedInvocations,
    };

    this.ingestUpload = new PipelineFunction(this, 'IngestUpload', {
      ...shared,
      ...functionSettings(props.settings, 'IngestUpload'),
      entry: HANDLER_ENTRIES.ingestUpload,
      description: 'Validates an uploaded extract, computes features, scores customers and writes segments and audiences',
    });
    this.nightlyRescore = new PipelineFunction(this, 'NightlyRescore', {
      ...shared,
      ...functionSettings(props.settings, 'NightlyRescore'),
      entry: HANDLER_ENTRIES.nightlyRescore,
      description: 'Rescores every customer from the clean extracts and refreshes segments and audiences',
    });

    this.forgetPeople = new PipelineFunction(this, 'ForgetPeople', {
      ...shared,
      ...functionSettings(props.settings, 'ForgetPeople'),
      entry: HANDLER_ENTRIES.forgetPeople,
      description: 'Forgets the people a deletion list names everywhere the pipeline keeps them and writes the verification report',
    });

    grantBucketAccess(props.dataBucket, this.ingestUpload.dataAccess, INGEST_BUCKET_ACCESS);
    grantBucketAccess(props.dataBucket, this.forgetPeople.dataAccess, FORGET_BUCKET_ACCESS);
    grantBucketAccess(props.dataBucket, this.nightlyRescore.dataAccess, RESCORE_BUCKET_ACCESS);
    props.segments.grantItemAccess(this.ingestUpload.dataAccess);
    props.segments.grantItemAccess(this.nightlyRescore.dataAccess);
    props.segments.grantItemAccess(this.forgetPeople.dataAccess);

    // One notification per extract kind: S3 refuses overlapping prefixes for one event type, and
    // incoming/deletions/ goes to the deletion function instead.
    for (const kind of EXTRACT_KINDS) {
      props.dataBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.ingestUpload.handler), { prefix: incomingPrefix(kind) });
    }
    props.dataBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.forgetPeople.handler), { prefix: PREFIXES.deletions });
  }

  /**
   * Once the scoring run exists: the deletion function may start the run it held up with the lock,
   * and is told the bus the runs' membership events went to (its report says they cannot be recalled).
   */
  connectForgetPeople(scoringRun: ScoringRun): void {
    scoringRun.grantStartExecution(this.forgetPeople);
    this.forgetPeople.handler.addEnvironment(ENV.segmentEventBus, scoringRun.segmentChanges.eventBusName);
  }
}
