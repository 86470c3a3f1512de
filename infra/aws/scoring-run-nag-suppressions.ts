import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { flattenedResource } from './nag-finding-ids.js';
import type { ScoringRun } from './scoring-run.js';

/**
 * The findings of the scoring run's state machine role that CDK's Step Functions constructs
 * cannot avoid; acknowledged on the policies that carry them, never on the stack.
 */
export const acknowledgeScoringRunFindings = (scoringRun: ScoringRun): void => {
  const stateMachine = scoringRun.stateMachine;
  const role = stateMachine.role;
  const stack = Stack.of(stateMachine);

  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Logging to CloudWatch Logs (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ' +
      'ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray tracing ' +
      '(xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) support no resource-level ' +
      'permissions, so AWS requires Resource "*" for them; test/infra checks no other action gets it.',
  });

  for (const [state, stageFunction] of Object.entries(scoringRun.functions)) {
    const functionId = stack.resolve((stageFunction.handler.node.defaultChild as CfnResource).logicalId) as string;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        `CDK's LambdaInvoke grants lambda:InvokeFunction on the ${state} function and on its versions and aliases ` +
        '(`<arn>:*`); the wildcard covers qualifiers of that one function only, and the definition invokes it unqualified.',
    });
  }

  const stateMachineName = stack.resolve({
    'Fn::Select': [6, { 'Fn::Split': [':', stack.resolve(stateMachine.stateMachineArn)] }],
  });
  const [partition, region, account] = [stack.partition, stack.region, stack.account].map((value) => flattenedResource(stack, value));
  const executionArn = (suffix: string) => `arn:${partition}:states:${region}:${account}:execution:${JSON.stringify(stateMachineName)}${suffix}`;
  const distributedMapPolicy = distributedMapPolicyOf(stateMachine);
  for (const [suffix, actions] of [
    [':*', 'states:DescribeExecution and states:StopExecution'],
    ['/*:*', 'states:RedriveExecution'],
  ] as const) {
    Validations.of(distributedMapPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${executionArn(suffix)}]`,
      reason:
        `The Distributed Maps run each shard as a child execution of this state machine, named at run time; ${actions} ` +
        'are limited to executions of this one state machine (and, for redrive, the map runs inside them).',
    });
  }
};

const distributedMapPolicyOf = (stateMachine: IConstruct): IConstruct => {
  const policy = stateMachine.node.tryFindChild('DistributedMapPolicy');
  if (!policy) throw new Error(`Expected a DistributedMapPolicy under ${stateMachine.node.path}`);
  return policy;
};
