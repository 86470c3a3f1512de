import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  DistributedMap,
  Errors,
  Fail,
  type IChainable,
  JitterType,
  JsonPath,
  type QueryLanguage,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { RUN_STATES, type RunTaskState } from '../../functions/run/run-contract.js';

export type ScoringRunFunctions = Readonly<Record<RunTaskState, IFunction>>;

export interface ScoringRunDefinitionOptions {
  /** MaxConcurrency of the shard maps (Score and Write). */
  readonly shardConcurrency?: number;
}

export const DEFAULT_SHARD_CONCURRENCY = 16;
/** Lambda's own limit: a stage that needs longer must split its work into more shards. */
export const STAGE_TIMEOUT = Duration.minutes(15);
/** A run that has not finished by then is stopped; the next run takes over its stale lock. */
export const SCORING_RUN_TIMEOUT = Duration.hours(6);

export const SCORING_RUN_COMMENT =
  'Scoring run: prepare, train, score shards, segment, write shards, publish (see functions/run/run-contract.ts)';

/** The states of the definition that are not tasks; the task states are named as in RUN_STATES. */
export const CONTROL_STATES = {
  acquired: 'RunAcquired',
  trainingNeeded: 'TrainingNeeded',
  followUp: 'FollowUpRequested',
  notAcquired: 'NothingToRun',
  finished: 'RunFinished',
  failed: 'RunFailed',
} as const;

/** Transient errors of the Lambda service itself, as Step Functions names them. */
export const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
] as const;
export const LAMBDA_THROTTLING_ERRORS = ['Lambda.TooManyRequestsException'] as const;

/**
 * Retriers in the order Step Functions tries them (the first whose errors match is used).
 * Every stage is safe to run again: its effects are keyed by the run id, so a retried
 * failure of the handler itself (States.TaskFailed) gets a couple of attempts too.
 */
export const STAGE_RETRIES = [
  { errors: [...LAMBDA_SERVICE_ERRORS], interval: Duration.seconds(2), maxAttempts: 6, backoffRate: 2, maxDelay: Duration.minutes(1) },
  // The shard functions have reserved concurrency, so throttling can outlast a service hiccup.
  { errors: [...LAMBDA_THROTTLING_ERRORS], interval: Duration.seconds(5), maxAttempts: 8, backoffRate: 2, maxDelay: Duration.minutes(2) },
  { errors: [Errors.TASKS_FAILED], interval: Duration.seconds(10), maxAttempts: 2, backoffRate: 3, maxDelay: Duration.minutes(2) },
] as const;

/** CDK leaves out a zero tolerance (the AWS default); it is written out so the definition says it. */
class ShardMap extends DistributedMap {
  override toStateJson(queryLanguage?: QueryLanguage): object {
    return { ...super.toStateJson(queryLanguage), ToleratedFailurePercentage: 0 };
  }
}

const runOnly = () => TaskInput.fromObject({ run: JsonPath.objectAt('$.run') });

/**
 * The scoring run (see functions/run/run-contract.ts): every Lambda stage returns the event of
 * the next one, so a task's output is its function's response. Any failure is caught and handed
 * to Abandon, and the execution then fails with that error.
 *
 * Abandon receives the failed state's input with the error at `error`: `{ run, error, ... }`
 * from every stage after Start, and the trigger with `error` (no run) from Start. A payload of
 * `{ run.$, error.$ }` cannot express the second, since a missing path fails the execution.
 */
export function scoringRunDefinition(
  scope: Construct,
  functions: ScoringRunFunctions,
  options: ScoringRunDefinitionOptions = {},
): IChainable {
  const shardConcurrency = options.shardConcurrency ?? DEFAULT_SHARD_CONCURRENCY;
  const stage = (state: RunTaskState, payload?: TaskInput, resultPath?: string): LambdaInvoke => {
    const task = new LambdaInvoke(scope, state, {
      lambdaFunction: functions[state],
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(STAGE_TIMEOUT),
      ...(payload ? { payload } : {}),
      ...(resultPath ? { resultPath } : {}),
    });
    for (const retry of STAGE_RETRIES) task.addRetry({ ...retry, errors: [...retry.errors], jitterStrategy: JitterType.FULL });
    return task;
  };
  // A failed shard fails the map (no tolerated failures): the run is abandoned and nothing is published.
  const shardMap = (id: string, processor: LambdaInvoke, resultPath: string): DistributedMap =>
    new ShardMap(scope, id, {
      itemsPath: JsonPath.stringAt('$.run.shards'),
      itemSelector: { run: JsonPath.objectAt('$.run'), shard: JsonPath.objectAt('$$.Map.Item.Value') },
      maxConcurrency: shardConcurrency,
      resultPath,
    }).itemProcessor(processor);

  // Abandon's own result is dropped, so the execution fails with the error that was caught.
  const abandon = stage(RUN_STATES.abandon, undefined, JsonPath.DISCARD);
  const abandonThenFail = abandon.next(
    new Fail(scope, CONTROL_STATES.failed, { errorPath: '$.error.Error', causePath: '$.error.Cause' }),
  );

  const start = stage(RUN_STATES.start);
  const prepare = stage(RUN_STATES.prepare, runOnly());
  const train = stage(RUN_STATES.train, runOnly());
  const score = shardMap(RUN_STATES.score, stage(RUN_STATES.scoreShard), '$.shardScores');
  const segment = stage(
    RUN_STATES.segment,
    TaskInput.fromObject({ run: JsonPath.objectAt('$.run'), shardScores: JsonPath.listAt('$.shardScores') }),
  );
  const write = shardMap(RUN_STATES.write, stage(RUN_STATES.writeShard), '$.shardResults');
  const publish = stage(
    RUN_STATES.publish,
    TaskInput.fromObject({ run: JsonPath.objectAt('$.run'), shardResults: JsonPath.listAt('$.shardResults') }),
  );
  for (const failing of [start, prepare, train, score, segment, write, publish]) {
    failing.addCatch(abandonThenFail, { errors: [Errors.ALL], resultPath: '$.error' });
  }

  const afterPrepare = new Choice(scope, CONTROL_STATES.trainingNeeded)
    .when(Condition.booleanEquals('$.run.train', true), train.next(score))
    .otherwise(score);
  score.next(segment).next(write).next(publish).next(
    new Choice(scope, CONTROL_STATES.followUp)
      .when(Condition.booleanEquals('$.loop', true), prepare)
      .otherwise(new Succeed(scope, CONTROL_STATES.finished)),
  );
  prepare.next(afterPrepare);

  return start.next(
    new Choice(scope, CONTROL_STATES.acquired)
      .when(Condition.booleanEquals('$.acquired', true), prepare)
      .otherwise(new Succeed(scope, CONTROL_STATES.notAcquired)),
  );
}
