/**
 * The scoring run as a state machine: what each stage receives and returns. The same contract
 * binds the Lambda handlers (`functions/run-*.ts`), the CDK definition (`infra/aws`) and the local
 * executor (`infra/local/runtime`), so a stage is found by its name in all three.
 *
 *   Start ─(acquired?)─> Prepare ─(train?)─> Train ─> Score (Distributed Map: ScoreShard per shard)
 *     └─(no)─> Succeed     ─> Segment (population cut points from every shard's scores)
 *                          ─> Write (Distributed Map: WriteShard per shard) ─> Publish ─(more requested?)─> Prepare ...
 *   any stage fails ─> Abandon ─> Fail
 *
 * Two passes over the shards keep segments exact at any scale: quintiles and value tiers are
 * population-wide, so every shard's scores exist before any shard assigns segments; Segment
 * reduces them to a few order statistics per field that each WriteShard applies to its customers.
 */

/** State names, also the keys of the local executor's task overrides. */
export const RUN_STATES = {
  start: 'Start',
  prepare: 'Prepare',
  train: 'Train',
  score: 'Score',
  scoreShard: 'ScoreShard',
  segment: 'Segment',
  write: 'Write',
  writeShard: 'WriteShard',
  publish: 'Publish',
  abandon: 'Abandon',
} as const;

/** The Lambda handler file of each task state, relative to the project root. */
export const RUN_HANDLER_FILES = {
  Start: 'functions/run-start.ts',
  Prepare: 'functions/run-prepare.ts',
  Train: 'functions/run-train.ts',
  ScoreShard: 'functions/run-score-shard.ts',
  Segment: 'functions/run-segment.ts',
  WriteShard: 'functions/run-write-shard.ts',
  Publish: 'functions/run-publish.ts',
  Abandon: 'functions/run-abandon.ts',
} as const;

export type RunTaskState = keyof typeof RUN_HANDLER_FILES;

/** The execution's input: why a run is wanted. */
export interface RunTrigger {
  trigger: 'upload' | 'schedule' | 'manual';
  /** The day to score as of; absent: the day after the last order (uploads, manual runs). */
  asOf?: string;
  /** ISO time of the request, for logs and the run record. */
  requestedAt: string;
}

/** One shard: a contiguous range of hash buckets of the customer id, and its input files. */
export interface ShardRef {
  index: number;
  /** Buckets [fromBucket, toBucket) of BUCKET_COUNT. */
  fromBucket: number;
  toBucket: number;
  /** S3 keys of the shard's clean orders and profiles, written by Prepare. */
  ordersKey: string;
  customersKey: string;
  customers: number;
}

/** Everything later stages need to know about the run; small enough to travel in the state. */
export interface RunContext {
  runId: string;
  trigger: RunTrigger['trigger'];
  /** The day scored as of; null until Prepare decides it from the data (the day of the last order). */
  asOf: string | null;
  horizonDays: number;
  /** predictedClv's horizon and yearly discount rate (set by Prepare from the configuration file). */
  clvHorizonDays: number;
  annualDiscountRate: number;
  startedAt: string;
  /** Set by Prepare. */
  shards: ShardRef[];
  /** Prepare decides: new orders since the current model, or no model. */
  train: boolean;
  /** The model that scores this run (set by Prepare from the current model, or by Train). */
  modelVersion: string | null;
  /** Population cut points every shard segments with (set by Prepare/Train), as S3 key of a JSON. */
  populationKey: string | null;
  /** What Prepare read (set by Prepare), for the report. */
  data?: RunDataSummary;
  /** Set by Prepare: which configuration the run goes by, and why not the stored file when it is invalid. */
  configuration?: { source: string; problem?: string };
  /** Set by Train: the challenger and whether it replaced the current model, and why. */
  promotion?: { challenger: string; promoted: boolean; reason: string };
}

export interface RunDataSummary {
  orders: number;
  customers: number;
  prospects: number;
  /** Current uploads not read again because another holds the same content. */
  duplicateUploads: number;
  /** Order rows present in more than one upload, read once. */
  overlappingOrderRows: { sameOrderId: number; sameCustomerTimeAmount: number };
}

/** Start's result: a run to execute, or why none starts. */
export type StartResult = { acquired: true; run: RunContext } | { acquired: false; reason: string };

/** What each stage receives and returns: the run, as it grows. */
export interface StageEvent {
  run: RunContext;
}

/** The Map's item: one shard of the run. */
export interface ShardEvent {
  run: RunContext;
  shard: ShardRef;
}

/** What ScoreShard did: its scores are at `runs/<runId>/scores/<index>.parquet`. */
export interface ShardScores {
  index: number;
  customers: number;
  scoresKey: string;
  seconds: number;
}

/** Segment's input (the Score Map's results) and output (the run, with `populationKey` set). */
export interface SegmentEvent {
  run: RunContext;
  shardScores: ShardScores[];
}

/**
 * What one WriteShard did; the Write Map collects these for Publish. Its size does not grow with
 * the number of segments: those sizes are in the StoredShardSummary at `runs/<runId>/write-summaries/`.
 */
export interface ShardSummary {
  index: number;
  customers: number;
  itemsWritten: number;
  scoreItemsWritten: number;
  membershipsEntered: number;
  membershipsExited: number;
  customersRemoved: number;
  /** Buckets diffed against a table ledger instead of read back from the table. */
  bucketsFromLedger: number;
  seconds: number;
}

/** The summary WriteShard stores beside its memberships file, with the shard's segment sizes. */
export interface StoredShardSummary extends ShardSummary {
  segmentSizes: Record<string, number>;
  /** Score items written, by why (see SCORE_WRITE_REASONS in functions/adapters/customer-items). */
  scoreWrites: Record<string, number>;
  /** Seconds of each step: segmenting (reading the scores, assigning, the memberships file), then the reconcile's ledgerRead, diffAndWrites and ledgerWrite. */
  steps?: Record<WriteShardStep, number>;
}

export type WriteShardStep = 'segment' | 'ledgerRead' | 'diffAndWrites' | 'ledgerWrite';

export interface PublishEvent {
  run: RunContext;
  shardResults: ShardSummary[];
}

/** Publish's result: the finished run, and the next one when requests arrived during this one. */
export interface PublishResult {
  finished: { runId: string; asOf: string; itemsWritten: number; reportKey: string };
  loop: boolean;
  run: RunContext | null;
}

/** Abandon's input: the run (when Start got that far) and the error the Catch recorded. */
export interface AbandonEvent {
  run?: RunContext;
  error: { Error?: string; Cause?: string };
}
