import { type CfnResource, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleConfig } from '../../models/config/schedule-section.js';

export interface NightlyScheduleProps {
  readonly rescore: IFunction;
  readonly failedInvocations: IQueue;
  readonly scheduleName: string;
  readonly settings: ScheduleConfig;
}

/**
 * Invokes the rescoring function on the configured schedule (02:00 UTC every day unless told otherwise),
 * after the day's uploads. EventBridge Scheduler rather than an EventBridge rule, because only Scheduler
 * reads a cron expression in a time zone (and follows its daylight saving). The target receives the same
 * `Scheduled Event` an EventBridge rule sends, its `time` being the scheduled time, which the handler
 * takes as the scoring day (the UTC date of that instant).
 */
export class NightlySchedule extends Construct {
  readonly schedule: Schedule;
  /** Scheduler's role for this schedule alone, rather than the stack-wide singleton the target would create. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: NightlyScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { account, region } = stack;
    this.role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
      description: 'Lets EventBridge Scheduler invoke the nightly rescoring function',
    });
    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName: props.scheduleName,
      description: 'Nightly rescoring of all customers',
      schedule: ScheduleExpression.expression(props.settings.expression, TimeZone.of(props.settings.timeZone)),
      enabled: props.settings.enabled,
      target: new LambdaInvoke(props.rescore, {
        input: ScheduleTargetInput.fromObject({
          version: '0',
          id: ContextAttribute.executionId,
          'detail-type': 'Scheduled Event',
          source: 'aws.scheduler',
          account,
          time: ContextAttribute.scheduledTime,
          region,
          resources: [ContextAttribute.scheduleArn],
          detail: {},
        }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: props.failedInvocations,
        role: this.role,
      }),
    });
    const functionId = stack.resolve((props.rescore.node.defaultChild as CfnResource).logicalId) as string;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "The Scheduler target's grantInvoke allows lambda:InvokeFunction on the rescoring function and on its versions " +
        'and aliases (`<arn>:*`); the wildcard covers qualifiers of that one function, and the schedule invokes it unqualified.',
    });
  }
}
