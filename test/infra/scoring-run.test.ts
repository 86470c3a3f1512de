import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { RUN_HANDLER_FILES, RUN_STATES, type RunTaskState } from '../../functions/run/run-contract.js';
import { LAMBDA_SERVICE_ERRORS, LAMBDA_THROTTLING_ERRORS } from '../../infra/aws/scoring-run-definition.js';
import type { AslState } from '../../infra/local/runtime/scoring-run/index.js';
import { definitionInTemplate } from './scoring-run-definition-json.js';
import { logicalIdOf, ownData, synthTestStack } from './synth-test-stack.js';

interface Retrier {
  ErrorEquals: string[];
  MaxAttempts?: number;
  BackoffRate?: number;
  IntervalSeconds?: number;
}
interface Catcher {
  ErrorEquals: string[];
  ResultPath?: string;
  Next: string;
}

describe('scoring run', () => {
  const { stack, template } = synthTestStack();
  const resources = template.toJSON().Resources;
  const definition = definitionInTemplate(stack, template);
  const stateMachineId = logicalIdOf(stack, stack.pipeline.scoringRun.stateMachine);
  const mapStates = [RUN_STATES.score, RUN_STATES.write].map((name) => ({ name, state: definition.States[name]! }));
  const processorOf = (state: AslState) => state.ItemProcessor as { ProcessorConfig: Record<string, string>; StartAt: string; States: Record<string, AslState> };
  const taskStates = (): Array<[string, AslState]> => [
    ...Object.entries(definition.States).filter(([, state]) => state.Type === 'Task'),
    ...mapStates.flatMap(({ state }) => Object.entries(processorOf(state).States)),
  ];

  it('is a STANDARD state machine with X-Ray tracing, all events logged and a 6-hour timeout', () => {
    const properties = resources[stateMachineId].Properties;

    expect(properties.StateMachineType).toBe('STANDARD');
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(properties.LoggingConfiguration).toMatchObject({
      Level: 'ALL',
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf(stack, stack.pipeline.scoringRun.logGroup), 'Arn'] } } }],
    });
    expect(definition.TimeoutSeconds).toBe(6 * 3600);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/'),
      RetentionInDays: Match.anyValue(),
    });
  });

  it('has one task state per handler of the contract, each invoking its own function', () => {
    const tasks = Object.fromEntries(taskStates());

    expect(Object.keys(tasks).sort()).toEqual(Object.keys(RUN_HANDLER_FILES).sort());
    for (const state of Object.keys(RUN_HANDLER_FILES) as RunTaskState[]) {
      expect(tasks[state]?.Resource).toBe(`arn:aws:lambda:us-east-1:123456789012:function:${state}`);
    }
  });

  it('starts with Start and ends at once when the lock is not acquired', () => {
    expect(definition.StartAt).toBe(RUN_STATES.start);
    const choice = definition.States[definition.States.Start!.Next as string]!;

    expect(choice).toMatchObject({ Type: 'Choice', Choices: [{ Variable: '$.acquired', BooleanEquals: true, Next: 'Prepare' }] });
    expect(definition.States[choice.Default as string]?.Type).toBe('Succeed');
  });

  it.each(mapStates)('runs $name as a Distributed Map over the shards with no tolerated failure', ({ state }) => {
    expect(state).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.run.shards',
      ItemSelector: { 'run.$': '$.run', 'shard.$': '$$.Map.Item.Value' },
      MaxConcurrency: 16,
      ToleratedFailurePercentage: 0,
    });
    expect(processorOf(state).ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
  });

  it('collects the shard results where Segment and Publish read them', () => {
    expect(definition.States.Score?.ResultPath).toBe('$.shardScores');
    expect(definition.States.Write?.ResultPath).toBe('$.shardResults');
    expect(definition.States.Segment?.Parameters).toEqual({ 'run.$': '$.run', 'shardScores.$': '$.shardScores' });
    expect(definition.States.Publish?.Parameters).toEqual({ 'run.$': '$.run', 'shardResults.$': '$.shardResults' });
  });

  it.each(['Start', 'Prepare', 'Train', 'ScoreShard', 'Segment', 'WriteShard', 'Publish', 'Abandon'])(
    '%s retries Lambda service errors, throttling and its own failures with backoff, within 15 minutes an attempt',
    (name) => {
      const state = Object.fromEntries(taskStates())[name]!;
      const retry = state.Retry as Retrier[];
      const retrierFor = (error: string) => retry.find((retrier) => retrier.ErrorEquals.includes(error));

      expect(state.TimeoutSeconds).toBe(900);
      for (const error of [...LAMBDA_SERVICE_ERRORS, ...LAMBDA_THROTTLING_ERRORS, 'States.TaskFailed']) {
        expect(retrierFor(error)).toMatchObject({ MaxAttempts: expect.any(Number), BackoffRate: expect.any(Number) });
        expect(retrierFor(error)!.BackoffRate).toBeGreaterThan(1);
      }
      expect(retrierFor('States.TaskFailed')!.MaxAttempts).toBeLessThanOrEqual(3);
      expect(retry.at(-1)?.ErrorEquals).toEqual(['States.TaskFailed']);
    },
  );

  it('catches every failure of a stage or a map into Abandon, with the error at $.error', () => {
    const catching = ['Start', 'Prepare', 'Train', 'Score', 'Segment', 'Write', 'Publish'];

    for (const name of catching) {
      expect(definition.States[name]?.Catch as Catcher[]).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Abandon' }]);
    }
  });

  it('fails the execution with the caught error once Abandon has run', () => {
    const abandon = definition.States.Abandon!;
    const fail = definition.States[abandon.Next as string]!;

    expect(abandon.ResultPath).toBeNull();
    expect(abandon.Catch).toBeUndefined();
    expect(fail).toEqual({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  it('trains only when Prepare says so, and loops to Prepare when Publish asks for a follow-up', () => {
    const trainingChoice = definition.States[definition.States.Prepare!.Next as string]!;
    const followUpChoice = definition.States[definition.States.Publish!.Next as string]!;

    expect(trainingChoice).toMatchObject({ Choices: [{ Variable: '$.run.train', BooleanEquals: true, Next: 'Train' }], Default: 'Score' });
    expect(definition.States.Train?.Next).toBe('Score');
    expect(followUpChoice).toMatchObject({ Choices: [{ Variable: '$.loop', BooleanEquals: true, Next: 'Prepare' }] });
    expect(definition.States[followUpChoice.Default as string]?.Type).toBe('Succeed');
  });

  it('reserves concurrency for the shard functions only', () => {
    const reserved = (state: RunTaskState) =>
      resources[logicalIdOf(stack, stack.pipeline.scoringRun.functions[state].handler)].Properties.ReservedConcurrentExecutions;

    expect(reserved('ScoreShard')).toBe(16);
    expect(reserved('WriteShard')).toBe(16);
    expect((['Start', 'Prepare', 'Train', 'Segment', 'Publish', 'Abandon'] as const).map(reserved)).toEqual([
      undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });

  it('gives every stage the shared environment', () => {
    for (const stageFunction of Object.values(stack.pipeline.scoringRun.functions)) {
      expect(resources[logicalIdOf(stack, stageFunction.handler)].Properties.Environment.Variables).toMatchObject({
        DATA_BUCKET: { Ref: logicalIdOf(stack, ownData(stack).bucket) },
        SEGMENTS_TABLE: { Ref: logicalIdOf(stack, stack.pipeline.segments.table) },
        HORIZON_DAYS: '90',
        CLV_HORIZON_DAYS: '365',
        POWERTOOLS_SERVICE_NAME: 'predictive-segments',
      });
    }
  });

  it.each(['ingestUpload', 'nightlyRescore'] as const)('lets %s start executions of this state machine only, named in its environment', (name) => {
    const pipelineFunction = stack.pipeline.functions[name];
    const statements = resources[logicalIdOf(stack, pipelineFunction.dataAccess)].Properties.PolicyDocument.Statement as Array<{
      Action: string | string[];
      Resource: unknown;
    }>;

    expect(statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('states:')))).toEqual([
      expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: stateMachineId } }),
    ]);
    expect(resources[logicalIdOf(stack, pipelineFunction.handler)].Properties.Environment.Variables.SCORING_RUN_STATE_MACHINE).toEqual({
      Ref: stateMachineId,
    });
  });
});
