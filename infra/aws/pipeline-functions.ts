import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resource-names.js';
import { PREFIXES } from '../../functions/shared/storage-layout.js';
import { grantBucketAccess, INGEST_BUCKET_ACCESS, RESCORE_BUCKET_ACCESS } from './bucket-access.js';
import { PipelineFunction } from './pipeline-function.js';
import type { PipelineFunctionId, ResolvedSettings } from './predictive-segments-props.js';
import { HANDLER_ENTRIES } from './project-paths.js';
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
export const pipelineEnvironment = (dataBucket: IBucket, segments: SegmentsTable, horizonDays: number): Record<string, string> => ({
  [ENV.bucket]: dataBucket.bucketName,
  [ENV.table]: segments.table.tableName,
  [ENV.horizonDays]: String(horizonDays),
  POWERTOOLS_SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE,
});

/** The settings of one function that come from the deployment's props. */
export const functionSettings = (settings: ResolvedSettings, id: PipelineFunctionId) => ({
  memorySizeMiB: settings.memoryOf(id),
  logRetention: settings.logRetention,
  removalPolicy: settings.removalPolicy,
});

/** The ingest function, triggered by uploads under incoming/, and the nightly rescoring function. */
export class PipelineFunctions extends Construct {
  readonly ingestUpload: PipelineFunction;
  readonly nightlyRescore: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const shared = {
      environment: pipelineEnvironment(props.dataBucket, props.segments, props.settings.horizonDays),
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

    grantBucketAccess(props.dataBucket, this.ingestUpload.dataAccess, INGEST_BUCKET_ACCESS);
    grantBucketAccess(props.dataBucket, this.nightlyRescore.dataAccess, RESCORE_BUCKET_ACCESS);
    props.segments.grantItemAccess(this.ingestUpload.dataAccess);
    props.segments.grantItemAccess(this.nightlyRescore.dataAccess);

    props.dataBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.ingestUpload.handler), {
      prefix: PREFIXES.incoming,
    });
  }
}
