import type { AslState } from './render-definition.js';
import { asStatePayload, LambdaFunctionError } from './task-errors.js';

/** The optimised integration (`arn:<partition>:states:::lambda:invoke`), as opposed to a function ARN as the resource. */
const isLambdaInvokeIntegration = (resource: string | undefined): boolean =>
  /^arn:[^:]+:states:::lambda:invoke(\.waitForTaskToken)?$/.test(resource ?? '');

export interface LambdaTaskOptions {
  stateName: string;
  state: AslState;
  /** Runs the function on an event, the way the Lambda runtime would (invokeLocally, here or in a worker). */
  invoke: (event: unknown) => Promise<unknown>;
}

/**
 * What aws-local-stepfunctions calls instead of the task's resource: it receives the task's
 * effective input (its Parameters applied) and returns what the resource would.
 *
 * - Resource is the function's ARN (LambdaInvoke with payloadResponseOnly, as the scoring run
 *   renders): the input is the event and the handler's result is the task's result.
 * - Resource is `arn:aws:states:::lambda:invoke`: the input is `{ FunctionName, Payload }`, the
 *   event is `.Payload`, and the result is wrapped as Lambda's Invoke response, `{ Payload, StatusCode }`.
 *
 * The function's own timeout is Lambda's maximum, as deployed; the state's TimeoutSeconds is
 * enforced by the interpreter, as in AWS.
 */
export function lambdaTaskOverride({ stateName, state, invoke }: LambdaTaskOptions) {
  const wrapped = isLambdaInvokeIntegration(state.Resource);
  return async (input: unknown): Promise<unknown> => {
    const received = asStatePayload(stateName, 'input', input);
    const event = wrapped ? (received as { Payload?: unknown }).Payload : received;
    let result: unknown;
    try {
      result = await invoke(event);
    } catch (error) {
      throw LambdaFunctionError.from(error);
    }
    // A handler that returns nothing is an empty payload: the state's result is null.
    const payload = asStatePayload(stateName, 'result', result);
    return wrapped ? { Payload: payload, StatusCode: 200, ExecutedVersion: '$LATEST' } : payload;
  };
}
