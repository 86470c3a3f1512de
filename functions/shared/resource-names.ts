/**
 * Physical names shared by the CDK construct and the local runtime, so that a handler
 * finds the same bucket and table whether it runs in AWS or against s3rver/dynalite.
 * Every name derives from a name prefix, so two deployments can share an account and region;
 * the local runtime always uses the default prefix.
 */
export const DEFAULT_NAME_PREFIX = 'predictive-segments';

/** The table of a deployment: its name prefix itself. */
export const tableNameFor = (namePrefix: string): string => namePrefix;

export const TABLE_NAME = tableNameFor(DEFAULT_NAME_PREFIX);

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** Bucket names are global, so the account and region make them unique beyond one account. */
export const dataBucketName = (account: string, region: string, namePrefix: string = DEFAULT_NAME_PREFIX): string =>
  `${namePrefix}-data-${account}-${region}`;

/** The custom EventBridge bus segment membership changes go to. */
export const segmentEventBusNameFor = (namePrefix: string): string => `${namePrefix}-segment-changes`;

/** The scoring run's state machine, so `aws stepfunctions list-executions` can name it. */
export const scoringRunStateMachineNameFor = (namePrefix: string): string => `${namePrefix}-scoring-run`;

/** Under /aws/vendedlogs/ Step Functions needs no log-group resource policy, whose size is capped per account. */
export const scoringRunLogGroupNameFor = (namePrefix: string): string => `/aws/vendedlogs/states/${namePrefix}-scoring-run`;

/** The nightly schedule (EventBridge Scheduler names are unique per schedule group). */
export const nightlyScheduleNameFor = (namePrefix: string): string => `${namePrefix}-nightly-rescore`;

/** Environment variables every handler reads its resources from. */
export const ENV = {
  bucket: 'DATA_BUCKET',
  table: 'SEGMENTS_TABLE',
  horizonDays: 'HORIZON_DAYS',
  /** How far predictedClv looks ahead when the configuration file does not say (scoring.clvHorizonDays). */
  clvHorizonDays: 'CLV_HORIZON_DAYS',
  /** ARN of the scoring run state machine, for the functions that start runs (ingest, nightly). */
  scoringRunStateMachine: 'SCORING_RUN_STATE_MACHINE',
  /** The EventBridge bus Publish sends segment membership changes to (AWS). */
  segmentEventBus: 'SEGMENT_EVENT_BUS',
  /** The folder Publish writes segment membership changes to as JSON Lines (the local runtime). */
  segmentEventsDir: 'SEGMENT_EVENTS_DIR',
} as const;
