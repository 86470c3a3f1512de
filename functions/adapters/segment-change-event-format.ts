import { hash } from 'node:crypto';
import { DEFAULT_MEMBERSHIP_CHANGE_EVENTS, type MembershipChangeEventsConfig } from '../../models/config/index.js';

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
  /** How the changes become events: the run's configuration `events.membershipChanges` (absent: one event per change). */
  events?: MembershipChangeEventsConfig;
}

/** The event's detail, as consumers receive it. `eventId` is the same every time the run's change is sent. */
export interface SegmentChangeDetail extends MembershipChange {
  eventId: string;
  runId: string;
  asOf: string;
  previousRunId: string | null;
}

/** A batched event's detail: customers who made the same change to the same segment. `eventId` is the same every time the batch is sent. */
export interface SegmentChangesDetail {
  eventId: string;
  runId: string;
  asOf: string;
  previousRunId: string | null;
  segmentId: string;
  change: MembershipChange['change'];
  customerIds: string[];
}

export const SEGMENT_CHANGE_SOURCE = 'predictive-segments';
export const SEGMENT_CHANGE_DETAIL_TYPE = 'Segment Membership Changed';
export const SEGMENT_CHANGES_DETAIL_TYPE = 'Segment Membership Changes';

export type SegmentChangeEvent =
  | { detailType: typeof SEGMENT_CHANGE_DETAIL_TYPE; detail: SegmentChangeDetail }
  | { detailType: typeof SEGMENT_CHANGES_DETAIL_TYPE; detail: SegmentChangesDetail };

/**
 * The largest batched event, as EventBridge sizes a PutEvents entry (Source, DetailType and
 * Detail in UTF-8 bytes): one 64 KB billing chunk, read as 64,000 bytes so it holds whichever way
 * KB is meant. A larger event would be billed as several and could pass the 256 KiB entry limit.
 */
export const MAX_BATCHED_EVENT_BYTES = 64_000;

export class SegmentEventsError extends Error {
  override readonly name = 'SegmentEventsError';
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** A PutEvents entry's size as EventBridge computes it (no Time, no Resources). */
export const eventEntryBytes = (detailType: string, detailJson: string): number => utf8Bytes(SEGMENT_CHANGE_SOURCE) + utf8Bytes(detailType) + utf8Bytes(detailJson);

// One-shot hash: a first load sends millions of changes, and createHash's object per event took 1.4 s a million.
const eventIdOf = (parts: readonly string[]) => hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);

export function detailOf(run: ChangeRun, { customerId, segmentId, change }: MembershipChange): SegmentChangeDetail {
  const eventId = eventIdOf([run.runId, customerId, segmentId, change]);
  return { eventId, runId: run.runId, asOf: run.asOf, previousRunId: run.previousRunId, customerId, segmentId, change };
}

function batchDetailOf(run: ChangeRun, segmentId: string, change: MembershipChange['change'], customerIds: string[]): SegmentChangesDetail {
  const eventId = eventIdOf([run.runId, segmentId, change, ...customerIds]);
  return { eventId, runId: run.runId, asOf: run.asOf, previousRunId: run.previousRunId, segmentId, change, customerIds };
}

interface OpenBatch {
  segmentId: string;
  change: MembershipChange['change'];
  customerIds: string[];
  /** The entry's size with these ids, counting a comma for each (an upper bound). */
  bytes: number;
}

/**
 * Turns one run's changes, page by page, into the events to send. One event per change by default;
 * batched, the customers of each segment and change kind are gathered until the batch holds
 * `maxCustomersPerEvent` of them or one more would pass MAX_BATCHED_EVENT_BYTES, and what is left
 * is sent by `finish`. A batch's ids and its `eventId` depend only on the run's changes in the
 * order they are given, so a retried publication sends the same events.
 */
export class ChangeEventBuilder {
  private readonly format: MembershipChangeEventsConfig;
  private readonly open = new Map<string, OpenBatch>();

  constructor(private readonly run: ChangeRun) {
    this.format = run.events ?? DEFAULT_MEMBERSHIP_CHANGE_EVENTS;
  }

  add(changes: readonly MembershipChange[]): SegmentChangeEvent[] {
    if (!this.format.batched) return changes.map((change) => ({ detailType: SEGMENT_CHANGE_DETAIL_TYPE, detail: detailOf(this.run, change) }));
    const complete: SegmentChangeEvent[] = [];
    for (const { customerId, segmentId, change } of changes) {
      const key = `${segmentId}\u0000${change}`;
      const idBytes = utf8Bytes(JSON.stringify(customerId)) + 1;
      let batch = this.open.get(key);
      if (batch && batch.bytes + idBytes > MAX_BATCHED_EVENT_BYTES) {
        complete.push(this.close(batch));
        batch = undefined;
      }
      if (!batch) {
        batch = { segmentId, change, customerIds: [], bytes: this.emptyBytes(segmentId, change) };
        this.open.set(key, batch);
      }
      if (batch.bytes + idBytes > MAX_BATCHED_EVENT_BYTES) {
        throw new SegmentEventsError(`Customer id ${JSON.stringify(customerId.slice(0, 40))}… alone makes an event of segment ${segmentId} larger than ${MAX_BATCHED_EVENT_BYTES} bytes.`);
      }
      batch.customerIds.push(customerId);
      batch.bytes += idBytes;
      if (batch.customerIds.length >= this.format.maxCustomersPerEvent) complete.push(this.close(batch));
    }
    return complete;
  }

  /** The batches still open, in the order they were opened. */
  finish(): SegmentChangeEvent[] {
    const rest = [...this.open.values()].map((batch) => this.close(batch));
    this.open.clear();
    return rest;
  }

  private close(batch: OpenBatch): SegmentChangeEvent {
    this.open.delete(`${batch.segmentId}\u0000${batch.change}`);
    return { detailType: SEGMENT_CHANGES_DETAIL_TYPE, detail: batchDetailOf(this.run, batch.segmentId, batch.change, batch.customerIds) };
  }

  /** The entry's size with no customer id (the event id has a fixed length, so a placeholder measures it). */
  private emptyBytes(segmentId: string, change: MembershipChange['change']): number {
    const empty = { ...batchDetailOf(this.run, segmentId, change, []), eventId: '0'.repeat(32) };
    return eventEntryBytes(SEGMENT_CHANGES_DETAIL_TYPE, JSON.stringify(empty));
  }
}
