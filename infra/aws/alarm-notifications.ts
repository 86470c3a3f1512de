import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** The CDK context value (`cdk deploy -c alarmEmail=ops@example.com`) that subscribes an address. */
export const ALARM_EMAIL_CONTEXT_KEY = 'alarmEmail';

export interface AlarmNotificationsProps {
  /** Subscribed by email when given; the topic exists either way, for other subscribers. */
  readonly email?: string;
  /** An existing topic to notify instead of creating one; `email` cannot be given with it. */
  readonly topic?: ITopic;
  /** Of the own topic's KMS key; default RETAIN. DESTROY schedules the key's deletion when the stack is deleted. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The SNS topic the pipeline's alarms notify. Its own topic is encrypted with a key of its own because
 * CloudWatch can only publish to an encrypted topic whose key policy lets it use the key, which the
 * AWS managed key for SNS does not. A topic passed in is used as it is.
 */
export class AlarmNotifications extends Construct {
  readonly topic: ITopic;
  /** The key of the construct's own topic; undefined when an existing topic was given. */
  readonly key: Key | undefined;

  constructor(scope: Construct, id: string, props: AlarmNotificationsProps = {}) {
    super(scope, id);
    if (props.topic) {
      if (props.email !== undefined) throw new Error('An alarm email cannot be subscribed to an existing topic; subscribe it to that topic instead.');
      this.topic = props.topic;
      this.key = undefined;
      return;
    }
    const key = new Key(this, 'Key', {
      description: 'Encrypts the pipeline alarm notifications topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new Topic(this, 'Topic', {
      displayName: 'Predictive segments alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email !== undefined) {
      if (!/^[^@\s]+@[^@\s]+$/.test(props.email)) {
        throw new Error(`${ALARM_EMAIL_CONTEXT_KEY} must be one email address, got "${props.email}"`);
      }
      topic.addSubscription(new EmailSubscription(props.email));
    }
    this.key = key;
    this.topic = topic;
  }

  notifyOn(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
