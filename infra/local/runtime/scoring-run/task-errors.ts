import { LambdaTimeoutError } from '../invoke-locally.js';

/** Step Functions' limit on a state's input and output. */
export const MAX_STATE_PAYLOAD_BYTES = 256 * 1024;

/**
 * A handler's failure as Step Functions reports a Lambda function error: the error name is the
 * handler's error type, and the cause is the runtime's JSON error document, which the Catch
 * hands on (so Abandon sees locally what it sees in AWS).
 */
export class LambdaFunctionError extends Error {
  constructor(errorType: string, cause: { errorType: string; errorMessage: string; trace: string[] }) {
    super(JSON.stringify(cause));
    this.name = errorType;
  }

  static from(error: unknown): LambdaFunctionError {
    // By name too: an error from a worker process arrives as a plain Error.
    if (error instanceof LambdaTimeoutError || (error instanceof Error && error.name === 'LambdaTimeoutError')) {
      return new LambdaFunctionError('Sandbox.Timedout', { errorType: 'Sandbox.Timedout', errorMessage: error.message, trace: [] });
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    const errorType = failure.name || 'Error';
    return new LambdaFunctionError(errorType, {
      errorType,
      errorMessage: failure.message,
      trace: (failure.stack ?? '').split('\n'),
    });
  }
}

/**
 * A terminal error of the interpreter: neither retried nor caught (aws-local-stepfunctions reads
 * `isRetryable` and `isCatchable`), like States.DataLimitExceeded in AWS.
 */
export class TerminalStateError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The value as it travels between Step Functions and Lambda: through JSON (dates become strings,
 * undefined fields vanish, nothing is shared with the state), and failing as Step Functions does
 * when it is over the payload limit.
 */
export function asStatePayload(state: string, what: 'input' | 'result', value: unknown): unknown {
  const serialized = JSON.stringify(value ?? null);
  const bytes = Buffer.byteLength(serialized);
  if (bytes > MAX_STATE_PAYLOAD_BYTES) {
    throw new TerminalStateError(
      'States.DataLimitExceeded',
      `The ${what} of ${state} is ${bytes} bytes, over the ${MAX_STATE_PAYLOAD_BYTES}-byte limit of Step Functions`,
    );
  }
  return JSON.parse(serialized) as unknown;
}
