import type { Context } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.js';

/** Any async Lambda handler, including middy-wrapped ones. */
export type LambdaHandler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult> | TResult;

export interface InvokeOptions {
  functionName: string;
  /** What the function is deployed with; only reported through the context. */
  memoryLimitInMB?: number;
  /** Like Lambda, the invocation fails once this elapses (the handler's work is not cancelled). */
  timeoutSeconds?: number;
}

export class LambdaTimeoutError extends Error {
  override name = 'LambdaTimeoutError';
}

const DEFAULT_MEMORY_MB = 1024;
const MAX_LAMBDA_TIMEOUT_SECONDS = 900;

/** Calls `handler` the way the Lambda runtime would and returns its result; its errors propagate unchanged. */
export async function invokeLocally<TEvent, TResult>(
  handler: LambdaHandler<TEvent, TResult>,
  event: TEvent,
  { functionName, memoryLimitInMB = DEFAULT_MEMORY_MB, timeoutSeconds = MAX_LAMBDA_TIMEOUT_SECONDS }: InvokeOptions,
): Promise<TResult> {
  const context = createLambdaContext({ functionName, memoryLimitInMB, timeoutSeconds, startedAt: Date.now() });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const invocation = `${functionName} (${context.awsRequestId})`;
      reject(new LambdaTimeoutError(`${invocation} timed out after ${timeoutSeconds} seconds`));
    }, timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
