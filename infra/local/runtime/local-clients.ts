import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CHECKSUM_MODE, LOCAL_CLIENT_REGION, LOCAL_CREDENTIALS } from './local-aws-settings.js';
import { suppressSdkNodeVersionWarning } from './suppress-sdk-node-version-warning.js';

export function createLocalS3Client(endpoint: string): S3Client {
  suppressSdkNodeVersionWarning();
  return new S3Client({
    endpoint,
    region: LOCAL_CLIENT_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: LOCAL_CHECKSUM_MODE,
    responseChecksumValidation: LOCAL_CHECKSUM_MODE,
  });
}

export function createLocalDynamoClient(endpoint: string): DynamoDBClient {
  suppressSdkNodeVersionWarning();
  return new DynamoDBClient({ endpoint, region: LOCAL_CLIENT_REGION, credentials: LOCAL_CREDENTIALS });
}
