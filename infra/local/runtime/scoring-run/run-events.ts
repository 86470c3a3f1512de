import type { StateMachine } from 'aws-local-stepfunctions';

type EventOf<T> = T extends AsyncGenerator<infer E> ? E : never;
/** One entry of aws-local-stepfunctions' event log (the package does not export the type). */
export type InterpreterEvent = EventOf<ReturnType<StateMachine['run']>['eventLogs']>;

/** One step of a local execution, small enough to keep and print: no state inputs. */
export interface ScoringRunEvent {
  type: InterpreterEvent['type'];
  /** Epoch milliseconds. */
  at: number;
  /** The state the event is about; for MapIteration* events, the map state. */
  state?: string;
  stateType?: string;
  /** For events inside a map's item, or about it: the item's position in the map. */
  mapIndex?: number;
  /** StateFailed, MapIterationFailed, ExecutionFailed. */
  error?: { Error: string; Cause: string };
  /** StateRetried: the attempt that failed (1 = the first try). */
  attempt?: number;
  /** StateExited and ExecutionSucceeded: what the state or the execution returned. */
  output?: unknown;
}

const causeText = (cause: unknown): string => (typeof cause === 'string' ? cause : JSON.stringify(cause ?? null));

export function toScoringRunEvent(event: InterpreterEvent): ScoringRunEvent {
  const runEvent: ScoringRunEvent = { type: event.type, at: event.timestamp };
  if ('state' in event) {
    runEvent.state = event.state.name;
    runEvent.stateType = event.state.type;
    if (event.index !== undefined) runEvent.mapIndex = event.index;
  }
  if ('parentState' in event) {
    runEvent.state = event.parentState.name;
    runEvent.stateType = event.parentState.type;
    if ('index' in event) runEvent.mapIndex = event.index;
  }
  if ('Error' in event) runEvent.error = { Error: event.Error, Cause: causeText(event.Cause) };
  if (event.type === 'StateRetried') runEvent.attempt = event.retry.attempt;
  if (event.type === 'StateExited') runEvent.output = event.state.output;
  if (event.type === 'ExecutionSucceeded') runEvent.output = event.output;
  return runEvent;
}
