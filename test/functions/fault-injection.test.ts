import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchWrite, BatchWriteError } from '../../functions/adapters/batch-writer.js';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.js';
import { LOCAL_CREDENTIALS } from '../../infra/local/runtime/index.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../support/embedded-pipeline.js';

let pipeline: EmbeddedPipeline;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

/** Answers the first `failures` BatchWriteItem calls with everything unprocessed, as a throttled table does. */
function documentClientWithUnprocessedItems(failures: number) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: pipeline.aws.dynamoEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
  );
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'BatchWriteItemCommand' || calls++ >= failures) return next(args);
      const input = args.input as { RequestItems: Record<string, unknown[]> };
      return { output: { UnprocessedItems: input.RequestItems, $metadata: {} }, response: {} } as never;
    },
    { step: 'initialize', name: 'injectUnprocessedItems' },
  );
  return { client, calls: () => calls };
}

describe('fault injection at the SDK client', () => {
  it('re-sends UnprocessedItems until DynamoDB takes them', async () => {
    const { client, calls } = documentClientWithUnprocessedItems(3);
    const items = Array.from({ length: 30 }, (_, i) => ({ PutRequest: { Item: { pk: `TEST#${i}`, sk: 'X' } } }));

    const written = await batchWrite(client, pipeline.aws.table, items, { baseDelayMs: 1, concurrency: 1 });

    expect(written).toBe(30);
    expect(calls()).toBe(5);
    const stored = await client.send(new GetCommand({ TableName: pipeline.aws.table, Key: { pk: 'TEST#29', sk: 'X' } }));
    expect(stored.Item).toEqual({ pk: 'TEST#29', sk: 'X' });
  });

  it('gives up with a named error when items stay unprocessed', async () => {
    const { client } = documentClientWithUnprocessedItems(100);
    const items = [{ PutRequest: { Item: { pk: 'TEST#never', sk: 'X' } } }];

    const attempt = batchWrite(client, pipeline.aws.table, items, { baseDelayMs: 1, maxAttempts: 3 });

    await expect(attempt).rejects.toBeInstanceOf(BatchWriteError);
  });

  it('when a batch fails, rejects only once the batches still in flight have settled (no write lands after the caller gave up)', async () => {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: pipeline.aws.dynamoEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
    );
    const landed: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        const first = (args.input as { RequestItems: Record<string, { PutRequest: { Item: { pk: { S: string } } } }[]> }).RequestItems[pipeline.aws.table]![0]!;
        if (first.PutRequest.Item.pk.S === 'LATE#0') throw Object.assign(new Error('InternalServerError (injected)'), { name: 'InternalServerError', $fault: 'server' });
        // The other batch is slow (an SDK retry backing off), and would succeed.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const output = await next(args);
        landed.push(first.PutRequest.Item.pk.S);
        return output;
      },
      { step: 'initialize', name: 'failOneDelayOther' },
    );
    const items = Array.from({ length: 50 }, (_, i) => ({ PutRequest: { Item: { pk: `LATE#${i}`, sk: 'X' } } }));

    await expect(batchWrite(client, pipeline.aws.table, items, { baseDelayMs: 1, concurrency: 2 })).rejects.toThrow('injected');

    expect(landed).toEqual(['LATE#25']);
  });

  it('S3 reads survive transient 503s through the SDK retry strategy', async () => {
    const s3 = new S3Client({ endpoint: pipeline.aws.s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_CREDENTIALS, maxAttempts: 4 });
    let failures = 2;
    s3.middlewareStack.add(
      (next) => async (args) => {
        if (failures-- > 0) {
          const error = Object.assign(new Error('Slow Down'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 }, $fault: 'server', $retryable: { throttling: true } });
          throw error;
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'injectSlowDown', priority: 'low' },
    );
    const store = new S3ObjectStore(s3, pipeline.aws.bucket);
    await pipeline.dependencies.store.put('config/fault-test.txt', 'ok', 'text/plain');

    const body = await store.get('config/fault-test.txt');

    expect(new TextDecoder().decode(body ?? new Uint8Array())).toBe('ok');
    expect(failures).toBe(-1);
  });
});
