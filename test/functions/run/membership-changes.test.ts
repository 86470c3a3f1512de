import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventBridgeSegmentChangeSink,
  InMemorySegmentChangeSink,
  JsonLinesSegmentChangeSink,
  SegmentEventsError,
  type MembershipChange,
} from '../../../functions/adapters/segment-change-events.js';
import { withWorkspace } from '../../../functions/pipeline/workspace.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { RunDependencies } from '../../../functions/run/run-dependencies.js';
import { runFiles } from '../../../functions/run/run-files.js';
import { scoresExportKey } from '../../../functions/shared/storage-layout.js';
import { openDuckDb } from '../../../models/duckdb/duckdb-session.js';
import { addDays } from '../../../models/features/dates.js';
import type { EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { ingestedPipeline } from '../../support/ingested-pipeline.js';
import { runStagesInOrder } from '../../support/run-stages-in-order.js';
import { syntheticExtracts } from '../../support/synthetic-extracts.js';

const data = syntheticExtracts(300, 7);
let pipeline: EmbeddedPipeline;
let deps: RunDependencies;
let reportOf: (runId: string) => Promise<RunReport>;
const sink = new InMemorySegmentChangeSink();

beforeAll(async () => {
  ({ pipeline, deps, reportOf } = await ingestedPipeline(data, { segmentChanges: sink }));
}, 120_000);
afterAll(async () => pipeline?.stop());

/** customer|segment pairs of a published run, from its scores export. */
async function membershipsOf(asOf: string): Promise<Set<string>> {
  return withWorkspace(async (dir) => {
    const file = path.join(dir, 'export.parquet');
    await deps.store.download(scoresExportKey(asOf), file);
    const db = await openDuckDb();
    try {
      const rows = await db.rows<{ pair: string }>(`SELECT customerId || '|' || unnest(segments) AS pair FROM read_parquet('${file}')`);
      return new Set(rows.map((row) => row.pair));
    } finally {
      db.close();
    }
  });
}

describe('membership changes of a published run', () => {
  it('the first run sends every membership as entered, the next exactly the difference between the two published runs', async () => {
    const first = await runStagesInOrder(deps, { trigger: 'manual', requestedAt: new Date().toISOString() });
    const firstRun = first.finished[0]!;
    const firstReport = await reportOf(firstRun.runId);
    const before = await membershipsOf(firstRun.asOf);

    expect(firstReport.membershipChanges).toMatchObject({ previousRunId: null, entered: before.size, exited: 0, destination: 'memory' });
    expect(sink.sent).toHaveLength(before.size);
    expect(new Set(sink.sent.map((e) => `${e.customerId}|${e.segmentId}`))).toEqual(before);
    expect(firstReport.segments.every((s) => s.entered === s.size && s.exited === 0)).toBe(true);

    const asOf = addDays(data.lastDay, 45);
    const second = await runStagesInOrder(deps, { trigger: 'schedule', asOf, requestedAt: new Date().toISOString() });
    const secondRun = second.finished[0]!;
    const report = await reportOf(secondRun.runId);
    const after = await membershipsOf(asOf);
    const events = sink.sent.filter((e) => e.runId === secondRun.runId);

    const entered = [...after].filter((pair) => !before.has(pair));
    const exited = [...before].filter((pair) => !after.has(pair));
    expect(entered.length + exited.length).toBeGreaterThan(0);
    expect(new Set(events.filter((e) => e.change === 'entered').map((e) => `${e.customerId}|${e.segmentId}`))).toEqual(new Set(entered));
    expect(new Set(events.filter((e) => e.change === 'exited').map((e) => `${e.customerId}|${e.segmentId}`))).toEqual(new Set(exited));
    expect(report.membershipChanges).toMatchObject({ previousRunId: firstRun.runId, entered: entered.length, exited: exited.length });
    expect(events.every((e) => e.asOf === asOf && e.previousRunId === firstRun.runId)).toBe(true);
    expect(new Set(sink.sent.map((e) => e.eventId)).size).toBe(sink.sent.length);
    const sizeBefore = new Map(firstReport.segments.map((s) => [s.id, s.size]));
    for (const segment of report.segments) expect(segment.size).toBe((sizeBefore.get(segment.id) ?? 0) + segment.entered - segment.exited);
    expect(sink.finished).toEqual([firstRun.runId, secondRun.runId]);

    // KPIs: in the report, the catalogue and a Parquet file; conversion needs a previous run.
    const rfm = report.segments.filter((s) => s.family === 'rfm');
    expect(rfm.reduce((sum, s) => sum + s.kpis.share, 0)).toBeCloseTo(1, 4);
    expect(firstReport.segments.every((s) => s.kpis.conversion === null)).toBe(true);
    expect(report.segments.some((s) => s.size > 0 && s.kpis.conversion !== null)).toBe(true);
    expect((await deps.table.readCatalog())?.segments[0]?.kpis).toEqual(report.segments[0]!.kpis);
    expect(await deps.store.get(runFiles(secondRun.runId).segmentKpis)).not.toBeNull();
  }, 300_000);
});

const change = (i: number): MembershipChange => ({ customerId: `c${i}`, segmentId: i % 2 ? 'rfm:champions' : 'churn:high', change: i % 3 ? 'entered' : 'exited' });
const RUN = { runId: 'r1', asOf: '2025-01-01', previousRunId: 'r0' };

/** A PutEvents client that refuses the entries `refuse` picks on each call. */
function fakeEventBridge(refuse: (call: number, index: number) => boolean) {
  const calls: { Entries: { Detail: string }[] }[] = [];
  const client = {
    send: async (command: { input: { Entries: { Detail: string }[] } }) => {
      const call = calls.push(command.input) - 1;
      const entries = command.input.Entries.map((_, i) => (refuse(call, i) ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : { EventId: `e${call}-${i}` }));
      return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

describe('segment change sinks', () => {
  it('EventBridge: 10 entries a request, entries refused are sent again, and only those', async () => {
    const bus = fakeEventBridge((call, i) => call === 0 && i < 3);
    const eventBridge = new EventBridgeSegmentChangeSink(bus.client, 'bus', { concurrency: 1, baseDelayMs: 1 });

    await eventBridge.send(RUN, Array.from({ length: 23 }, (_, i) => change(i)));

    expect(bus.calls.map((c) => c.Entries.length)).toEqual([10, 3, 10, 3]);
    expect(bus.calls[1]!.Entries).toEqual(bus.calls[0]!.Entries.slice(0, 3));
    const details = bus.calls.flatMap((c) => c.Entries).map((e) => JSON.parse(e.Detail) as { customerId: string; eventId: string; runId: string });
    expect(new Set(details.map((d) => d.customerId)).size).toBe(23);
    expect(details[0]).toMatchObject({ runId: 'r1', asOf: '2025-01-01', previousRunId: 'r0', customerId: 'c0', change: 'exited' });
  });

  it('EventBridge: fails with the error codes when entries are still refused after the last attempt', async () => {
    const bus = fakeEventBridge(() => true);
    const eventBridge = new EventBridgeSegmentChangeSink(bus.client, 'bus', { maxAttempts: 3, baseDelayMs: 1 });

    await expect(eventBridge.send(RUN, [change(1)])).rejects.toThrow(SegmentEventsError);
    await expect(eventBridge.send(RUN, [change(1)])).rejects.toThrow(/after 3 attempts \(ThrottlingException\)/);
  });

  it('JSON Lines: the file appears on finish, and a retried publication replaces it rather than doubling it', async () => {
    const dir = path.join(os.tmpdir(), `segment-changes-${process.pid}-${Date.now()}`);
    const sinkOnDisk = new JsonLinesSegmentChangeSink(dir);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await sinkOnDisk.send(RUN, [change(1), change(2)]);
      await sinkOnDisk.send(RUN, [change(3)]);
      await sinkOnDisk.finish(RUN);
    }

    const lines = (await readFile(path.join(dir, 'r1.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ source: 'predictive-segments', 'detail-type': 'Segment Membership Changed', detail: { customerId: 'c1', runId: 'r1' } });
  });
});
