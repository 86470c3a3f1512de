import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

export class BatchWriteError extends Error {
  override readonly name = 'BatchWriteError';
}

export interface BatchWriterOptions {
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
}

const BATCH_SIZE = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes any number of puts/deletes in 25-item batches with a few batches in flight, and
 * re-sends UnprocessedItems with exponential backoff and jitter, as DynamoDB asks callers to.
 */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
  options: BatchWriterOptions = {},
): Promise<number> {
  const { concurrency = 8, maxAttempts = 8, baseDelayMs = 50 } = options;
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_SIZE) batches.push(requests.slice(start, start + BATCH_SIZE));
  // Waits for the batches in flight when one fails: a batch still retrying after the caller gave up would land after the run was abandoned.
  await mapWithConcurrency(batches, concurrency, (batch) => writeOneBatch(client, table, batch, maxAttempts, baseDelayMs));
  return requests.length;
}

async function writeOneBatch(
  client: DynamoDBDocumentClient,
  table: string,
  batch: WriteRequest[],
  maxAttempts: number,
  baseDelayMs: number,
): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > maxAttempts) {
      throw new BatchWriteError(`${pending.length} items were still unprocessed after ${maxAttempts} attempts.`);
    }
    if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random()));
    const response = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
    pending = (response.UnprocessedItems?.[table] ?? []) as WriteRequest[];
  }
}

export type { WriteRequest };
