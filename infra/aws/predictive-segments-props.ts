import { RemovalPolicy } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { RunTaskState } from '../../functions/run/run-contract.js';
import { DEFAULT_NAME_PREFIX } from '../../functions/shared/resource-names.js';
import { MAX_HORIZON_DAYS } from '../../models/config/index.js';
import { DEFAULT_CLV_SETTINGS, MAX_CLV_HORIZON_DAYS } from '../../models/scoring/clv-settings.js';
import { RetentionSectionSchema } from '../../models/config/retention-section.js';
import { ScheduleSectionSchema } from '../../models/config/schedule-section.js';
import type { DataRetention } from './data-retention.js';
import { defaultFunctionMemoryMiB } from '../../functions/shared/function-memory.js';

/** The functions of a deployment: the ingest, nightly and deletion functions and one per scoring-run stage. */
export type PipelineFunctionId = 'IngestUpload' | 'NightlyRescore' | 'ForgetPeople' | RunTaskState;

/** When the nightly rescoring runs (EventBridge Scheduler). */
export interface NightlyScheduleSettings {
  /** `cron(...)` or `rate(...)` as EventBridge Scheduler reads it; default `cron(0 2 * * ? *)` (02:00 every day). */
  readonly expression?: string;
  /** The IANA time zone a cron expression is read in, e.g. `Europe/Berlin` (daylight saving followed); default `UTC`. */
  readonly timeZone?: string;
  /** `false` deploys the schedule disabled: runs start only on uploads or by hand. Default `true`. */
  readonly enabled?: boolean;
}

export interface LambdaMemorySizes {
  /** MiB of every function not named in `functions`; without it, DEFAULT_FUNCTION_MEMORY_MIB and 3008 for the others (functions/shared/function-memory.ts). */
  readonly default?: number;
  /** MiB per function, e.g. `{ Train: 10240, NightlyRescore: 512 }`. */
  readonly functions?: Partial<Record<PipelineFunctionId, number>>;
}

/** Everything a deployment of the pipeline can be given; every property has a default. */
export interface PredictiveSegmentsProps {
  /**
   * Starts every physical name (table, bucket, event bus, state machine, schedule, scoring-run log group),
   * so deployments with different prefixes coexist in one account and region. 3 to 30 characters: lowercase
   * letters, digits and hyphens, starting with a letter. Default `predictive-segments`, which the local runtime uses.
   */
  readonly namePrefix?: string;
  /**
   * The prediction horizon in days every function gets as HORIZON_DAYS (1 to 730); default 90.
   * The configuration file's `scoring.horizonDays` overrides it at run time.
   */
  readonly horizonDays?: number;
  /**
   * How far predicted CLV looks ahead, in days (1 to 3650), as CLV_HORIZON_DAYS; default 365. The
   * configuration file's `scoring.clvHorizonDays` overrides it at run time.
   */
  readonly clvHorizonDays?: number;
  /** The nightly rescoring; default 02:00 UTC every day. */
  readonly schedule?: NightlyScheduleSettings;
  /**
   * An existing bucket to use instead of creating one (with its own access-log bucket). The construct then adds
   * the incoming/ notification and the prefix-scoped grants, but no lifecycle rule unless it is a `Bucket` of this app.
   */
  readonly bucket?: IBucket;
  /** Subscribed by e-mail to the alarm topic. Not with `alarmTopic`. */
  readonly alarmEmail?: string;
  /** An existing topic for the alarms, instead of the construct's own (KMS-encrypted) one. Not with `alarmEmail`. */
  readonly alarmTopic?: ITopic;
  /**
   * What deleting the stack (or the construct) does to the table, the buckets the construct created and the log
   * groups; default RETAIN. With DESTROY the table loses its deletion protection, and a bucket that still holds
   * objects makes the deletion fail (the construct never empties a bucket).
   */
  readonly removalPolicy?: RemovalPolicy;
  /** Retention of every function's and the state machine's log group; default three months. */
  readonly logRetention?: RetentionDays;
  /** Lambda memory sizes; default 3008 MiB (DuckDB and TensorFlow.js use it; more memory is also more CPU), the shard stages less (DEFAULT_FUNCTION_MEMORY_MIB in functions/shared/function-memory.ts). */
  readonly lambdaMemory?: LambdaMemorySizes;
  /** How long run files, reports, exports, audiences, quarantined rows and rejection reports are kept (S3 lifecycle). */
  readonly retention?: DataRetention;
  /** MaxConcurrency of the scoring run's shard maps; default 16. */
  readonly shardConcurrency?: number;
  /** Reserved concurrency of the shard functions (bounds the write rate on the table); default 16. */
  readonly shardReservedConcurrency?: number;
  /** Replaces the layer staged from node_modules; tests pass a tiny asset to keep synth fast. */
  readonly runtimeDependenciesCode?: Code;
}

export const DEFAULT_HORIZON_DAYS = 90;
export const DEFAULT_LOG_RETENTION = RetentionDays.THREE_MONTHS;

/** Lambda's own bounds. */
const MIN_MEMORY_MIB = 128;
const MAX_MEMORY_MIB = 10_240;

/** Leaves room for `-data-<12-digit account>-<region of up to 14 characters>` in a 63-character bucket name. */
const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

/** A property the construct cannot build a deployment from; names the property and what it accepts. */
export class PredictiveSegmentsPropsError extends Error {
  override readonly name = 'PredictiveSegmentsPropsError';
}

export interface ResolvedSettings {
  readonly namePrefix: string;
  readonly horizonDays: number;
  readonly clvHorizonDays: number;
  readonly schedule: Required<NightlyScheduleSettings>;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  readonly memoryOf: (id: PipelineFunctionId) => number;
}

/** The props with their defaults, each checked where a bad value would otherwise surface only at deploy time. */
export function resolveSettings(props: PredictiveSegmentsProps): ResolvedSettings {
  const namePrefix = props.namePrefix ?? DEFAULT_NAME_PREFIX;
  if (!NAME_PREFIX_PATTERN.test(namePrefix)) {
    throw new PredictiveSegmentsPropsError(
      `namePrefix must be 3 to 30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen, not "${namePrefix}".`,
    );
  }
  if (props.alarmEmail !== undefined && props.alarmTopic !== undefined) {
    throw new PredictiveSegmentsPropsError('Give alarmEmail or alarmTopic, not both: subscribe the address to your own topic instead.');
  }
  const memory = props.lambdaMemory ?? {};
  const defaultMemory = memory.default === undefined ? undefined : checkMemory('lambdaMemory.default', memory.default);
  for (const [id, size] of Object.entries(memory.functions ?? {})) checkMemory(`lambdaMemory.functions.${id}`, size);
  const schedule = ScheduleSectionSchema.safeParse(props.schedule ?? {});
  if (!schedule.success) {
    const problems = schedule.error.issues.map((issue) => `schedule.${issue.path.join('.')}: ${issue.message}`);
    throw new PredictiveSegmentsPropsError(`The schedule cannot be deployed: ${problems.join('; ')}.`);
  }
  // The same rules as the configuration file's retention section, e.g. run files kept at least a week.
  const retention = RetentionSectionSchema.partial().safeParse(props.retention ?? {});
  if (!retention.success) {
    const problems = retention.error.issues.map((issue) => `retention.${issue.path.join('.')}: ${issue.message}`);
    throw new PredictiveSegmentsPropsError(`The retention cannot be deployed: ${problems.join('; ')}.`);
  }
  return {
    namePrefix,
    horizonDays: checkWholeDays('horizonDays', props.horizonDays ?? DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS),
    clvHorizonDays: checkWholeDays('clvHorizonDays', props.clvHorizonDays ?? DEFAULT_CLV_SETTINGS.clvHorizonDays, MAX_CLV_HORIZON_DAYS),
    schedule: schedule.data,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    logRetention: props.logRetention ?? DEFAULT_LOG_RETENTION,
    memoryOf: (id) => memory.functions?.[id] ?? defaultMemory ?? defaultFunctionMemoryMiB(id),
  };
}

function checkWholeDays(name: string, days: number, max: number): number {
  if (!Number.isInteger(days) || days < 1 || days > max) {
    throw new PredictiveSegmentsPropsError(`${name} must be a whole number of days from 1 to ${max}, not ${days}.`);
  }
  return days;
}

function checkMemory(name: string, size: number): number {
  if (!Number.isInteger(size) || size < MIN_MEMORY_MIB || size > MAX_MEMORY_MIB) {
    throw new PredictiveSegmentsPropsError(`${name} must be a whole number of MiB from ${MIN_MEMORY_MIB} to ${MAX_MEMORY_MIB}, not ${size}.`);
  }
  return size;
}
