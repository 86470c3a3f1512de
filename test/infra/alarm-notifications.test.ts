import { RemovalPolicy } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthTestStack } from './synth-test-stack.js';

describe('alarm notifications', () => {
  const { stack, template } = synthTestStack({}, { alarmEmail: 'ops@example.com' });
  const topicId = logicalIdOf(stack, stack.pipeline.alarms.topic);

  it('go to an SNS topic encrypted with its own rotating key, which CloudWatch may use', () => {
    const key = stack.pipeline.alarms.key;
    if (!key) throw new Error('the construct was given no topic, so it has a key of its own');
    const keyId = logicalIdOf(stack, key);

    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
  });

  it('keep their key when the stack is deleted, unless the removal policy is DESTROY', () => {
    const keyPolicyOf = (t: typeof template) => Object.values(t.findResources('AWS::KMS::Key')).map((key) => key.DeletionPolicy);

    expect(keyPolicyOf(template)).toEqual(['Retain']);
    expect(keyPolicyOf(synthTestStack({}, { removalPolicy: RemovalPolicy.DESTROY }).template)).toEqual(['Delete']);
  });

  it('refuse publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('are sent for the failed-invocations queue and for failed scoring runs', () => {
    const alarmActions = (alarmId: string) => template.toJSON().Resources[alarmId].Properties.AlarmActions;

    expect(alarmActions(logicalIdOf(stack, stack.pipeline.failedInvocations.notEmptyAlarm))).toEqual([{ Ref: topicId }]);
    expect(alarmActions(logicalIdOf(stack, stack.pipeline.scoringRun.failedAlarm))).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Id: 'failed', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ExecutionsFailed' }) }) }),
      ]),
      Threshold: 1,
    });
  });

  it('are mailed to the alarmEmail address', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
  });

  it('have no subscription without an alarmEmail, and refuse one that is not an address', () => {
    expect(Object.keys(synthTestStack().template.findResources('AWS::SNS::Subscription'))).toEqual([]);
    expect(() => synthTestStack({}, { alarmEmail: 'ops at example' })).toThrow(/alarmEmail/);
  });
});
