import { ENV } from '../../../functions/shared/resource-names.js';
import type { EmbeddedAws } from './start-embedded-aws.js';
import { LOCAL_CHECKSUM_MODE, LOCAL_CLIENT_REGION, LOCAL_CREDENTIALS, LOCAL_ONLY_ENV } from './local-aws-settings.js';
import { SDK_NODE_VERSION_WARNING_SWITCH } from './suppress-sdk-node-version-warning.js';

export type LocalAwsTarget = Pick<EmbeddedAws, 's3Endpoint' | 'dynamoEndpoint' | 'bucket' | 'table'>;

/** Restores every variable `exportLocalAwsEnv` touched to its previous value (or unset). */
export type RestoreEnv = () => void;

/**
 * Points clients that handlers create at module scope (`new S3Client({})`) at the embedded servers,
 * through the same variables Lambda would give them plus the SDK's service-specific endpoint variables.
 * Set it before importing the handlers.
 */
export function exportLocalAwsEnv(runtime: LocalAwsTarget, options: { segmentEventsDir?: string } = {}): RestoreEnv {
  const values: Record<string, string | undefined> = {
    AWS_REGION: LOCAL_CLIENT_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    // A developer's real session token must not ride along with the dummy keys.
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL_S3: runtime.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
    AWS_REQUEST_CHECKSUM_CALCULATION: LOCAL_CHECKSUM_MODE,
    AWS_RESPONSE_CHECKSUM_VALIDATION: LOCAL_CHECKSUM_MODE,
    [SDK_NODE_VERSION_WARNING_SWITCH]: 'true',
    [LOCAL_ONLY_ENV.s3ForcePathStyle]: 'true',
    [ENV.bucket]: runtime.bucket,
    [ENV.table]: runtime.table,
    // Publish writes membership changes as JSON Lines there, where AWS sends them to EventBridge.
    [ENV.segmentEventsDir]: options.segmentEventsDir,
    [ENV.segmentEventBus]: undefined,
  };
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  assignEnv(values);
  return () => assignEnv(previous);
}

function assignEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
