import { LOCAL_REGION } from '../../../functions/shared/resource-names.js';

export const LOOPBACK_HOST = '127.0.0.1';

export const DEFAULT_STATE_DIR = '.segments';

/** s3rver checks signatures against this fixed key pair; dynalite accepts any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export const LOCAL_CLIENT_REGION = LOCAL_REGION;

/**
 * The SDK's default (`WHEN_SUPPORTED`) sends streamed bodies as aws-chunked with a trailing
 * checksum; s3rver stores those chunk frames verbatim and corrupts the object.
 */
export const LOCAL_CHECKSUM_MODE = 'WHEN_REQUIRED';

/** Environment variables that only the local runtime sets (AWS has no equivalent to point at). */
export const LOCAL_ONLY_ENV = { s3ForcePathStyle: 'S3_FORCE_PATH_STYLE' } as const;
