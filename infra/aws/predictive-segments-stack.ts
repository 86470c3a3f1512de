import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { AlarmNotifications, alarmEmailFrom } from './alarm-notifications.js';
import { DataBucket } from './data-bucket.js';
import { FailedInvocationsQueue } from './failed-invocations-queue.js';
import { acknowledgeNagFindings } from './nag-suppressions.js';
import { NightlySchedule } from './nightly-schedule.js';
import { PipelineFunctions } from './pipeline-functions.js';
import { RuntimeDependenciesLayer } from './runtime-dependencies-layer.js';
import { ScoringRun } from './scoring-run.js';
import { SegmentsTable } from './segments-table.js';

export const STACK_NAME = 'PredictiveSegments';

export interface PredictiveSegmentsStackProps extends StackProps {
  /** Replaces the layer staged from node_modules; tests pass a tiny asset to keep synth fast. */
  readonly runtimeDependenciesCode?: Code;
  /** MaxConcurrency of the scoring run's shard maps; defaults to 16. */
  readonly shardConcurrency?: number;
  /** Reserved concurrency of the shard functions; defaults to 16. */
  readonly shardReservedConcurrency?: number;
  /**
   * The prediction horizon in days every function gets as HORIZON_DAYS; defaults to 90 (the CDK
   * context value `horizonDays` in the app). The configuration file's scoring.horizonDays overrides it.
   */
  readonly horizonDays?: number;
}

export class PredictiveSegmentsStack extends Stack {
  readonly data: DataBucket;
  readonly segments: SegmentsTable;
  readonly failedInvocations: FailedInvocationsQueue;
  readonly functions: PipelineFunctions;
  readonly nightlySchedule: NightlySchedule;
  readonly scoringRun: ScoringRun;
  readonly alarms: AlarmNotifications;

  constructor(scope: Construct, id: string, props: PredictiveSegmentsStackProps = {}) {
    super(scope, id, props);
    this.data = new DataBucket(this, 'Data');
    this.segments = new SegmentsTable(this, 'Segments');
    this.failedInvocations = new FailedInvocationsQueue(this, 'FailedInvocations');
    const runtimeDependencies = new RuntimeDependenciesLayer(this, 'RuntimeDependencies', {
      code: props.runtimeDependenciesCode,
    });

    this.functions = new PipelineFunctions(this, 'Pipeline', {
      dataBucket: this.data.bucket,
      segments: this.segments,
      runtimeDependencies: runtimeDependencies.layer,
      failedInvocations: this.failedInvocations.queue,
      horizonDays: props.horizonDays,
    });
    this.nightlySchedule = new NightlySchedule(this, 'NightlySchedule', {
      rescore: this.functions.nightlyRescore.handler,
      failedInvocations: this.failedInvocations.queue,
    });
    this.scoringRun = new ScoringRun(this, 'ScoringRun', {
      dataBucket: this.data.bucket,
      segments: this.segments,
      runtimeDependencies: runtimeDependencies.layer,
      failedInvocations: this.failedInvocations.queue,
      shardConcurrency: props.shardConcurrency,
      shardReservedConcurrency: props.shardReservedConcurrency,
      horizonDays: props.horizonDays,
    });
    this.scoringRun.grantStartExecution(this.functions.ingestUpload);
    this.scoringRun.grantStartExecution(this.functions.nightlyRescore);

    this.alarms = new AlarmNotifications(this, 'Alarms', { email: alarmEmailFrom(this) });
    this.alarms.notifyOn(this.failedInvocations.notEmptyAlarm);
    this.alarms.notifyOn(this.scoringRun.failedAlarm);

    acknowledgeNagFindings(this);
  }
}
