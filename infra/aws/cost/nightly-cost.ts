import { US_EAST_1_ON_DEMAND, type AwsPrices } from './aws-prices.js';

export class CostModelError extends Error {
  override readonly name = 'CostModelError';
}

/** One Lambda stage of the run: its invocations and their billed seconds added up. */
export interface LambdaStageMeasure {
  stage: string;
  /** true for the Distributed Maps' stages (ScoreShard, WriteShard): one invocation per shard. */
  perShard: boolean;
  invocations: number;
  seconds: number;
  /** The stage's function memory (the deployment's `lambdaMemory`): GB-seconds are seconds x this. */
  memoryMiB: number;
}

/** How Publish sends the membership changes (the configuration's `events.membershipChanges`). */
export type EventsMode = { batched: false } | { batched: true; maxCustomersPerEvent: number };

/** What one scoring run did, as measured (the run report's counts, stage seconds, stored item sizes). */
export interface NightlyRunMeasure {
  customers: number;
  /** Each shard is an item of the Score map and of the Write map. */
  shards: number;
  /** Whether the run trained a model (one more state, and the Train stage's seconds). */
  trained: boolean;
  table: {
    /** Score items put (the report's `writes.scoreItems`) and deleted (`writes.customersRemoved`). */
    scoreItemsWritten: number;
    customersRemoved: number;
    /** Membership items put and deleted (`writes.membershipsEntered`, `writes.membershipsExited`). */
    membershipsPut: number;
    membershipsDeleted: number;
    /** Write units of one put or delete, from the stored items' sizes (dynamoItemBytes, writeUnitsOf). */
    writeUnitsPerScoreItem: number;
    writeUnitsPerMembership: number;
    /** The table's bytes per customer (score item and memberships), what a full read-back reads. */
    storedBytesPerCustomer: number;
    /** A run reads the table back in full once in this many (table ledgers are trusted the others). */
    fullReadEvery: number;
  };
  /** Membership changes per segment and change kind (the report's `membershipChanges.bySegment`), and how they are sent. */
  events: { changesByGroup: readonly number[]; mode: EventsMode };
  lambda: { architecture: 'x86_64' | 'arm64'; stages: readonly LambdaStageMeasure[] };
  s3: { puts: number; gets: number };
}

export const COST_SERVICES = ['Lambda', 'DynamoDB', 'EventBridge', 'Step Functions', 'S3'] as const;
export type CostService = (typeof COST_SERVICES)[number];

export interface CostLine {
  service: CostService;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface NightlyCost {
  customers: number;
  lines: CostLine[];
  byService: Record<CostService, number>;
  usd: number;
  usdPerMillionCustomers: number;
}

/**
 * States an execution passes outside the maps: Start, Acquired, Prepare, TrainingNeeded, Score,
 * Segment, Write, Publish, FollowUp, Finished (infra/aws/scoring-run-definition.ts), and Train when it trains.
 */
const MAIN_TRANSITIONS = 10;
/** A Distributed Map bills a transition per child execution it starts, and the child's one Task state is another. */
const TRANSITIONS_PER_MAP_ITEM = 2;
const MAPS = 2;

/** Events Publish sends for these changes: one per change, or per segment and kind in batches of at most `maxCustomersPerEvent`. */
export function eventsFor(changesByGroup: readonly number[], mode: EventsMode): number {
  if (!mode.batched) return changesByGroup.reduce((sum, n) => sum + n, 0);
  return changesByGroup.reduce((sum, n) => sum + Math.ceil(n / mode.maxCustomersPerEvent), 0);
}

export function stateTransitionsOf(shards: number, trained: boolean): number {
  return MAIN_TRANSITIONS + (trained ? 1 : 0) + MAPS * shards * TRANSITIONS_PER_MAP_ITEM;
}

/**
 * S3 requests of a run, counted from what the stages read and write per shard (not measured: the
 * embedded S3 does not count them). Per shard, PUT-priced: Prepare's orders, customers and
 * prospects, ScoreShard's scores, WriteShard's memberships and summary, and its table ledger's
 * LIST (S3 bills a LIST as a PUT), void (an overwrite before its first write) and new ledger;
 * GETs: ScoreShard's inputs and model (4), WriteShard's population, configuration, scores,
 * customers, prospects and ledger (6), Publish's scores, memberships, summary, orders and
 * customers (5). Plus about 40 of each for the run as a whole (manifest, model, reports, exports,
 * audiences, pointers).
 */
export function s3RequestsOf(shards: number): { puts: number; gets: number } {
  return { puts: 9 * shards + 40, gets: 15 * shards + 40 };
}

/** What the measured run costs at the given prices, line by line. */
export function nightlyCost(run: NightlyRunMeasure, prices: AwsPrices = US_EAST_1_ON_DEMAND): NightlyCost {
  checkMeasure(run);
  const lines: CostLine[] = [];
  const line = (service: CostService, item: string, quantity: number, unit: string, unitPrice: number) =>
    lines.push({ service, item, quantity, unit, usd: quantity * unitPrice });

  const gbSecond = run.lambda.architecture === 'arm64' ? prices.lambda.arm64GbSecond : prices.lambda.x86GbSecond;
  for (const stage of run.lambda.stages) line('Lambda', `${stage.stage} (${stage.invocations} x ${stage.memoryMiB} MiB ${run.lambda.architecture})`, stage.seconds * (stage.memoryMiB / 1024), 'GB-s', gbSecond);
  line('Lambda', 'invocations', run.lambda.stages.reduce((sum, s) => sum + s.invocations, 0), 'requests', prices.lambda.request);

  const { table } = run;
  const wru = prices.dynamoDb.writeRequestUnit;
  line('DynamoDB', 'score items put', table.scoreItemsWritten * table.writeUnitsPerScoreItem, 'WRU', wru);
  line('DynamoDB', 'score items deleted (customers gone)', table.customersRemoved * table.writeUnitsPerScoreItem, 'WRU', wru);
  // Each membership item is also an entry of the member index (projection ALL): one more write unit.
  line('DynamoDB', 'memberships put and deleted, table and member index', (table.membershipsPut + table.membershipsDeleted) * table.writeUnitsPerMembership * 2, 'WRU', wru);
  line('DynamoDB', `full read-back, 1 run in ${table.fullReadEvery}`, (run.customers * table.storedBytesPerCustomer) / 4096 / table.fullReadEvery, 'RRU', prices.dynamoDb.readRequestUnit);

  // Batched events stay within one 64 KB chunk, and a one-change event is far under it: one billed event each.
  line('EventBridge', run.events.mode.batched ? `membership events, up to ${run.events.mode.maxCustomersPerEvent} customers each` : 'membership events, one per change', eventsFor(run.events.changesByGroup, run.events.mode), 'events', prices.eventBridge.customEvent);
  line('Step Functions', `state transitions (${run.shards} shards, 2 maps)`, stateTransitionsOf(run.shards, run.trained), 'transitions', prices.stepFunctions.stateTransition);
  line('S3', 'PUT, COPY, POST and LIST requests', run.s3.puts, 'requests', prices.s3.put);
  line('S3', 'GET requests', run.s3.gets, 'requests', prices.s3.get);

  const byService = Object.fromEntries(COST_SERVICES.map((service) => [service, lines.filter((l) => l.service === service).reduce((sum, l) => sum + l.usd, 0)])) as Record<CostService, number>;
  const usd = lines.reduce((sum, l) => sum + l.usd, 0);
  return { customers: run.customers, lines, byService, usd, usdPerMillionCustomers: run.customers > 0 ? (usd / run.customers) * 1e6 : 0 };
}

/**
 * The measured run at another number of customers: counts, changes per segment and stage seconds
 * grow in proportion (what a customer costs does not depend on how many there are; fixed costs
 * per stage are counted again in proportion, an overestimate), shards keep their size, item sizes
 * stay. S3 requests follow the shards (s3RequestsOf).
 */
export function scaleRun(run: NightlyRunMeasure, customers: number): NightlyRunMeasure {
  checkMeasure(run);
  if (!(customers > 0)) throw new CostModelError(`Cannot scale a run to ${customers} customers.`);
  const factor = customers / run.customers;
  const shards = Math.max(1, Math.round(run.shards * factor));
  return {
    ...run,
    customers,
    shards,
    table: {
      ...run.table,
      scoreItemsWritten: run.table.scoreItemsWritten * factor,
      customersRemoved: run.table.customersRemoved * factor,
      membershipsPut: run.table.membershipsPut * factor,
      membershipsDeleted: run.table.membershipsDeleted * factor,
    },
    events: { ...run.events, changesByGroup: run.events.changesByGroup.map((n) => n * factor) },
    lambda: { ...run.lambda, stages: run.lambda.stages.map((stage) => ({ ...stage, seconds: stage.seconds * factor, invocations: stage.perShard ? shards : stage.invocations })) },
    s3: s3RequestsOf(shards),
  };
}

function checkMeasure(run: NightlyRunMeasure): void {
  const counts: [string, number][] = [
    ['customers', run.customers],
    ['shards', run.shards],
    ...Object.entries(run.table).map(([key, value]): [string, number] => [`table.${key}`, value]),
    ...run.events.changesByGroup.map((n, i): [string, number] => [`events.changesByGroup[${i}]`, n]),
    ...run.lambda.stages.flatMap((s): [string, number][] => [[`lambda ${s.stage} seconds`, s.seconds], [`lambda ${s.stage} invocations`, s.invocations], [`lambda ${s.stage} memoryMiB`, s.memoryMiB]]),
    ['s3.puts', run.s3.puts],
    ['s3.gets', run.s3.gets],
  ];
  const bad = counts.filter(([, value]) => !Number.isFinite(value) || value < 0);
  if (bad.length > 0) throw new CostModelError(`The run's measure has counts that are not finite and non-negative: ${bad.map(([name, value]) => `${name} = ${value}`).join(', ')}.`);
  if (run.table.fullReadEvery < 1) throw new CostModelError(`table.fullReadEvery must be at least 1, not ${run.table.fullReadEvery}.`);
  if (run.events.mode.batched && !(run.events.mode.maxCustomersPerEvent >= 1)) throw new CostModelError(`maxCustomersPerEvent must be at least 1, not ${run.events.mode.maxCustomersPerEvent}.`);
}
