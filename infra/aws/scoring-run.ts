import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RUN_HANDLER_FILES, type RunTaskState } from '../../functions/run/run-contract.js';
import { ENV, scoringRunLogGroupNameFor, scoringRunStateMachineNameFor, segmentEventBusNameFor } from '../../functions/shared/resource-names.js';
import { grantBucketAccess, RUN_STAGE_BUCKET_ACCESS } from './bucket-access.js';
import { PipelineFunction } from './pipeline-function.js';
import { functionSettings, pipelineEnvironment } from './pipeline-functions.js';
import type { ResolvedSettings } from './predictive-segments-props.js';
import { RUN_HANDLER_ENTRIES, RUN_STAGE_THREADS } from './project-paths.js';
import {
  DEFAULT_SHARD_CONCURRENCY,
  SCORING_RUN_COMMENT,
  SCORING_RUN_TIMEOUT,
  scoringRunDefinition,
} from './scoring-run-definition.js';
import type { SegmentsTable } from './segments-table.js';

export interface ScoringRunProps {
  readonly dataBucket: IBucket;
  readonly segments: SegmentsTable;
  readonly runtimeDependencies: ILayerVersion;
  readonly failedInvocations: IQueue;
  /** How many shards each map works on at once. */
  readonly shardConcurrency?: number;
  /** Reserved concurrency of the shard functions, which bounds the write rate on the table. */
  readonly shardReservedConcurrency?: number;
  readonly timeout?: Duration;
  /** Names (from the prefix), horizon, memory sizes, log retention and removal policy. */
  readonly settings: ResolvedSettings;
}

const STAGE_DESCRIPTIONS: Readonly<Record<RunTaskState, string>> = {
  Start: 'Scoring run: takes the single-flight lock and opens a run, or records the request for the running one',
  Prepare: 'Scoring run: snapshots the accepted clean data and partitions customers into shards',
  Train: 'Scoring run: trains a challenger model and promotes it when it beats the champion',
  ScoreShard: 'Scoring run: computes features and scores for one shard of customers',
  Segment: 'Scoring run: reduces every shard score to the population cut points of the segments',
  WriteShard: 'Scoring run: assigns segments to one shard and writes its changed items',
  Publish: 'Scoring run: publishes the catalogue, report and audiences, then flips the current run',
  Abandon: 'Scoring run: records a failed run and releases its lock without publishing it',
};

/** The shard functions run once per shard at a time under the maps; the others once per run. */
const SHARD_STAGES: readonly RunTaskState[] = ['ScoreShard', 'WriteShard'];

/**
 * The scoring run: one function per task state of the contract and the Step Functions state
 * machine that runs them (definition in scoring-run-definition.ts). Starting a run is granted
 * to the functions that request one with `grantStartExecution`.
 */
export class ScoringRun extends Construct {
  readonly functions: Readonly<Record<RunTaskState, PipelineFunction>>;
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  /** Raised by a run that failed, timed out or was stopped. */
  readonly failedAlarm: Alarm;
  /**
   * Publish sends every segment membership change here (detail-type `Segment Membership Changed`,
   * source `predictive-segments`); marketing tools subscribe with rules on this bus.
   */
  readonly segmentChanges: EventBus;

  constructor(scope: Construct, id: string, props: ScoringRunProps) {
    super(scope, id);
    const shardConcurrency = props.shardConcurrency ?? DEFAULT_SHARD_CONCURRENCY;
    const shardReservedConcurrency = props.shardReservedConcurrency ?? DEFAULT_SHARD_CONCURRENCY;
    const functionsScope = new Construct(this, 'Functions');
    const { settings } = props;
    const environment = pipelineEnvironment(props.dataBucket, props.segments, settings);
    const stages = Object.keys(RUN_HANDLER_FILES) as RunTaskState[];

    this.functions = Object.fromEntries(
      stages.map((state) => {
        const stageFunction = new PipelineFunction(functionsScope, state, {
          entry: RUN_HANDLER_ENTRIES[state],
          description: STAGE_DESCRIPTIONS[state],
          environment,
          ...functionSettings(settings, state),
          runtimeDependencies: props.runtimeDependencies,
          failedInvocations: props.failedInvocations,
          ...(SHARD_STAGES.includes(state) ? { reservedConcurrentExecutions: shardReservedConcurrency } : {}),
          ...(RUN_STAGE_THREADS[state] ? { threads: RUN_STAGE_THREADS[state] } : {}),
        });
        grantBucketAccess(props.dataBucket, stageFunction.dataAccess, RUN_STAGE_BUCKET_ACCESS[state]);
        props.segments.grantItemAccess(stageFunction.dataAccess);
        return [state, stageFunction];
      }),
    ) as Record<RunTaskState, PipelineFunction>;

    this.segmentChanges = new EventBus(this, 'SegmentChanges', {
      eventBusName: segmentEventBusNameFor(settings.namePrefix),
      description: 'Segment membership changes (entered/exited) of each published scoring run',
    });
    const publish = this.functions.Publish;
    publish.handler.addEnvironment(ENV.segmentEventBus, this.segmentChanges.eventBusName);
    publish.dataAccess.addStatements(new PolicyStatement({ actions: ['events:PutEvents'], resources: [this.segmentChanges.eventBusArn] }));

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: scoringRunLogGroupNameFor(settings.namePrefix),
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    const handlers = Object.fromEntries(stages.map((state) => [state, this.functions[state].handler])) as Record<
      RunTaskState,
      PipelineFunction['handler']
    >;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: scoringRunStateMachineNameFor(settings.namePrefix),
      comment: SCORING_RUN_COMMENT,
      definitionBody: DefinitionBody.fromChainable(
        scoringRunDefinition(new Construct(this, 'Definition'), handlers, { shardConcurrency }),
      ),
      stateMachineType: StateMachineType.STANDARD,
      timeout: props.timeout ?? SCORING_RUN_TIMEOUT,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });

    this.failedAlarm = new Alarm(this, 'FailedAlarm', {
      alarmDescription: 'A scoring run failed, timed out or was stopped; its execution history names the stage and error.',
      metric: new MathExpression({
        expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
        usingMetrics: {
          failed: this.stateMachine.metricFailed({ statistic: 'Sum' }),
          timedOut: this.stateMachine.metricTimedOut({ statistic: 'Sum' }),
          aborted: this.stateMachine.metricAborted({ statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Lets a function start runs: `states:StartExecution` on this state machine and its ARN in the environment. */
  grantStartExecution(pipelineFunction: PipelineFunction): void {
    pipelineFunction.dataAccess.addStatements(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.stateMachine.stateMachineArn] }),
    );
    pipelineFunction.handler.addEnvironment(ENV.scoringRunStateMachine, this.stateMachine.stateMachineArn);
  }
}
