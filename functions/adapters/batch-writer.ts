import { BatchWriteItemCommand, type AttributeValue, type WriteRequest as AttributeWriteRequest } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
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
  await mapWithConcurrency(batches, concurrency, (batch) => writeOneBatch(client, table, batch.map(toAttributeRequest), maxAttempts, baseDelayMs));
  return requests.length;
}

async function writeOneBatch(
  client: DynamoDBDocumentClient,
  table: string,
  batch: AttributeWriteRequest[],
  maxAttempts: number,
  baseDelayMs: number,
): Promise<void> {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > maxAttempts) {
      throw new BatchWriteError(`${pending.length} items were still unprocessed after ${maxAttempts} attempts.`);
    }
    if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random()));
    const response = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = response.UnprocessedItems?.[table] ?? [];
  }
}

/**
 * The request in DynamoDB's attribute-value form. The writes are sent as BatchWriteItem rather than
 * through the document client because its marshalling was nearly a tenth of a write shard's CPU; items of
 * strings, numbers, booleans and nulls (every item the pipeline writes) are converted here, anything
 * else (and any number marshall refuses) by marshall, with the document client's options and errors.
 */
function toAttributeRequest(request: WriteRequest): AttributeWriteRequest {
  return 'PutRequest' in request
    ? { PutRequest: { Item: toAttributeValues(request.PutRequest.Item) } }
    : { DeleteRequest: { Key: toAttributeValues(request.DeleteRequest.Key) } };
}

export function toAttributeValues(item: Record<string, unknown>): Record<string, AttributeValue> {
  const converted: Record<string, AttributeValue> = {};
  for (const name in item) {
    if (!Object.hasOwn(item, name)) continue;
    const value = item[name];
    if (typeof value === 'string') converted[name] = { S: value };
    else if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) converted[name] = { N: String(value) };
    else if (typeof value === 'boolean') converted[name] = { BOOL: value };
    else if (value === null) converted[name] = { NULL: true };
    else if (value !== undefined) return marshall(item, { removeUndefinedValues: true });
  }
  return converted;
}

export type { WriteRequest };
