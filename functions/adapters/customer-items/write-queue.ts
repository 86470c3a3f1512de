import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BATCH_SIZE, writeBatch, type BatchWriterOptions, type WriteRequest } from '../batch-writer.js';

/** Batches per sender that may wait in the queue while the diff goes on. */
const HIGH_WATER = 8;

/**
 * Collects the buckets' writes and sends them in full batches, `concurrency` senders each with one
 * batch in flight, beside the diffing, so the table's latency and the diff's CPU overlap (no
 * sender waits for the others' batches). A bucket that finds HIGH_WATER batches per sender queued
 * waits for a sender, so memory stays bounded however many buckets the shard has. A failed write
 * stops the senders and fails the next `add` and `finish`; `stop` waits for the writes in flight,
 * so a failed shard leaves nothing running behind it.
 */
export function writeQueue(client: DynamoDBDocumentClient, table: string, writer: BatchWriterOptions) {
  const concurrency = writer.concurrency ?? 8;
  const highWater = BATCH_SIZE * concurrency * HIGH_WATER;
  const queue: WriteRequest[] = [];
  const senders = new Set<Promise<void>>();
  let written = 0;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  /** Once finishing, a last batch smaller than BATCH_SIZE goes too. */
  let finishing = false;
  const hasBatch = () => !failure && !stopped && (queue.length >= BATCH_SIZE || (finishing && queue.length > 0));
  /** Callers of `add` waiting for room, woken whenever a batch is written or a sender stops. */
  let waiting: (() => void)[] = [];
  const wake = () => {
    const woken = waiting;
    waiting = [];
    for (const resolve of woken) resolve();
  };
  const room = () => new Promise<void>((resolve) => waiting.push(resolve));
  const send = async () => {
    try {
      while (hasBatch()) {
        const batch = queue.splice(0, BATCH_SIZE);
        await writeBatch(client, table, batch, writer);
        written += batch.length;
        wake();
      }
    } catch (error) {
      failure ??= { error };
    }
  };
  const startSenders = () => {
    while (senders.size < concurrency && hasBatch()) {
      const sender = send().finally(() => {
        senders.delete(sender);
        wake();
      });
      senders.add(sender);
    }
  };
  // A sender leaves the set (its `finally`) before anyone awaiting it goes on, so after each wait
  // startSenders sees the free places.
  const settle = async () => {
    for (startSenders(); senders.size > 0; startSenders()) await Promise.all(senders);
  };
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    add: async (requests: WriteRequest[]) => {
      check();
      for (const request of requests) queue.push(request);
      for (startSenders(); queue.length >= highWater && senders.size > 0; startSenders()) await room();
      check();
    },
    finish: async () => {
      finishing = true;
      await settle();
      check();
      return written;
    },
    stop: async () => {
      stopped = true;
      await settle();
    },
  };
}
