import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthTestStack } from './synth-test-stack.js';

describe('nightly schedule', () => {
  const { stack, template } = synthTestStack();
  const rescoreId = logicalIdOf(stack, stack.pipeline.functions.nightlyRescore.handler);
  const queueId = logicalIdOf(stack, stack.pipeline.failedInvocations.queue);
  const scheduleOf = (t = template) => Object.values(t.findResources('AWS::Scheduler::Schedule'))[0]?.Properties;

  it('invokes the rescoring function at 02:00 UTC every day, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'predictive-segments-nightly-rescore',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [rescoreId, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      }),
    });
  });

  it('sends the Scheduled Event an EventBridge rule would, timed at the scheduled time', () => {
    const input = JSON.stringify(scheduleOf()?.Target.Input);

    expect(input).toContain('\\"detail-type\\":\\"Scheduled Event\\"');
    expect(input).toContain('\\"time\\":\\"<aws.scheduler.scheduled-time>\\"');
    expect(input).toContain('\\"detail\\":{}');
  });

  it('takes a cron expression in a time zone, or deploys disabled', () => {
    const berlin = synthTestStack({}, { schedule: { expression: 'cron(30 3 ? * MON-FRI *)', timeZone: 'Europe/Berlin' } }).template;
    const disabled = synthTestStack({}, { schedule: { enabled: false } }).template;

    expect(scheduleOf(berlin)).toMatchObject({ ScheduleExpression: 'cron(30 3 ? * MON-FRI *)', ScheduleExpressionTimezone: 'Europe/Berlin' });
    expect(scheduleOf(disabled)?.State).toBe('DISABLED');
  });

  it('refuses an expression or a time zone Scheduler would reject at deploy time', () => {
    expect(() => synthTestStack({}, { schedule: { expression: '0 2 * * *' } })).toThrow(/schedule\.expression/);
    expect(() => synthTestStack({}, { schedule: { timeZone: 'Mars/Olympus' } })).toThrow(/schedule\.timeZone/);
  });

  it('is the only schedule in the stack, and no EventBridge rule runs alongside it', () => {
    expect(Object.keys(template.findResources('AWS::Scheduler::Schedule'))).toHaveLength(1);
    expect(Object.keys(template.findResources('AWS::Events::Rule'))).toHaveLength(0);
  });
});
