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
  /**
   * Variables the function's configuration sets, set in process.env while the handler runs and
   * restored once it returns or throws. For handlers invoked one at a time on this thread.
   */
  environment?: Readonly<Record<string, string>>;
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
  { functionName, memoryLimitInMB = DEFAULT_MEMORY_MB, timeoutSeconds = MAX_LAMBDA_TIMEOUT_SECONDS, environment = {} }: InvokeOptions,
): Promise<TResult> {
  const context = createLambdaContext({ functionName, memoryLimitInMB, timeoutSeconds, startedAt: Date.now() });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const invocation = `${functionName} (${context.awsRequestId})`;
      reject(new LambdaTimeoutError(`${invocation} timed out after ${timeoutSeconds} seconds`));
    }, timeoutSeconds * 1000);
  });
  const before = Object.keys(environment).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, environment);
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
  } finally {
    clearTimeout(timer);
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
