import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { WriteRequest } from '../../../functions/adapters/batch-writer.js';
import { writeQueue } from '../../../functions/adapters/customer-items/write-queue.js';

const put = (id: number): WriteRequest => ({ PutRequest: { Item: { pk: `c${id}`, sk: 'score' } } });
const puts = (from: number, count: number) => Array.from({ length: count }, (_, i) => put(from + i));
const idOf = (request: WriteRequest) => ('PutRequest' in request ? String(request.PutRequest.Item.pk) : '');

/** A client whose BatchWriteItem answers when the test says so (or fails, from the call `failFrom` on). */
function heldClient(options: { failFrom?: number } = {}) {
  const calls: { ids: string[]; answered: boolean; answer: () => void }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const client = {
    send: (command: { input: { RequestItems: Record<string, WriteRequest[]> } }) => {
      const requests = Object.values(command.input.RequestItems)[0] ?? [];
      const call = calls.length;
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return new Promise((resolve, reject) => {
        calls.push({
          ids: requests.map(idOf),
          answered: false,
          answer() {
            if (this.answered) return;
            this.answered = true;
            inFlight -= 1;
            if (options.failFrom !== undefined && call >= options.failFrom) reject(new Error(`injected failure of call ${call}`));
            else resolve({ UnprocessedItems: {} });
          },
        });
      });
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls, mostInFlight: () => mostInFlight, inFlight: () => inFlight };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Answers every call (but those in `holding`) until `done` settles. */
async function answerUntil<T>(calls: { answer: () => void }[], done: Promise<T>, holding: number[] = []): Promise<T> {
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let round = 0; !settled && round < 100; round += 1) {
    calls.forEach((call, index) => holding.includes(index) || call.answer());
    await tick();
  }
  return done;
}

describe('the write stage’s queue of table writes', () => {
  it('keeps `concurrency` batches in flight: a slow batch does not hold back the next ones', async () => {
    const { client, calls, mostInFlight } = heldClient();
    const queue = writeQueue(client, 'table', { concurrency: 3 });
    await queue.add(puts(0, 25 * 6));
    expect(calls).toHaveLength(3);
    // The first batch stays unanswered; each answer to another one sends the next full batch at once.
    calls[1]!.answer();
    await tick();
    expect(calls).toHaveLength(4);
    calls[2]!.answer();
    await tick();
    expect(calls).toHaveLength(5);
    expect(mostInFlight()).toBe(3);
    const finished = queue.finish();
    // Everything but the first batch is written while it is still unanswered.
    await answerUntil(calls, new Promise((resolve) => setTimeout(resolve, 50)), [0]);
    expect(calls).toHaveLength(6);
    expect(calls.filter((call) => !call.answered)).toHaveLength(1);
    calls[0]!.answer();
    expect(await finished).toBe(150);
    expect(calls.flatMap((call) => call.ids).sort()).toEqual(puts(0, 150).map(idOf).sort());
  });

  it('sends only full batches until finish, which sends the rest', async () => {
    const { client, calls } = heldClient();
    const queue = writeQueue(client, 'table', { concurrency: 2 });
    await queue.add(puts(0, 30));
    expect(calls.map((call) => call.ids.length)).toEqual([25]);
    const finished = queue.finish();
    await tick();
    expect(calls.map((call) => call.ids.length)).toEqual([25, 5]);
    for (const call of calls) call.answer();
    expect(await finished).toBe(30);
  });

  it('makes add wait while the queue is full, so memory stays bounded', async () => {
    const { client, calls } = heldClient();
    const queue = writeQueue(client, 'table', { concurrency: 1 });
    let added = false;
    const adding = queue.add(puts(0, 25 * 9)).then(() => (added = true));
    await tick();
    expect(added).toBe(false);
    calls[0]!.answer();
    await adding;
    expect(calls).toHaveLength(2);
    // The add went on as soon as one batch left room, with the queue still far from empty.
    expect(calls.filter((call) => call.answered)).toHaveLength(1);
    expect(await answerUntil(calls, queue.finish())).toBe(225);
  });

  it('after a failed batch sends nothing more, fails add and finish, and stop waits for the batches in flight', async () => {
    const { client, calls, inFlight } = heldClient({ failFrom: 0 });
    const queue = writeQueue(client, 'table', { concurrency: 2, maxAttempts: 1 });
    await queue.add(puts(0, 25 * 4));
    expect(calls).toHaveLength(2);
    calls[0]!.answer();
    await tick();
    await expect(queue.add(puts(100, 25))).rejects.toThrow('injected failure of call 0');
    expect(calls).toHaveLength(2);
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    calls[1]!.answer();
    await stopping;
    expect(inFlight()).toBe(0);
    expect(calls).toHaveLength(2);
    await expect(queue.finish()).rejects.toThrow('injected failure of call 0');
  });
});
