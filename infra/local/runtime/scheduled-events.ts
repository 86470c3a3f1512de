import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../functions/shared/resource-names.js';

export interface ScheduledEventDetails<TDetail> {
  ruleName: string;
  time?: Date;
  /** A schedule rule always sends `{}`; an operator's manual invocation may put parameters here. */
  detail?: TDetail;
}

/** The event an EventBridge schedule rule delivers to its Lambda target. */
export function buildScheduledEvent<TDetail extends object = Record<string, never>>({
  ruleName,
  time = new Date(),
  detail,
}: ScheduledEventDetails<TDetail>): ScheduledEvent<TDetail | Record<string, never>> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    // EventBridge reports the scheduled time to the second.
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${ruleName}`],
    detail: detail ?? {},
  };
}
