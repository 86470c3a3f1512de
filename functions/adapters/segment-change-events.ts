import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import {
  ChangeEventBuilder,
  eventEntryBytes,
  SEGMENT_CHANGE_SOURCE,
  SEGMENT_CHANGES_DETAIL_TYPE,
  SegmentEventsError,
  type ChangeRun,
  type MembershipChange,
  type SegmentChangeDetail,
  type SegmentChangeEvent,
  type SegmentChangesDetail,
} from './segment-change-event-format.js';

export * from './segment-change-event-format.js';

/**
 * Where a run's membership changes go: an EventBridge bus in AWS, a JSON Lines file locally.
 * `begin` is called when a publication of the run starts (a retry starts afresh), `send` with the
 * run's changes page by page, then `finish` once; the run's `events` setting says whether each
 * change is an event or changes are batched (ChangeEventBuilder).
 */
export interface SegmentChangeSink {
  readonly destination: string;
  begin(run: ChangeRun): Promise<void>;
  send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void>;
  finish(run: ChangeRun): Promise<void>;
}

/** The event builders of the runs being sent, one per run, started afresh by `begin`. */
class RunBuilders {
  private readonly builders = new Map<string, ChangeEventBuilder>();

  begin(run: ChangeRun): ChangeEventBuilder {
    const builder = new ChangeEventBuilder(run);
    this.builders.set(run.runId, builder);
    return builder;
  }

  of(run: ChangeRun): ChangeEventBuilder {
    return this.builders.get(run.runId) ?? this.begin(run);
  }

  /** The events still open for the run, and the builder forgotten. */
  finish(run: ChangeRun): SegmentChangeEvent[] {
    const rest = this.builders.get(run.runId)?.finish() ?? [];
    this.builders.delete(run.runId);
    return rest;
  }
}

/** PutEvents takes at most 10 entries a request, and their sizes (eventEntryBytes) must add up to less than 256 KiB. */
const ENTRIES_PER_REQUEST = 10;
const REQUEST_BYTES = 256 * 1024 - 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const LINES_PER_APPEND = 5_000;

/** One line of a run's JSON Lines file, and the shape EventBridge delivers to rules (less the envelope). */
const jsonLineOf = (event: SegmentChangeEvent) => JSON.stringify({ source: SEGMENT_CHANGE_SOURCE, 'detail-type': event.detailType, detail: event.detail });

export interface EventBridgeSinkOptions {
  /** Requests in flight (default 8). */
  concurrency?: number;
  /** Attempts for entries EventBridge reports failed (FailedEntryCount), with exponential backoff (default 6). */
  maxAttempts?: number;
  baseDelayMs?: number;
}

/**
 * Sends the run's events on the bus, up to 10 entries and 256 KiB a request. Entries the answer
 * reports failed (throttling, internal errors) are sent again with backoff; entries still failing
 * after the last attempt fail the call, so Publish fails and its retry sends the run's events
 * again: delivery is at least once, and `detail.eventId` lets consumers drop repeats.
 */
export class EventBridgeSegmentChangeSink implements SegmentChangeSink {
  readonly destination: string;
  private readonly runs = new RunBuilders();

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly options: EventBridgeSinkOptions = {},
  ) {
    this.destination = `EventBridge bus ${busName}`;
  }

  async begin(run: ChangeRun): Promise<void> {
    this.runs.begin(run);
  }

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    await this.putAll(this.runs.of(run).add(changes));
  }

  async finish(run: ChangeRun): Promise<void> {
    await this.putAll(this.runs.finish(run));
  }

  private async putAll(events: readonly SegmentChangeEvent[]): Promise<void> {
    const requests: PutEventsRequestEntry[][] = [];
    let request: PutEventsRequestEntry[] = [];
    let requestBytes = 0;
    for (const event of events) {
      const entry = { EventBusName: this.busName, Source: SEGMENT_CHANGE_SOURCE, DetailType: event.detailType, Detail: JSON.stringify(event.detail) };
      const bytes = eventEntryBytes(entry.DetailType, entry.Detail);
      if (request.length === ENTRIES_PER_REQUEST || (request.length > 0 && requestBytes + bytes > REQUEST_BYTES)) {
        requests.push(request);
        request = [];
        requestBytes = 0;
      }
      request.push(entry);
      requestBytes += bytes;
    }
    if (request.length > 0) requests.push(request);
    // A request still retrying after another failed would publish after the run was abandoned: wait for it.
    await mapWithConcurrency(requests, this.options.concurrency ?? 8, (request) => this.put(request));
  }

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
  private readonly runs = new RunBuilders();
  private readonly started = new Set<string>();

  constructor(private readonly dir: string) {
    this.destination = dir;
  }

  private partialOf(runId: string): string {
    return path.join(this.dir, `${runId}.jsonl.partial-${process.pid}`);
  }

  async begin(run: ChangeRun): Promise<void> {
    this.runs.begin(run);
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.partialOf(run.runId), '');
    this.started.add(run.runId);
  }

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    if (!this.started.has(run.runId)) await this.begin(run);
    const builder = this.runs.of(run);
    // A few thousand lines at a time: a whole 50,000-change page as one string took a third longer, most of it in collecting garbage.
    for (let from = 0; from < changes.length; from += LINES_PER_APPEND) await this.append(run, builder.add(changes.slice(from, from + LINES_PER_APPEND)));
  }

  async finish(run: ChangeRun): Promise<void> {
    if (!this.started.has(run.runId)) await this.begin(run);
    await this.append(run, this.runs.finish(run));
    this.started.delete(run.runId);
    await rename(this.partialOf(run.runId), path.join(this.dir, `${run.runId}.jsonl`));
  }

  private async append(run: ChangeRun, events: readonly SegmentChangeEvent[]): Promise<void> {
    if (events.length > 0) await appendFile(this.partialOf(run.runId), `${events.map(jsonLineOf).join('\n')}\n`);
  }
}

/** Events kept in memory, for tests: `sent` holds the one-change events' details, `batches` the batched ones'. */
export class InMemorySegmentChangeSink implements SegmentChangeSink {
  readonly destination = 'memory';
  readonly sent: SegmentChangeDetail[] = [];
  readonly batches: SegmentChangesDetail[] = [];
  readonly finished: string[] = [];
  private readonly runs = new RunBuilders();

  async begin(run: ChangeRun): Promise<void> {
    this.runs.begin(run);
  }

  async send(run: ChangeRun, changes: readonly MembershipChange[]): Promise<void> {
    this.keep(this.runs.of(run).add(changes));
  }

  async finish(run: ChangeRun): Promise<void> {
    this.keep(this.runs.finish(run));
    this.finished.push(run.runId);
  }

  private keep(events: readonly SegmentChangeEvent[]): void {
    for (const event of events) {
      if (event.detailType === SEGMENT_CHANGES_DETAIL_TYPE) this.batches.push(event.detail);
      else this.sent.push(event.detail);
    }
  }
}
