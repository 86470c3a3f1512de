import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface NightlyScheduleProps {
  readonly rescore: IFunction;
  readonly failedInvocations: IQueue;
}

/**
 * Invokes the rescoring function every night at 02:00 UTC, after the day's uploads.
 * An EventBridge rule (rather than EventBridge Scheduler) delivers the standard
 * `Scheduled Event` payload, whose `time` the handler can use as the scoring date.
 */
export class NightlySchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: NightlyScheduleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'Nightly rescoring of all customers',
      schedule: Schedule.cron({ minute: '0', hour: '2' }),
    });
    this.rule.addTarget(
      new LambdaFunction(props.rescore, {
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: props.failedInvocations,
      }),
    );
  }
}
