import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type {
  PublishResult,
  RunTaskState,
  RunTrigger,
  ShardScores,
  ShardSummary,
  StageEvent,
  StartResult,
} from '../../../../functions/run/run-contract.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../../../../functions/shared/resource-names.js';
import { invokeLocally, type LambdaHandler } from '../invoke-locally.js';
import { RetryTracker } from './final-failure.js';
import { lambdaTaskOverride } from './lambda-task.js';
import { installPromiseWithResolvers } from './promise-with-resolvers.js';
import { type AslDefinition, type AslState, LOCAL_FUNCTION_NAMES } from './render-definition.js';
import { type ScoringRunEvent, toScoringRunEvent } from './run-events.js';
import { TerminalStateError } from './task-errors.js';
import { StageWorkerPool, type StageWorkerModule } from './worker-pool.js';

/**
 * A stage's handler, whatever event type it declares: the executor hands it the JSON the
 * definition gives that state (the deployed handlers validate it against the contract with zod,
 * so their event types are not the contract's interfaces). Results are the contract's.
 */
export type StageHandler<TResult> = LambdaHandler<never, TResult>;

/** The handler of every task state, as the deployed functions export them. */
export interface ScoringRunHandlers {
  Start: StageHandler<StartResult>;
  Prepare: StageHandler<StageEvent>;
  Train: StageHandler<StageEvent>;
  ScoreShard: StageHandler<ShardScores>;
  Segment: StageHandler<StageEvent>;
  WriteShard: StageHandler<ShardSummary>;
  Publish: StageHandler<PublishResult>;
  /** Receives the failed state's input with `error` (see scoring-run-definition.ts). */
  Abandon: StageHandler<unknown>;
}

export interface ExecuteScoringRunOptions {
  /** Called with every step as it happens, e.g. for progress lines. */
  onEvent?: (event: ScoringRunEvent) => void;
  /** Most items a map runs at once here; default the machine's cores. The definition's MaxConcurrency applies when lower. */
  maxMapConcurrency?: number;
  /** Milliseconds before each retry of a state, instead of the definition's backoff (for tests). */
  retryIntervalOverrides?: Partial<Record<RunTaskState, number | number[]>>;
  /** The execution's name in the context object; default a random one. */
  executionName?: string;
  /** Stops the execution, as StopExecution does; handlers already running finish first. */
  signal?: AbortSignal;
  /**
   * States whose handler module runs in worker processes instead of `handlers` (e.g. ScoreShard, for
   * CPU-bound shards on every core): one worker per item the map runs at once, each loading the
   * module's `handler` export, which builds its clients from the environment as on Lambda.
   */
  workerModules?: Partial<Record<RunTaskState, StageWorkerModule>>;
}

export type ScoringRunStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ScoringRunExecution {
  status: ScoringRunStatus;
  /** The execution's output when it succeeded. */
  output?: unknown;
  /** Why it failed: the error and cause of the state that ended it. */
  error?: { Error: string; Cause: string };
  events: ScoringRunEvent[];
}

let library: Promise<typeof import('aws-local-stepfunctions')> | undefined;
const loadInterpreter = () => {
  // aws-local-stepfunctions needs Promise.withResolvers, which Node 20 lacks (see promise-with-resolvers.ts).
  installPromiseWithResolvers();
  library ??= import('aws-local-stepfunctions');
  return library;
};

/** Every Task state of the definition, with the Map state it runs under when it is a map item. */
function taskStatesOf(states: Record<string, AslState>, mapState?: string): Array<{ name: string; state: AslState; mapState?: string }> {
  return Object.entries(states).flatMap(([name, state]) => {
    if (state.Type === 'Task') return [{ name, state, ...(mapState ? { mapState } : {}) }];
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    return state.Type === 'Map' && processor ? taskStatesOf(processor.States, name) : [];
  });
}

function capMapConcurrency(states: Record<string, AslState>, cap: number): void {
  for (const state of Object.values(states)) {
    if (state.Type !== 'Map') continue;
    const declared = typeof state.MaxConcurrency === 'number' && state.MaxConcurrency > 0 ? state.MaxConcurrency : Infinity;
    state.MaxConcurrency = Math.min(declared, cap);
    capMapConcurrency(((state.ItemProcessor ?? state.Iterator) as AslDefinition).States, cap);
  }
}

/**
 * Runs the scoring run's definition (as renderScoringRunDefinition gives it) in process with
 * aws-local-stepfunctions, each task state calling its handler through invokeLocally, and
 * resolves once the execution has ended and no handler is still running.
 *
 * As in AWS, once a map has failed no further item starts (items already running finish), and
 * a state's TimeoutSeconds bounds each attempt (the interpreter's own default would be 60 s).
 * States named in `workerModules` run in worker processes, which are stopped before this returns.
 */
export async function executeScoringRun(
  definition: AslDefinition,
  handlers: ScoringRunHandlers,
  input: RunTrigger,
  options: ExecuteScoringRunOptions = {},
): Promise<ScoringRunExecution> {
  const local = structuredClone(definition);
  const mapConcurrency = options.maxMapConcurrency ?? os.availableParallelism();
  capMapConcurrency(local.States, mapConcurrency);
  const pools = new Map<RunTaskState, StageWorkerPool>();
  try {
    return await execute(local, handlers, input, options, (stage) => {
      const workerModule = options.workerModules?.[stage];
      // Stages run one after another: the workers of a stage that is over are stopped, as each
      // Lambda function has its memory to itself, so this process holds one stage's workers at a time.
      const stopOtherStages = () => Promise.all([...pools].filter(([other, pool]) => other !== stage && pool.isIdle()).map(([, pool]) => pool.close()));
      if (!workerModule) {
        const handler = handlers[stage] as LambdaHandler<unknown, unknown>;
        return async (event) => {
          await stopOtherStages();
          return invokeLocally(handler, event, { functionName: LOCAL_FUNCTION_NAMES[stage] });
        };
      }
      const pool = new StageWorkerPool(workerModule, LOCAL_FUNCTION_NAMES[stage], mapConcurrency);
      pools.set(stage, pool);
      return async (event) => {
        await stopOtherStages();
        return pool.invoke(event);
      };
    });
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
}

async function execute(
  local: AslDefinition,
  handlers: ScoringRunHandlers,
  input: RunTrigger,
  options: ExecuteScoringRunOptions,
  invokerOf: (stage: RunTaskState) => (event: unknown) => Promise<unknown>,
): Promise<ScoringRunExecution> {
  const { StateMachine, ExecutionAbortedError, ExecutionTimeoutError } = await loadInterpreter();
  const failedMaps = new Set<string>();
  const running = new Set<Promise<unknown>>();
  const overrides = Object.fromEntries(
    taskStatesOf(local.States).map(({ name, state, mapState }) => {
      if (!(name in handlers)) throw new Error(`The definition's task state ${name} has no handler`);
      const stage = name as RunTaskState;
      const invoke = lambdaTaskOverride({ stateName: name, state, invoke: invokerOf(stage) });
      const retries = new RetryTracker(state);
      const override = async (taskInput: unknown): Promise<unknown> => {
        if (mapState && failedMaps.has(mapState)) {
          throw new TerminalStateError('MapItemNotStarted', `${mapState} has failed; its remaining items are not started`);
        }
        const invocation = invoke(taskInput);
        running.add(invocation);
        try {
          return await invocation;
        } catch (error) {
          if (mapState && retries.isFinal(taskInput, error as Error)) failedMaps.add(mapState);
          throw error;
        } finally {
          running.delete(invocation);
        }
      };
      return [name, override];
    }),
  );

  const executionName = options.executionName ?? randomUUID();
  const stateMachineArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:scoring-run`;
  const execution = new StateMachine(local as never).run(input as never, {
    overrides: {
      taskResourceLocalHandlers: overrides as never,
      ...(options.retryIntervalOverrides ? { retryIntervalOverrides: options.retryIntervalOverrides as Record<string, number> } : {}),
    },
    context: {
      Execution: { Id: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`, Name: executionName },
      StateMachine: { Id: stateMachineArn, Name: 'scoring-run' },
    },
  });
  const abort = () => execution.abort();
  options.signal?.addEventListener('abort', abort, { once: true });

  const events: ScoringRunEvent[] = [];
  const logged = (async () => {
    for await (const interpreterEvent of execution.eventLogs) {
      const event = toScoringRunEvent(interpreterEvent);
      if (event.type === 'MapIterationFailed' && event.state) failedMaps.add(event.state);
      events.push(event);
      options.onEvent?.(event);
    }
  })();

  let outcome: Omit<ScoringRunExecution, 'events'>;
  try {
    outcome = { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    if (error instanceof ExecutionTimeoutError) outcome = { status: 'TIMED_OUT' };
    else if (error instanceof ExecutionAbortedError) outcome = { status: 'ABORTED' };
    else outcome = { status: 'FAILED' };
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  await logged;
  while (running.size > 0) await Promise.allSettled([...running]);

  const failed = events.findLast((event) => event.type === 'ExecutionFailed');
  return { ...outcome, ...(outcome.status === 'FAILED' && failed?.error ? { error: failed.error } : {}), events };
}
