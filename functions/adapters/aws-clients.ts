import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../shared/observability.js';
import { ENV } from '../shared/resource-names.js';

/**
 * Clients read region, credentials and endpoints from the environment, so the same code
 * reaches AWS in Lambda and s3rver/dynalite locally (AWS_ENDPOINT_URL_S3 / _DYNAMODB).
 */
export function createS3Client(): S3Client {
  return traced(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }));
}

export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** A conditional write whose condition did not hold (also when the error comes from another copy of the SDK). */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** An item without its table keys: the record it stores. */
export const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
};

export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfigurationError';
}

export function requiredEnv(name: (typeof ENV)[keyof typeof ENV]): string {
  const value = process.env[name];
  if (!value) throw new MissingConfigurationError(`Environment variable ${name} is not set.`);
  return value;
}
