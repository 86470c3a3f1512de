import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import {
  ChangeEventBuilder,
  EventBridgeSegmentChangeSink,
  InMemorySegmentChangeSink,
  JsonLinesSegmentChangeSink,
  MAX_BATCHED_EVENT_BYTES,
  SEGMENT_CHANGE_SOURCE,
  type ChangeRun,
  type MembershipChange,
  type SegmentChangesDetail,
} from '../../../functions/adapters/segment-change-events.js';
import { removeFromSegmentEvents } from '../../../functions/forget/segment-event-files.js';
import { personRefs } from '../../../functions/forget/person-ref.js';

const SEGMENTS = ['rfm:champions', 'churn:high', 'clv:top-1'] as const;
const change = (i: number, id = `c${String(i).padStart(6, '0')}`): MembershipChange => ({ customerId: id, segmentId: SEGMENTS[i % 3]!, change: i % 4 ? 'entered' : 'exited' });
const changes = (n: number) => Array.from({ length: n }, (_, i) => change(i));
const batched = (maxCustomersPerEvent: number): ChangeRun => ({ runId: 'r2', asOf: '2025-01-02', previousRunId: 'r1', events: { batched: true, maxCustomersPerEvent } });
const entryBytes = (entry: { Source: string; DetailType: string; Detail: string }) => Buffer.byteLength(entry.Source) + Buffer.byteLength(entry.DetailType) + Buffer.byteLength(entry.Detail);

/** A PutEvents client that accepts every entry and records each request. */
function recordingEventBridge() {
  const calls: { Entries: { Source: string; DetailType: string; Detail: string }[] }[] = [];
  const client = {
    send: async (command: { input: { Entries: { Source: string; DetailType: string; Detail: string }[] } }) => {
      calls.push(command.input);
      return { FailedEntryCount: 0, Entries: command.input.Entries.map((_, i) => ({ EventId: `e${calls.length}-${i}` })) };
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

/** Every customer|segment|change a set of batched details names, and each exactly once. */
const pairsOf = (details: readonly SegmentChangesDetail[]) => details.flatMap((d) => d.customerIds.map((id) => `${id}|${d.segmentId}|${d.change}`));

describe('batched membership events', () => {
  it('group the changes of one segment and one kind, up to the batch size, across pages, and lose none', async () => {
    const sink = new InMemorySegmentChangeSink();
    const run = batched(100);
    await sink.begin(run);
    const all = changes(1_000);
    for (let from = 0; from < all.length; from += 333) await sink.send(run, all.slice(from, from + 333));
    await sink.finish(run);

    expect(sink.sent).toEqual([]);
    expect(pairsOf(sink.batches).sort()).toEqual(all.map((c) => `${c.customerId}|${c.segmentId}|${c.change}`).sort());
    expect(sink.batches.every((b) => b.customerIds.length >= 1 && b.customerIds.length <= 100)).toBe(true);
    const groups = new Map<string, number>();
    for (const c of all) groups.set(`${c.segmentId}|${c.change}`, (groups.get(`${c.segmentId}|${c.change}`) ?? 0) + 1);
    expect(groups.size).toBe(6);
    expect(sink.batches).toHaveLength([...groups.values()].reduce((sum, n) => sum + Math.ceil(n / 100), 0));
    expect(sink.batches[0]).toMatchObject({ runId: 'r2', asOf: '2025-01-02', previousRunId: 'r1' });
    expect(new Set(sink.batches.map((b) => b.eventId)).size).toBe(sink.batches.length);
  });

  it('send the same events with the same ids when the publication is retried, after a failed attempt too', async () => {
    const sink = new InMemorySegmentChangeSink();
    const run = batched(50);
    const publish = async (pages: MembershipChange[][], finish = true) => {
      const from = sink.batches.length;
      await sink.begin(run);
      for (const page of pages) await sink.send(run, page);
      if (finish) await sink.finish(run);
      return sink.batches.slice(from);
    };
    const all = changes(400);

    await publish([all.slice(0, 170)], false);
    const retried = await publish([all.slice(0, 200), all.slice(200)]);
    const again = await publish([all]);

    expect(retried.map((b) => b.eventId)).toEqual(again.map((b) => b.eventId));
    expect(pairsOf(retried).sort()).toEqual(all.map((c) => `${c.customerId}|${c.segmentId}|${c.change}`).sort());
  });

  it('stay within one 64 KB billing chunk (and so the 256 KiB entry limit), even with ids of 500 multi-byte characters', async () => {
    const long = (i: number) => `${'é'.repeat(480)}${String(i).padStart(20, '0')}`;
    const builder = new ChangeEventBuilder(batched(10_000));
    const events = [...builder.add(Array.from({ length: 900 }, (_, i) => ({ ...change(0, long(i)) }))), ...builder.finish()];
    const bus = recordingEventBridge();
    const sink = new EventBridgeSegmentChangeSink(bus.client, 'bus', { concurrency: 1 });
    await sink.send(batched(10_000), Array.from({ length: 900 }, (_, i) => change(0, long(i))));
    await sink.finish(batched(10_000));

    expect(events.length).toBeGreaterThan(1);
    const entries = bus.calls.flatMap((c) => c.Entries);
    expect(entries).toHaveLength(events.length);
    for (const entry of entries) expect(entryBytes(entry)).toBeLessThanOrEqual(MAX_BATCHED_EVENT_BYTES);
    // Nearly full: a batch closes only when the next id would not fit.
    expect(Math.min(...entries.slice(0, -1).map(entryBytes))).toBeGreaterThan(MAX_BATCHED_EVENT_BYTES - 1_100);
    for (const call of bus.calls) {
      expect(call.Entries.length).toBeLessThanOrEqual(10);
      expect(call.Entries.reduce((sum, e) => sum + entryBytes(e), 0)).toBeLessThan(256 * 1024);
    }
    expect(bus.calls.length).toBeGreaterThan(1);
    expect(entries.flatMap((e) => (JSON.parse(e.Detail) as SegmentChangesDetail).customerIds)).toHaveLength(900);
  });

  it('go to EventBridge as "Segment Membership Changes" with the customer ids, 10 entries a request', async () => {
    const bus = recordingEventBridge();
    const sink = new EventBridgeSegmentChangeSink(bus.client, 'bus', { concurrency: 1 });
    const run = batched(10);
    await sink.begin(run);
    await sink.send(run, Array.from({ length: 300 }, (_, i) => ({ customerId: `c${i}`, segmentId: 'custom:vip', change: 'entered' as const })));
    await sink.finish(run);

    const entries = bus.calls.flatMap((c) => c.Entries);
    expect(entries).toHaveLength(30);
    expect(bus.calls.map((c) => c.Entries.length)).toEqual([10, 10, 10]);
    expect(entries[0]).toMatchObject({ Source: SEGMENT_CHANGE_SOURCE, DetailType: 'Segment Membership Changes' });
    expect(pairsOf(entries.map((e) => JSON.parse(e.Detail) as SegmentChangesDetail))).toHaveLength(300);
  });

  it('go to the JSON Lines file one batch a line, and one change a line when not batched', async () => {
    const dir = path.join(os.tmpdir(), `segment-batches-${process.pid}-${Date.now()}`);
    const sink = new JsonLinesSegmentChangeSink(dir);
    const run = batched(40);
    await sink.begin(run);
    await sink.send(run, changes(120));
    await sink.finish(run);
    const single: ChangeRun = { runId: 'r3', asOf: '2025-01-03', previousRunId: 'r2' };
    await sink.send(single, changes(7));
    await sink.finish(single);

    const lines = (await readFile(path.join(dir, 'r2.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l['detail-type'])).toEqual(Array(lines.length).fill('Segment Membership Changes'));
    expect(pairsOf(lines.map((l) => l.detail))).toHaveLength(120);
    const singles = (await readFile(path.join(dir, 'r3.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(singles).toHaveLength(7);
    expect(singles[0]).toMatchObject({ 'detail-type': 'Segment Membership Changed', detail: { customerId: 'c000000', runId: 'r3' } });
  });

  it('write pages larger than the file’s append chunk in order, exactly the events an in-memory sink receives', async () => {
    const dir = path.join(os.tmpdir(), `segment-batches-large-${process.pid}-${Date.now()}`);
    for (const run of [batched(700), { runId: 'r4', asOf: '2025-01-04', previousRunId: null } satisfies ChangeRun]) {
      const file = new JsonLinesSegmentChangeSink(dir);
      const memory = new InMemorySegmentChangeSink();
      const pages = [changes(12_345), changes(5_000).map((c) => ({ ...c, customerId: `${c.customerId}-b` }))];
      for (const sink of [file, memory]) {
        await sink.begin(run);
        for (const page of pages) await sink.send(run, page);
        await sink.finish(run);
      }

      const details = (await readFile(path.join(dir, `${run.runId}.jsonl`), 'utf8')).trim().split('\n').map((line) => JSON.parse(line).detail);
      expect(details, run.runId).toEqual(run.events?.batched ? memory.batches : memory.sent);
      expect(details.length, run.runId).toBe(run.events?.batched ? memory.batches.length : 17_345);
    }
  });

  it('lose a forgotten customer from their lists, and a batch that named only them', async () => {
    const dir = path.join(os.tmpdir(), `segment-batches-forget-${process.pid}-${Date.now()}`);
    const sink = new JsonLinesSegmentChangeSink(dir);
    const run = batched(2);
    await sink.begin(run);
    // Four customers entering rfm:champions: two batches of two.
    await sink.send(run, [change(3, 'a'), change(6, 'b'), change(9, 'gone'), change(15, 'c')]);
    await sink.finish(run);
    const found = new Set<string>();

    const check = await removeFromSegmentEvents({ kind: 'folder', dir }, personRefs([{ kind: 'customer', id: 'gone' }, { kind: 'customer', id: 'c' }]), found);

    const lines = (await readFile(path.join(dir, 'r2.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { detail: SegmentChangesDetail });
    expect(lines.map((l) => l.detail.customerIds)).toEqual([['a', 'b']]);
    expect(found.size).toBe(2);
    expect(check).toMatchObject({ place: 'segment-events', removed: 2, rewritten: [`${path.basename(dir)}/r2.jsonl`] });
  });
});
