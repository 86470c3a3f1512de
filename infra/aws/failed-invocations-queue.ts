import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Where failed asynchronous invocations end up: Lambda's on-failure destination for
 * both functions and the dead-letter queue of the nightly schedule's target.
 * Any message here means an upload or a rescoring run was dropped after its retries.
 */
export class FailedInvocationsQueue extends Construct {
  readonly queue: Queue;
  readonly notEmptyAlarm: Alarm;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.notEmptyAlarm = new Alarm(this, 'NotEmptyAlarm', {
      alarmDescription: 'A pipeline invocation failed after all retries; inspect the failed-invocations queue.',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
