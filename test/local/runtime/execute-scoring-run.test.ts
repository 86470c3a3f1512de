import path from 'node:path';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type {
  AbandonEvent,
  PublishEvent,
  PublishResult,
  RunContext,
  RunTrigger,
  SegmentEvent,
  ShardEvent,
  ShardRef,
  ShardScores,
  ShardSummary,
  StageEvent,
  StartResult,
} from '../../../functions/run/run-contract.js';
import type { LambdaHandler } from '../../../infra/local/runtime/invoke-locally.js';
import {
  executeScoringRun,
  renderScoringRunDefinition,
  type ScoringRunEvent,
  type ScoringRunHandlers,
  workerMemory,
} from '../../../infra/local/runtime/scoring-run/index.js';

const TRIGGER: RunTrigger = { trigger: 'manual', requestedAt: '2025-01-01T00:00:00.000Z' };
const NO_WAIT = { Start: 0, Prepare: 0, Train: 0, ScoreShard: 0, Segment: 0, WriteShard: 0, Publish: 0, Abandon: 0 };

const shardRef = (index: number): ShardRef => ({
  index,
  fromBucket: index * 100,
  toBucket: (index + 1) * 100,
  ordersKey: `runs/r1/shards/${index}/orders.parquet`,
  customersKey: `runs/r1/shards/${index}/customers.parquet`,
  customers: 10,
});

const runContext = (runId: string, shards = 3): RunContext => ({
  runId,
  trigger: 'manual',
  asOf: '2024-12-31',
  horizonDays: 90,
  clvHorizonDays: 365,
  annualDiscountRate: 0,
  startedAt: '2025-01-01T00:00:00.000Z',
  shards: Array.from({ length: shards }, (_, index) => shardRef(index)),
  train: true,
  modelVersion: null,
  populationKey: null,
});

/** The stages typed by the run contract (what ScoringRunHandlers accepts, with events typed for the fakes). */
interface ContractHandlers extends ScoringRunHandlers {
  Start: LambdaHandler<RunTrigger, StartResult>;
  Prepare: LambdaHandler<StageEvent, StageEvent>;
  Train: LambdaHandler<StageEvent, StageEvent>;
  ScoreShard: LambdaHandler<ShardEvent, ShardScores>;
  Segment: LambdaHandler<SegmentEvent, StageEvent>;
  WriteShard: LambdaHandler<ShardEvent, ShardSummary>;
  Publish: LambdaHandler<PublishEvent, PublishResult>;
  Abandon: LambdaHandler<AbandonEvent, unknown>;
}

/** Fake stages that record their calls; each test replaces the ones it needs. */
function fakeStages(shards = 3) {
  const calls: Array<{ state: string; event: unknown; functionName: string }> = [];
  const record = (state: string, event: unknown, context: Context) =>
    calls.push({ state, event, functionName: context.functionName });
  const handlers: ContractHandlers = {
    Start: async (event: RunTrigger, context: Context) => (record('Start', event, context), { acquired: true, run: runContext('r1', shards) }),
    Prepare: async (event: StageEvent, context: Context) => (record('Prepare', event, context), { run: event.run }),
    Train: async (event: StageEvent, context: Context) => (record('Train', event, context), { run: { ...event.run, modelVersion: 'm1' } }),
    ScoreShard: async (event: ShardEvent, context: Context) => {
      record('ScoreShard', event, context);
      return { index: event.shard.index, customers: 10, scoresKey: `runs/${event.run.runId}/scores/${event.shard.index}.parquet`, seconds: 0 };
    },
    Segment: async (event: SegmentEvent, context: Context) =>
      (record('Segment', event, context), { run: { ...event.run, populationKey: 'runs/r1/population.json' } }),
    WriteShard: async (event: ShardEvent, context: Context) => {
      record('WriteShard', event, context);
      const summary = { membershipsEntered: 0, membershipsExited: 0, customersRemoved: 0, bucketsFromLedger: 0, seconds: 0 };
      return { index: event.shard.index, customers: 10, itemsWritten: 20, scoreItemsWritten: 10, ...summary };
    },
    Publish: async (event: PublishEvent, context: Context) => {
      record('Publish', event, context);
      return { finished: { runId: event.run.runId, asOf: '2024-12-31', itemsWritten: 60, reportKey: 'reports/r.json' }, loop: false, run: null };
    },
    Abandon: async (event: AbandonEvent, context: Context) => (record('Abandon', event, context), { abandoned: true }),
  };
  const statesCalled = () => calls.map((call) => call.state);
  const eventsOf = <T>(state: string) => calls.filter((call) => call.state === state).map((call) => call.event as T);
  return { handlers, calls, statesCalled, eventsOf };
}

const run = (handlers: ScoringRunHandlers, options: Parameters<typeof executeScoringRun>[3] = {}) =>
  executeScoringRun(renderScoringRunDefinition(), handlers, TRIGGER, { retryIntervalOverrides: NO_WAIT, ...options });

describe('executeScoringRun (the CDK definition on aws-local-stepfunctions)', () => {
  it('runs every stage in order, each shard through both maps, and returns what Publish returned', async () => {
    const stages = fakeStages(3);
    const seen: ScoringRunEvent[] = [];

    const execution = await run(stages.handlers, { onEvent: (event) => seen.push(event) });

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toMatchObject({ finished: { runId: 'r1', itemsWritten: 60 }, loop: false });
    expect(stages.statesCalled().filter((state) => !state.endsWith('Shard'))).toEqual(['Start', 'Prepare', 'Train', 'Segment', 'Publish']);
    expect(stages.eventsOf<ShardEvent>('ScoreShard').map((event) => event.shard.index).sort()).toEqual([0, 1, 2]);
    expect(stages.eventsOf<ShardEvent>('WriteShard').every((event) => event.run.populationKey === 'runs/r1/population.json')).toBe(true);
    expect(stages.eventsOf<SegmentEvent>('Segment')[0]?.shardScores.map((scores) => scores.index)).toEqual([0, 1, 2]);
    expect(stages.eventsOf<PublishEvent>('Publish')[0]?.shardResults.map((summary) => summary.index)).toEqual([0, 1, 2]);
    expect(stages.eventsOf<ShardEvent>('ScoreShard')[0]?.run.modelVersion).toBe('m1');
    expect(stages.eventsOf<RunTrigger>('Start')).toEqual([TRIGGER]);
    expect(new Set(stages.calls.map((call) => `${call.state}:${call.functionName}`))).toContain('ScoreShard:run-score-shard');
    expect(seen).toEqual(execution.events);
    expect(seen.filter((event) => event.type === 'MapIterationSucceeded')).toHaveLength(6);
  });

  it('retries a shard that throws once, and the run succeeds', async () => {
    const stages = fakeStages(3);
    const scoreShard = stages.handlers.ScoreShard;
    let failures = 0;
    stages.handlers.ScoreShard = async (event, context) => {
      if (event.shard.index === 1 && failures++ === 0) throw new Error('transient shard failure');
      return scoreShard(event, context);
    };

    const execution = await run(stages.handlers);

    expect(execution.status).toBe('SUCCEEDED');
    const retried = execution.events.filter((event) => event.type === 'StateRetried');
    expect(retried).toEqual([expect.objectContaining({ state: 'ScoreShard', mapIndex: 1, attempt: 1 })]);
    expect(stages.statesCalled()).not.toContain('Abandon');
  });

  it('abandons the run when a shard keeps failing: Abandon gets the run and the error, Publish never runs', async () => {
    const stages = fakeStages(6);
    let attempts = 0;
    stages.handlers.WriteShard = async (event) => {
      attempts++;
      const error = new Error(`shard ${event.shard.index} cannot be written`);
      error.name = 'ShardWriteError';
      throw error;
    };

    const execution = await run(stages.handlers, { maxMapConcurrency: 1 });

    expect(execution.status).toBe('FAILED');
    expect(execution.error?.Error).toBe('ShardWriteError');
    expect(JSON.parse(execution.error?.Cause ?? '{}')).toMatchObject({ errorType: 'ShardWriteError', errorMessage: 'shard 0 cannot be written' });
    expect(attempts).toBe(3);
    const [abandon] = stages.eventsOf<AbandonEvent>('Abandon');
    expect(abandon?.run?.runId).toBe('r1');
    expect(abandon?.error.Error).toBe('ShardWriteError');
    expect(stages.statesCalled()).not.toContain('Publish');
  });

  it('hands Start failures to Abandon with the trigger and no run', async () => {
    const stages = fakeStages();
    stages.handlers.Start = async () => {
      throw new Error('table unreachable');
    };

    const execution = await run(stages.handlers);

    expect(execution.status).toBe('FAILED');
    const [abandon] = stages.eventsOf<AbandonEvent & RunTrigger>('Abandon');
    expect(abandon).toMatchObject({ ...TRIGGER, error: { Error: 'Error' } });
    expect(abandon).not.toHaveProperty('run');
  });

  it('ends in Succeed without other stages when Start does not acquire the lock', async () => {
    const stages = fakeStages();
    stages.handlers.Start = async () => ({ acquired: false, reason: 'a run is in progress' });

    const execution = await run(stages.handlers);

    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: { acquired: false, reason: 'a run is in progress' } });
    expect(stages.statesCalled()).toEqual([]);
  });

  it('runs Prepare again with the next run when Publish asks for a follow-up', async () => {
    const stages = fakeStages(2);
    const publish = stages.handlers.Publish;
    let published = 0;
    stages.handlers.Publish = async (event, context) => {
      const result = await publish(event, context);
      return published++ === 0 ? { ...result, loop: true, run: runContext('r2', 2) } : result;
    };

    const execution = await run(stages.handlers);

    expect(execution.status).toBe('SUCCEEDED');
    expect(stages.eventsOf<{ run: RunContext }>('Prepare').map((event) => event.run.runId)).toEqual(['r1', 'r2']);
    expect(stages.eventsOf<PublishEvent>('Publish').map((event) => event.run.runId)).toEqual(['r1', 'r2']);
    expect(execution.output).toMatchObject({ finished: { runId: 'r2' }, loop: false });
  });

  it('skips Train when Prepare says no training is needed', async () => {
    const stages = fakeStages();
    stages.handlers.Prepare = async (event) => ({ run: { ...event.run, train: false } });

    const execution = await run(stages.handlers);

    expect(execution.status).toBe('SUCCEEDED');
    expect(stages.statesCalled()).not.toContain('Train');
  });

  it("honours a state's TimeoutSeconds (the interpreter's default would be 60 s)", async () => {
    const definition = renderScoringRunDefinition();
    const tasks = Object.values(definition.States).filter((state) => state.Type === 'Task');
    expect(tasks.map((state) => state.TimeoutSeconds)).toEqual(tasks.map(() => 900));
    definition.States.Train = { ...definition.States.Train!, TimeoutSeconds: 1 };
    const stages = fakeStages();
    stages.handlers.Train = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { run: event.run };
    };

    const execution = await executeScoringRun(definition, stages.handlers, TRIGGER, { retryIntervalOverrides: NO_WAIT });

    expect(execution).toMatchObject({ status: 'FAILED', error: { Error: 'States.Timeout' } });
    expect(stages.statesCalled()).toContain('Abandon');
  });

  it("runs at most the machine's share of shards at once", async () => {
    const stages = fakeStages(8);
    const scoreShard = stages.handlers.ScoreShard;
    let active = 0;
    let peak = 0;
    stages.handlers.ScoreShard = async (event, context) => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active--;
      return scoreShard(event, context);
    };

    const execution = await run(stages.handlers, { maxMapConcurrency: 3 });

    expect(execution.status).toBe('SUCCEEDED');
    expect(peak).toBe(3);
  });

  describe('with ScoreShard in worker processes', () => {
    const workerModule = path.resolve(import.meta.dirname, '../../support/worker-score-shard-handler.ts');

    it("runs each shard's handler module in a worker process and hands its results on", async () => {
      const stages = fakeStages(3);

      const execution = await run(stages.handlers, { maxMapConcurrency: 2, workerModules: { ScoreShard: { module: workerModule } } });

      expect(execution.status).toBe('SUCCEEDED');
      expect(stages.statesCalled()).not.toContain('ScoreShard');
      const [segment] = stages.eventsOf<{ shardScores: Array<{ index: number; pid: number; functionName: string }> }>('Segment');
      const shardScores = segment?.shardScores ?? [];
      expect(shardScores.map((scores) => scores.index)).toEqual([0, 1, 2]);
      expect(shardScores.every((scores) => scores.pid !== process.pid && scores.functionName === 'run-score-shard')).toBe(true);
      expect(new Set(shardScores.map((scores) => scores.pid)).size).toBeLessThanOrEqual(2);
      expect(workerMemory.maxRssBytes()).toBeGreaterThan(10 * 1024 * 1024);
    });

    it("gives the stage's processes the environment its function has, on top of the process's", async () => {
      const stages = fakeStages(2);

      const execution = await run(stages.handlers, { workerModules: { ScoreShard: { module: workerModule, environment: { SEGMENTS_DUCKDB_MEMORY_LIMIT: '707MiB' } } } });

      expect(execution.status).toBe('SUCCEEDED');
      const [segment] = stages.eventsOf<{ shardScores: Array<{ duckDbMemoryLimit: string | null }> }>('Segment');
      expect(segment?.shardScores.map((scores) => scores.duckDbMemoryLimit)).toEqual(['707MiB', '707MiB']);
      expect(process.env.SEGMENTS_DUCKDB_MEMORY_LIMIT).toBeUndefined();
    });

    it('fails the run with the error a worker threw', async () => {
      const stages = fakeStages(2);

      const execution = await run(stages.handlers, { workerModules: { ScoreShard: { module: workerModule, exportName: 'failing' } } });

      expect(execution).toMatchObject({ status: 'FAILED', error: { Error: 'RangeError' } });
      expect(stages.eventsOf<AbandonEvent>('Abandon')[0]?.error.Cause).toContain('failed in a worker');
    });

    it('fails the run when a worker process dies during its invocation', async () => {
      const stages = fakeStages(2);

      const execution = await run(stages.handlers, { workerModules: { ScoreShard: { module: workerModule, exportName: 'exiting' } } });

      expect(execution.status).toBe('FAILED');
      expect(stages.eventsOf<AbandonEvent>('Abandon')[0]?.error.Cause).toContain('worker process exited (code 3) during an invocation');
    });
  });
});
