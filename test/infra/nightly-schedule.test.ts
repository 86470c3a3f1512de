import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthTestStack } from './synth-test-stack.js';

describe('nightly schedule', () => {
  const { stack, template } = synthTestStack();
  const rescoreId = logicalIdOf(stack, stack.functions.nightlyRescore.handler);
  const queueId = logicalIdOf(stack, stack.failedInvocations.queue);

  it('invokes the rescoring function at 02:00 UTC every day, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [rescoreId, 'Arn'] },
          Id: 'Target0',
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        },
      ],
    });
  });

  it('allows EventBridge to invoke the rescoring function only from this rule', () => {
    const ruleId = logicalIdOf(stack, stack.nightlySchedule.rule);

    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [rescoreId, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    });
  });

  it('is the only schedule in the stack', () => {
    const rules = template.findResources('AWS::Events::Rule');

    expect(Object.keys(rules)).toHaveLength(1);
  });
});
