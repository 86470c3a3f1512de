import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { type CfnStateMachine, DefinitionBody, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { RUN_HANDLER_FILES, type RunTaskState } from '../../../../functions/run/run-contract.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../../functions/shared/resource-names.js';
import {
  SCORING_RUN_COMMENT,
  SCORING_RUN_TIMEOUT,
  scoringRunDefinition,
  type ScoringRunDefinitionOptions,
} from '../../../aws/scoring-run-definition.js';
import { resolveIntrinsics } from './resolve-intrinsics.js';

/** An Amazon States Language document, as Step Functions receives it. */
export type AslDefinition = { StartAt: string; States: Record<string, AslState>; TimeoutSeconds?: number } & Record<string, unknown>;
export type AslState = { Type: string; Resource?: string; TimeoutSeconds?: number } & Record<string, unknown>;

/** The local function name of each task state: its handler file's name, as the CLI names `ingest-upload`. */
export const LOCAL_FUNCTION_NAMES = Object.fromEntries(
  Object.entries(RUN_HANDLER_FILES).map(([state, file]) => [state, file.split('/').at(-1)!.replace(/\.ts$/, '')]),
) as Record<RunTaskState, string>;

export const localFunctionArn = (state: RunTaskState): string =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${LOCAL_FUNCTION_NAMES[state]}`;

const cache = new Map<string, AslDefinition>();

/**
 * The scoring run's definition exactly as CDK synthesizes it for the stack (same states, retries,
 * catches, timeouts), with each task's function imported by a local ARN. Rendered once per process
 * and options; callers get their own copy.
 */
export function renderScoringRunDefinition(options: ScoringRunDefinitionOptions = {}): AslDefinition {
  const key = JSON.stringify(options);
  let definition = cache.get(key);
  if (!definition) {
    definition = synthesizeDefinition(options);
    cache.set(key, definition);
  }
  return structuredClone(definition);
}

function synthesizeDefinition(options: ScoringRunDefinitionOptions): AslDefinition {
  const stack = new Stack(new App(), 'LocalScoringRun', { env: { account: LOCAL_ACCOUNT, region: LOCAL_REGION } });
  const functions = Object.fromEntries(
    (Object.keys(RUN_HANDLER_FILES) as RunTaskState[]).map((state) => [
      state,
      LambdaFunction.fromFunctionArn(stack, `${state}Function`, localFunctionArn(state)),
    ]),
  ) as Record<RunTaskState, ReturnType<typeof LambdaFunction.fromFunctionArn>>;
  const stateMachine = new StateMachine(stack, 'ScoringRun', {
    definitionBody: DefinitionBody.fromChainable(scoringRunDefinition(stack, functions, options)),
    comment: SCORING_RUN_COMMENT,
    timeout: SCORING_RUN_TIMEOUT,
  });
  const definitionString = resolveIntrinsics(
    stack.resolve((stateMachine.node.defaultChild as CfnStateMachine).definitionString),
    { partition: 'aws', region: LOCAL_REGION, accountId: LOCAL_ACCOUNT },
  );
  if (typeof definitionString !== 'string') throw new Error('The scoring run definition did not resolve to a string');
  return JSON.parse(definitionString) as AslDefinition;
}
