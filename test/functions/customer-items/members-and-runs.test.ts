import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberCursorError, type CustomerRow } from '../../../functions/adapters/customer-items/index.js';
import { RunStateError } from '../../../functions/adapters/run-records.js';
import { MEMBER_INDEX_SHARDS } from '../../../functions/shared/table-design.js';
import { BUCKET_COUNT, bucketOf } from '../../../models/partitioning/index.js';
import { customerRowOf } from '../../support/customer-rows.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { freshTable } from '../../support/fresh-table.js';

let pipeline: EmbeddedPipeline;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

const row = (customerId: string, segments: string[]): CustomerRow => customerRowOf(customerId, { segments });

describe('listMembers', () => {
  it('pages over every shard of the member index: 250 members, 7 at a time', async () => {
    const { table } = await freshTable(pipeline.aws);
    const members = Array.from({ length: 250 }, (_, i) => `M${i}`);
    const others = Array.from({ length: 40 }, (_, i) => `O${i}`);
    const customers = [...members.map((id) => row(id, ['rfm:champions', 'churn:low'])), ...others.map((id) => row(id, ['churn:low']))];
    await table.reconcileShard({ runId: 'r1', asOf: '2024-12-31', modelVersion: 'm1', fromBucket: 0, toBucket: BUCKET_COUNT, customers, finishedRuns: new Set() }, { readConcurrency: 32 });

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await table.listMembers('rfm:champions', { limit: 7, cursor });
      pages.push(page.customerIds);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 100);

    const listed = pages.flat();
    expect(listed.toSorted()).toEqual(members.toSorted());
    expect(new Set(listed).size).toBe(250);
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(250 / 7) + 1);
    expect(new Set(members.map((id) => bucketOf(id) % MEMBER_INDEX_SHARDS)).size).toBe(MEMBER_INDEX_SHARDS);
  });

  it('returns no members and no cursor for an unknown segment, and refuses a cursor it did not make', async () => {
    const { table } = await freshTable(pipeline.aws);

    expect(await table.listMembers('rfm:nobody', { limit: 5 })).toEqual({ customerIds: [], nextCursor: null });
    await expect(table.listMembers('rfm:champions', { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(MemberCursorError);
  });
});

describe('run records and the current-run pointer', () => {
  it('goes running -> succeeded once, and a retried start or finish changes nothing', async () => {
    const { table } = await freshTable(pipeline.aws);

    await table.runs.start({ runId: 'r1', asOf: '2024-12-31', startedAt: '2025-01-01T00:00:00Z' });
    const again = await table.runs.start({ runId: 'r1', asOf: '2024-12-31', startedAt: '2025-01-01T00:05:00Z' });
    const finished = await table.runs.finish('r1', 'succeeded', '2025-01-01T01:00:00Z', { itemsWritten: 12 });
    const finishedAgain = await table.runs.finish('r1', 'succeeded', '2025-01-01T02:00:00Z');

    expect(again).toMatchObject({ status: 'running', startedAt: '2025-01-01T00:00:00Z' });
    expect(finished).toEqual({ runId: 'r1', status: 'succeeded', asOf: '2024-12-31', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T01:00:00Z', details: { itemsWritten: 12 } });
    expect(finishedAgain.finishedAt).toBe('2025-01-01T01:00:00Z');
    await expect(table.runs.finish('r1', 'failed', '2025-01-01T03:00:00Z')).rejects.toBeInstanceOf(RunStateError);
    await expect(table.runs.start({ runId: 'r1', asOf: '2024-12-31', startedAt: '2025-01-01T04:00:00Z' })).rejects.toBeInstanceOf(RunStateError);
    await expect(table.runs.finish('nope', 'failed', '2025-01-01T03:00:00Z')).rejects.toBeInstanceOf(RunStateError);
  });

  it('points only at a succeeded run, and never back to one that finished earlier', async () => {
    const { table } = await freshTable(pipeline.aws);
    await table.runs.start({ runId: 'r1', asOf: '2024-12-30', startedAt: '2025-01-01T00:00:00Z' });
    await table.runs.start({ runId: 'r2', asOf: '2024-12-31', startedAt: '2025-01-02T00:00:00Z' });

    await expect(table.runs.setCurrent('r1')).rejects.toBeInstanceOf(RunStateError);
    await table.runs.finish('r1', 'succeeded', '2025-01-01T01:00:00Z');
    await table.runs.finish('r2', 'succeeded', '2025-01-02T01:00:00Z');
    await table.runs.setCurrent('r2');

    await expect(table.runs.setCurrent('r1')).rejects.toBeInstanceOf(RunStateError);
    expect(await table.readCurrentRun()).toEqual({ runId: 'r2', asOf: '2024-12-31', finishedAt: '2025-01-02T01:00:00Z' });
    expect(await table.runs.setCurrent('r2')).toEqual({ runId: 'r2', asOf: '2024-12-31', finishedAt: '2025-01-02T01:00:00Z' });
  });

  it('publishRun finishes the run, writes its catalogue and flips the pointer, and can be repeated', async () => {
    const { table } = await freshTable(pipeline.aws);
    await table.runs.start({ runId: 'r1', asOf: '2024-12-31', startedAt: '2025-01-01T00:00:00Z' });
    const catalog = { asOf: '2024-12-31', modelVersion: 'm1', segments: [{ id: 'rfm:lost', name: 'Lost', family: 'rfm', description: 'Lost', size: 3 }] };

    await table.publishRun({ runId: 'r1', finishedAt: '2025-01-01T01:00:00Z', catalog });
    await table.publishRun({ runId: 'r1', finishedAt: '2025-01-01T01:30:00Z', catalog });

    expect(await table.readCatalog()).toEqual({ ...catalog, runId: 'r1' });
    expect(await table.readCurrentRun()).toEqual({ runId: 'r1', asOf: '2024-12-31', finishedAt: '2025-01-01T01:00:00Z' });
    expect(await table.runs.succeededRuns()('r1')).toBe(true);
    expect(await table.runs.succeededRuns()('r0')).toBe(false);
  });
});
