export { createTableInput } from './create-table-input.js';
export { exportLocalAwsEnv, type LocalAwsTarget, type RestoreEnv } from './export-local-aws-env.js';
export { invokeLocally, LambdaTimeoutError, type InvokeOptions, type LambdaHandler } from './invoke-locally.js';
export { DeprecatedContextMethodError } from './lambda-context.js';
export { LOCAL_CREDENTIALS, LOCAL_ONLY_ENV } from './local-aws-settings.js';
export { buildS3ObjectCreatedEvent, type ObjectCreatedDetails } from './s3-events.js';
export { encodeS3EventKey } from './s3-event-key.js';
export { buildScheduledEvent } from './scheduled-events.js';
export {
  startEmbeddedAws,
  EmbeddedAwsStartError,
  type EmbeddedAws,
  type EmbeddedAwsOptions,
} from './start-embedded-aws.js';
export {
  STATE_DIR_LAYOUT,
  STATE_DIR_MARKER,
  StateDirNotOursError,
  claimStateDir,
  clearStateDir,
  type StateDirClaim,
} from './state-dir-marker.js';
export { objectCreatedEventFor } from './stored-object-event.js';
export { TableLayoutMismatchError } from './ensure-table.js';
export { suppressSdkNodeVersionWarning } from './suppress-sdk-node-version-warning.js';
