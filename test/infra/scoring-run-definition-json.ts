import type { Template } from 'aws-cdk-lib/assertions';
import { RUN_HANDLER_FILES, type RunTaskState } from '../../functions/run/run-contract.js';
import type { PredictiveSegmentsStack } from '../../infra/aws/predictive-segments-stack.js';
import type { AslDefinition } from '../../infra/local/runtime/scoring-run/index.js';
import { logicalIdOf } from './synth-test-stack.js';

/**
 * The state machine's definition as the template holds it (an `Fn::Join` around the functions'
 * ARNs), parsed, with each function's `Fn::GetAtt` replaced by `arnOf(state)`.
 */
export function definitionInTemplate(
  stack: PredictiveSegmentsStack,
  template: Template,
  arnOf: (state: RunTaskState) => string = (state) => `arn:aws:lambda:us-east-1:123456789012:function:${state}`,
): AslDefinition {
  const stateOfFunction = new Map(
    (Object.keys(RUN_HANDLER_FILES) as RunTaskState[]).map((state) => [logicalIdOf(stack, stack.pipeline.scoringRun.functions[state].handler), state]),
  );
  const resource = template.toJSON().Resources[logicalIdOf(stack, stack.pipeline.scoringRun.stateMachine)];
  const definition = resource.Properties.DefinitionString as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof definition === 'string') return JSON.parse(definition) as AslDefinition;
  const [separator, parts] = definition['Fn::Join'];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const [logicalId, attribute] = (part as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      const state = stateOfFunction.get(logicalId);
      if (!state || attribute !== 'Arn') throw new Error(`Unexpected reference in the definition: ${JSON.stringify(part)}`);
      return arnOf(state);
    })
    .join(separator);
  return JSON.parse(text) as AslDefinition;
}
