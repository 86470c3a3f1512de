import { join, resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  TABLE_NAME,
  dataBucketName,
} from '../../../functions/shared/resource-names.js';
import { startDynamoServer } from './dynamo-server.js';
import { ensureBucket } from './ensure-bucket.js';
import { ensureTable } from './ensure-table.js';
import { createLocalDynamoClient, createLocalS3Client } from './local-clients.js';
import { DEFAULT_STATE_DIR } from './local-aws-settings.js';
import { startS3Server } from './s3-server.js';
import { lockStateDir } from './state-dir-lock.js';
import { STATE_DIR_LAYOUT, claimStateDir } from './state-dir-marker.js';
import { stopAll, type Stoppable } from './stop-all.js';

export interface EmbeddedAwsOptions {
  /**
   * Holds `s3/` (objects as files) and `dynamodb/` (LevelDB); reused by the next start, one runtime at a time.
   * A folder holding anything else, without the tool's marker, is refused (see claimStateDir).
   */
  stateDir?: string;
  /** 0 picks a free ephemeral port. */
  s3Port?: number;
  dynamoPort?: number;
}

export interface EmbeddedAws {
  s3Endpoint: string;
  dynamoEndpoint: string;
  bucket: string;
  table: string;
  s3: S3Client;
  dynamo: DynamoDBClient;
  stop(): Promise<void>;
}

export class EmbeddedAwsStartError extends Error {
  override name = 'EmbeddedAwsStartError';
}

/** Starts S3 (s3rver) and DynamoDB (dynalite) on loopback with the bucket and table the handlers expect. */
export async function startEmbeddedAws({
  stateDir = DEFAULT_STATE_DIR,
  s3Port = 0,
  dynamoPort = 0,
}: EmbeddedAwsOptions = {}): Promise<EmbeddedAws> {
  const root = resolve(stateDir);
  claimStateDir(root);
  // Stopped in reverse order of start: clients, servers, then the state directory lock.
  const started: Stoppable[] = [];
  try {
    const lock = lockStateDir(root);
    started.push({ stop: lock.release });
    const s3Server = await startS3Server({ directory: join(root, STATE_DIR_LAYOUT.s3), port: s3Port });
    started.unshift(s3Server);
    const dynamoServer = await startDynamoServer({ directory: join(root, STATE_DIR_LAYOUT.dynamodb), port: dynamoPort });
    started.unshift(dynamoServer);
    const s3 = createLocalS3Client(s3Server.endpoint);
    const dynamo = createLocalDynamoClient(dynamoServer.endpoint);
    const clients: Stoppable = {
      stop: async () => {
        s3.destroy();
        dynamo.destroy();
      },
    };
    started.unshift(clients);

    const bucket = dataBucketName(LOCAL_ACCOUNT, LOCAL_REGION);
    await ensureBucket(s3, bucket);
    await ensureTable(dynamo);

    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= stopAll(started));
    return {
      s3Endpoint: s3Server.endpoint,
      dynamoEndpoint: dynamoServer.endpoint,
      bucket,
      table: TABLE_NAME,
      s3,
      dynamo,
      stop,
    };
  } catch (error) {
    await stopAll(started).catch(() => undefined);
    throw new EmbeddedAwsStartError(`Could not start the embedded AWS runtime in ${root}`, { cause: error });
  }
}
