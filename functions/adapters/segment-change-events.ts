import { createHash } from 'node:crypto';
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** A customer entering or leaving a segment between two published runs. */
export interface MembershipChange {
  customerId: string;
  segmentId: string;
  change: 'entered' | 'exited';
}

/** The run whose publication the changes belong to. */
export interface ChangeRun {
  runId: string;
  asOf: string;
  /** The published run compared with (null for the first run). */
  previousRunId: string | null;
}

/** The event's detail, as consumers receive it. `eventId` is the same every time the run's change is sent. */
export interface SegmentChangeDetail extends MembershipChange {
  eventId: string;
  runId: string;
  asOf: string;
  previousRunId: string | null;
}

export const SEGMENT_CHANGE_SOURCE = 'predictive-segments';
export const SEGMENT_CHANGE_DETAIL_TYPE = 'Segment Membership Changed';

/**
 * Where a run's membership changes go: an EventBridge bus in AWS, a JSON Lines file locally.
 * `send` is called with the run's changes page by page, then `finish` once.
 */
export interface SegmentChangeSink {
  readonly destination: string;
  send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void>;
  finish(run: ChangeRun): Promise<void>;
}

export class SegmentEventsError extends Error {
  override readonly name = 'SegmentEventsError';
}

export function detailOf(run: ChangeRun, change: MembershipChange): SegmentChangeDetail {
  const eventId = createHash('sha256').update(`${run.runId}\u0000${change.customerId}\u0000${change.segmentId}\u0000${change.change}`).digest('hex').slice(0, 32);
  return { eventId, runId: run.runId, asOf: run.asOf, previousRunId: run.previousRunId, ...change };
}

/** PutEvents takes at most 10 entries and 256 KiB per request. */
const ENTRIES_PER_REQUEST = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface EventBridgeSinkOptions {
  /** Requests in flight (default 8). */
  concurrency?: number;
  /** Attempts for entries EventBridge reports failed (FailedEntryCount), with exponential backoff (default 6). */
  maxAttempts?: number;
  baseDelayMs?: number;
}

/**
 * Sends each change as an event on the bus, 10 entries a request. Entries the answer reports
 * failed (throttling, internal errors) are sent again with backoff; entries still failing after
 * the last attempt fail the call, so Publish fails and its retry sends the run's events again:
 * delivery is at least once, and `detail.eventId` lets consumers drop repeats.
 */
export class EventBridgeSegmentChangeSink implements SegmentChangeSink {
  readonly destination: string;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly options: EventBridgeSinkOptions = {},
  ) {
    this.destination = `EventBridge bus ${busName}`;
  }

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    const entries: PutEventsRequestEntry[] = changes.map((change) => ({
      EventBusName: this.busName,
      Source: SEGMENT_CHANGE_SOURCE,
      DetailType: SEGMENT_CHANGE_DETAIL_TYPE,
      Detail: JSON.stringify(detailOf(run, change)),
    }));
    const batches: PutEventsRequestEntry[][] = [];
    for (let i = 0; i < entries.length; i += ENTRIES_PER_REQUEST) batches.push(entries.slice(i, i + ENTRIES_PER_REQUEST));
    const concurrency = this.options.concurrency ?? 8;
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await this.put(batches[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  }

  async finish(): Promise<void> {}

  private async put(batch: PutEventsRequestEntry[]): Promise<void> {
    const { maxAttempts = 6, baseDelayMs = 100 } = this.options;
    let pending = batch;
    for (let attempt = 1; ; attempt += 1) {
      const response = await this.client.send(new PutEventsCommand({ Entries: pending }));
      if (!response.FailedEntryCount) return;
      const results = response.Entries ?? [];
      const failed = pending.filter((_, i) => results[i]?.ErrorCode !== undefined || results[i]?.EventId === undefined);
      if (attempt >= maxAttempts) {
        const codes = [...new Set(results.map((r) => r.ErrorCode).filter(Boolean))].join(', ');
        throw new SegmentEventsError(`${failed.length} segment change event(s) were still refused by ${this.destination} after ${attempt} attempts (${codes || 'no error code'}).`);
      }
      pending = failed;
      await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/**
 * Locally: the run's events as JSON Lines at `<dir>/<runId>.jsonl`, one `{detail-type, source,
 * detail}` object per line. Lines go to a partial file renamed on finish, so the file appears
 * whole, and a retried Publish replaces it rather than appending the run's events twice.
 */
export class JsonLinesSegmentChangeSink implements SegmentChangeSink {
  readonly destination: string;
  private readonly started = new Set<string>();

  constructor(private readonly dir: string) {
    this.destination = dir;
  }

  private partialOf(runId: string): string {
    return path.join(this.dir, `${runId}.jsonl.partial-${process.pid}`);
  }

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    const text = changes.map((change) => JSON.stringify({ source: SEGMENT_CHANGE_SOURCE, 'detail-type': SEGMENT_CHANGE_DETAIL_TYPE, detail: detailOf(run, change) })).join('\n');
    if (!this.started.has(run.runId)) {
      await mkdir(this.dir, { recursive: true });
      await writeFile(this.partialOf(run.runId), '');
      this.started.add(run.runId);
    }
    if (text) await appendFile(this.partialOf(run.runId), `${text}\n`);
  }

  async finish(run: ChangeRun): Promise<void> {
    if (!this.started.has(run.runId)) await this.send(run, []);
    this.started.delete(run.runId);
    await rename(this.partialOf(run.runId), path.join(this.dir, `${run.runId}.jsonl`));
  }
}

/** Changes kept in memory, for tests. */
export class InMemorySegmentChangeSink implements SegmentChangeSink {
  readonly destination = 'memory';
  readonly sent: SegmentChangeDetail[] = [];
  readonly finished: string[] = [];

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    for (const change of changes) this.sent.push(detailOf(run, change));
  }

  async finish(run: ChangeRun): Promise<void> {
    this.finished.push(run.runId);
  }
}
