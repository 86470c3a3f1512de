import { Annotations, CfnOutput, Stack } from 'aws-cdk-lib';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { dataBucketName, nightlyScheduleNameFor, tableNameFor } from '../../functions/shared/resource-names.js';
import { AlarmNotifications } from './alarm-notifications.js';
import { AUDIENCE_API_OUTPUTS, AudienceApi } from './audience-api.js';
import { DataBucket } from './data-bucket.js';
import { applyRetention } from './data-retention.js';
import { FailedInvocationsQueue } from './failed-invocations-queue.js';
import { claimNamePrefix } from './name-prefix-claims.js';
import { acknowledgeNagFindings } from './nag-suppressions.js';
import { NightlySchedule } from './nightly-schedule.js';
import { PipelineFunctions, pipelineEnvironment } from './pipeline-functions.js';
import { type PredictiveSegmentsProps, type ResolvedSettings, resolveSettings } from './predictive-segments-props.js';
import { RuntimeDependenciesLayer } from './runtime-dependencies-layer.js';
import { ScoringRun } from './scoring-run.js';
import { SegmentsTable } from './segments-table.js';

/**
 * The whole pipeline as one construct to drop into any stack: the data bucket (or yours), the table, the ingest
 * and nightly functions, the scoring-run state machine with its functions, the segment-change event bus, the
 * failed-invocations queue and the alarms, with cdk-nag's findings acknowledged one by one.
 *
 * Every physical name starts with `namePrefix`, so instances with different prefixes coexist in one account
 * and region; two instances in one app with the same prefix and environment are refused at synth.
 */
export class PredictiveSegments extends Construct {
  readonly settings: ResolvedSettings;
  /** The bucket everything is read from and written to: the construct's own or the one passed in. */
  readonly bucket: IBucket;
  /** The construct's own bucket and its access-log bucket; undefined when a bucket was passed in. */
  readonly data: DataBucket | undefined;
  readonly segments: SegmentsTable;
  readonly failedInvocations: FailedInvocationsQueue;
  readonly functions: PipelineFunctions;
  readonly nightlySchedule: NightlySchedule;
  readonly scoringRun: ScoringRun;
  readonly alarms: AlarmNotifications;
  /** The audience pull API (API Gateway + a function reading audiences/). */
  readonly audienceApi: AudienceApi;

  constructor(scope: Construct, id: string, props: PredictiveSegmentsProps = {}) {
    super(scope, id);
    const settings = resolveSettings(props);
    this.settings = settings;
    claimNamePrefix(this, settings.namePrefix);
    const { account, region } = Stack.of(this);

    if (props.bucket) {
      this.bucket = props.bucket;
      this.data = undefined;
    } else {
      this.data = new DataBucket(this, 'Data', {
        bucketName: dataBucketName(account, region, settings.namePrefix),
        removalPolicy: settings.removalPolicy,
      });
      this.bucket = this.data.bucket;
    }
    if (this.bucket instanceof Bucket) {
      applyRetention(this.bucket, props.retention);
    } else {
      Annotations.of(this).addWarningV2(
        'predictive-segments:retention-not-applied',
        'The bucket passed in is imported, so no retention lifecycle rule was added to it: expire runs/, reports/, exports/, audiences/, quarantine/ and rejected/ with lifecycle rules of your own.',
      );
    }
    this.segments = new SegmentsTable(this, 'Segments', {
      tableName: tableNameFor(settings.namePrefix),
      removalPolicy: settings.removalPolicy,
    });
    this.failedInvocations = new FailedInvocationsQueue(this, 'FailedInvocations');
    const runtimeDependencies = new RuntimeDependenciesLayer(this, 'RuntimeDependencies', {
      code: props.runtimeDependenciesCode,
    });

    this.functions = new PipelineFunctions(this, 'Pipeline', {
      dataBucket: this.bucket,
      segments: this.segments,
      runtimeDependencies: runtimeDependencies.layer,
      failedInvocations: this.failedInvocations.queue,
      settings,
    });
    this.nightlySchedule = new NightlySchedule(this, 'NightlySchedule', {
      rescore: this.functions.nightlyRescore.handler,
      failedInvocations: this.failedInvocations.queue,
      scheduleName: nightlyScheduleNameFor(settings.namePrefix),
      settings: settings.schedule,
    });
    this.scoringRun = new ScoringRun(this, 'ScoringRun', {
      dataBucket: this.bucket,
      segments: this.segments,
      runtimeDependencies: runtimeDependencies.layer,
      failedInvocations: this.failedInvocations.queue,
      shardConcurrency: props.shardConcurrency,
      shardReservedConcurrency: props.shardReservedConcurrency,
      settings,
    });
    this.scoringRun.grantStartExecution(this.functions.ingestUpload);
    this.scoringRun.grantStartExecution(this.functions.nightlyRescore);
    this.functions.connectForgetPeople(this.scoringRun);

    this.alarms = new AlarmNotifications(this, 'Alarms', {
      email: props.alarmEmail,
      topic: props.alarmTopic,
      removalPolicy: settings.removalPolicy,
    });
    this.alarms.notifyOn(this.failedInvocations.notEmptyAlarm);
    this.alarms.notifyOn(this.scoringRun.failedAlarm);

    this.audienceApi = new AudienceApi(this, 'AudienceApi', {
      dataBucket: this.bucket,
      namePrefix: settings.namePrefix,
      environment: pipelineEnvironment(this.bucket, this.segments, settings),
      logRetention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
      outputs: false,
    });

    this.addOutputs();
    acknowledgeNagFindings(this);
  }

  /**
   * What the deploy guide reads back with `aws cloudformation describe-stacks`. Under a stack with the id
   * `Default` (as PredictiveSegmentsStack does) the output keys are exactly these ids.
   */
  private addOutputs(): void {
    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('DataBucketName', this.bucket.bucketName, 'Upload extracts under incoming/<orders|customers|prospects>/; config/segments.config.yaml is the configuration');
    output('SegmentsTableName', this.segments.table.tableName, 'Scores and segment memberships (DynamoDB); members of a segment via the segment-members index');
    output('ScoringRunStateMachineArn', this.scoringRun.stateMachine.stateMachineArn, 'The scoring run: aws stepfunctions list-executions --state-machine-arn <this>');
    output('SegmentChangesEventBusName', this.scoringRun.segmentChanges.eventBusName, 'Segment membership changes (detail-type "Segment Membership Changed")');
    output('AlarmTopicArn', this.alarms.topic.topicArn, 'Failed runs and failed invocations are notified here');
    output('AudienceApiUrl', this.audienceApi.api.url, AUDIENCE_API_OUTPUTS.url);
    if (this.audienceApi.apiKey) output('AudienceApiKeyId', this.audienceApi.apiKey.keyId, AUDIENCE_API_OUTPUTS.keyId);
  }
}
