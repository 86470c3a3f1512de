import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** The CDK context value (`cdk deploy -c alarmEmail=ops@example.com`) that subscribes an address. */
export const ALARM_EMAIL_CONTEXT_KEY = 'alarmEmail';

export interface AlarmNotificationsProps {
  /** Subscribed by email when given; the topic exists either way, for other subscribers. */
  readonly email?: string;
}

/**
 * The SNS topic the pipeline's alarms notify. It is encrypted with a key of its own because
 * CloudWatch can only publish to an encrypted topic whose key policy lets it use the key,
 * which the AWS managed key for SNS does not.
 */
export class AlarmNotifications extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmNotificationsProps = {}) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the pipeline alarm notifications topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
    });
    this.key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Predictive segments alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email !== undefined) {
      if (!/^[^@\s]+@[^@\s]+$/.test(props.email)) {
        throw new Error(`${ALARM_EMAIL_CONTEXT_KEY} must be one email address, got "${props.email}"`);
      }
      this.topic.addSubscription(new EmailSubscription(props.email));
    }
  }

  notifyOn(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}

/** The alarm email from the CDK context, if one was given. */
export const alarmEmailFrom = (scope: Construct): string | undefined => {
  const value: unknown = scope.node.tryGetContext(ALARM_EMAIL_CONTEXT_KEY);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`${ALARM_EMAIL_CONTEXT_KEY} must be a string`);
  return value;
};
