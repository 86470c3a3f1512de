/**
 * Physical names shared by the CDK stack and the local runtime, so that a handler
 * finds the same bucket and table whether it runs in AWS or against s3rver/dynalite.
 */
export const TABLE_NAME = 'predictive-segments';

/** The custom EventBridge bus segment membership changes go to. */
export const SEGMENT_EVENT_BUS_NAME = 'predictive-segments-changes';

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';

export const dataBucketName = (account: string, region: string): string =>
  `predictive-segments-data-${account}-${region}`;

/** Environment variables every handler reads its resources from. */
export const ENV = {
  bucket: 'DATA_BUCKET',
  table: 'SEGMENTS_TABLE',
  horizonDays: 'HORIZON_DAYS',
  /** ARN of the scoring run state machine, for the functions that start runs (ingest, nightly). */
  scoringRunStateMachine: 'SCORING_RUN_STATE_MACHINE',
  /** The EventBridge bus Publish sends segment membership changes to (AWS). */
  segmentEventBus: 'SEGMENT_EVENT_BUS',
  /** The folder Publish writes segment membership changes to as JSON Lines (the local runtime). */
  segmentEventsDir: 'SEGMENT_EVENTS_DIR',
} as const;
