import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_HORIZON_DAYS } from '../../models/config/index.js';
import { ENV } from '../../functions/shared/resource-names.js';
import { PREFIXES } from '../../functions/shared/storage-layout.js';
import { grantBucketAccess, INGEST_BUCKET_ACCESS, RESCORE_BUCKET_ACCESS } from './bucket-access.js';
import { PipelineFunction } from './pipeline-function.js';
import { HANDLER_ENTRIES } from './project-paths.js';
import type { SegmentsTable } from './segments-table.js';

/** The horizon when the stack is given none; the configuration file's scoring.horizonDays overrides both. */
export const PREDICTION_HORIZON_DAYS = 90;
export const POWERTOOLS_SERVICE_NAME = 'predictive-segments';
export const POWERTOOLS_METRICS_NAMESPACE = 'PredictiveSegments';

export interface PipelineFunctionsProps {
  readonly dataBucket: IBucket;
  readonly segments: SegmentsTable;
  readonly runtimeDependencies: ILayerVersion;
  readonly failedInvocations: IQueue;
  /** The prediction horizon in days (HORIZON_DAYS); default PREDICTION_HORIZON_DAYS. */
  readonly horizonDays?: number;
}

/** What every pipeline function reads its resources and Powertools settings from. */
export const pipelineEnvironment = (dataBucket: IBucket, segments: SegmentsTable, horizonDays = PREDICTION_HORIZON_DAYS): Record<string, string> => ({
  [ENV.bucket]: dataBucket.bucketName,
  [ENV.table]: segments.table.tableName,
  [ENV.horizonDays]: String(checkHorizonDays(horizonDays)),
  POWERTOOLS_SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE,
});

function checkHorizonDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_HORIZON_DAYS) throw new RangeError(`horizonDays must be a whole number of days from 1 to ${MAX_HORIZON_DAYS}, not ${days}.`);
  return days;
}

/** The ingest function, triggered by uploads under incoming/, and the nightly rescoring function. */
export class PipelineFunctions extends Construct {
  readonly ingestUpload: PipelineFunction;
  readonly nightlyRescore: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const shared = {
      environment: pipelineEnvironment(props.dataBucket, props.segments, props.horizonDays),
      runtimeDependencies: props.runtimeDependencies,
      failedInvocations: props.failedInvocations,
    };

    this.ingestUpload = new PipelineFunction(this, 'IngestUpload', {
      ...shared,
      entry: HANDLER_ENTRIES.ingestUpload,
      description: 'Validates an uploaded extract, computes features, scores customers and writes segments and audiences',
    });
    this.nightlyRescore = new PipelineFunction(this, 'NightlyRescore', {
      ...shared,
      entry: HANDLER_ENTRIES.nightlyRescore,
      description: 'Rescores every customer from the clean extracts and refreshes segments and audiences',
    });

    grantBucketAccess(props.dataBucket, this.ingestUpload.dataAccess, INGEST_BUCKET_ACCESS);
    grantBucketAccess(props.dataBucket, this.nightlyRescore.dataAccess, RESCORE_BUCKET_ACCESS);
    props.segments.grantItemAccess(this.ingestUpload.dataAccess);
    props.segments.grantItemAccess(this.nightlyRescore.dataAccess);

    props.dataBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.ingestUpload.handler), {
      prefix: PREFIXES.incoming,
    });
  }
}
