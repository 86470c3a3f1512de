import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../functions/shared/resource-names.js';

export interface LambdaContextOptions {
  functionName: string;
  memoryLimitInMB: number;
  timeoutSeconds: number;
  /** When the invocation started, in epoch ms; the remaining time counts down from here. */
  startedAt: number;
}

export class DeprecatedContextMethodError extends Error {
  override name = 'DeprecatedContextMethodError';
}

/** A Context shaped like the one the Node.js Lambda runtime passes to a handler. */
export function createLambdaContext({
  functionName,
  memoryLimitInMB,
  timeoutSeconds,
  startedAt,
}: LambdaContextOptions): Context {
  const deadline = startedAt + timeoutSeconds * 1000;
  const refuse = (method: string) => () => {
    throw new DeprecatedContextMethodError(`context.${method}() is not supported; return or throw from the handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: logStreamName(new Date(startedAt)),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: refuse('done'),
    fail: refuse('fail'),
    succeed: refuse('succeed'),
  };
}

/** Lambda names streams `YYYY/MM/DD/[$LATEST]<32 hex chars>`, one per execution environment. */
function logStreamName(startedAt: Date): string {
  const day = startedAt.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}
