import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, type ProblemKind } from '../../../functions/adapters/check-state/index.js';
import type { SegmentsTable } from '../../../functions/adapters/segments-table.js';
import { tableKeys } from '../../../functions/shared/table-design.js';
import { startEmbeddedPipeline, type EmbeddedPipeline } from '../../support/embedded-pipeline.js';
import { freshTable } from '../../support/fresh-table.js';
import { IDS, baseRows, completeRun, nextRows, reconcile, tick } from './shard-scenario.js';

let pipeline: EmbeddedPipeline;
beforeAll(async () => {
  pipeline = await startEmbeddedPipeline();
}, 60_000);
afterAll(async () => pipeline?.stop());

interface Damage {
  documents: DynamoDBDocumentClient;
  name: string;
  table: SegmentsTable;
  put: (item: Record<string, unknown>) => Promise<unknown>;
}

async function checkedAfter(damage: (state: Damage) => Promise<unknown>) {
  const { documents, name, table } = await freshTable(pipeline.aws);
  await completeRun(table, 'r1', baseRows());
  await damage({ documents, name, table, put: (item) => documents.send(new PutCommand({ TableName: name, Item: item })) });
  const check = await checkState(documents, name);
  return { check, kinds: check.problems.map((problem) => problem.kind), table, documents, name };
}

const first = baseRows()[0]!;
const membershipOf = (customerId: string, segmentId: string, runId = 'r1') => ({ ...tableKeys.membership(customerId, segmentId), customerId, segmentId, runId, asOf: '2024-12-31' });

describe('checkState', () => {
  it('finds nothing wrong after a run, and counts what it read', async () => {
    const { check } = await checkedAfter(async () => {});

    expect(check.problems).toEqual([]);
    expect(check.counts).toMatchObject({ customers: 60, scoreItems: 60, memberships: baseRows().reduce((n, row) => n + row.segments.length, 0), runs: 1 });
    expect(check.current?.runId).toBe('r1');
  });

  it('finds memberships without a score item, and a customer in two segments of one family', async () => {
    const { check } = await checkedAfter(async ({ documents, name, put }) => {
      await documents.send(new DeleteCommand({ TableName: name, Key: tableKeys.customerScore(first.customerId) }));
      // The second customer is in churn:high; overlapping runs used to leave both bands.
      await put(membershipOf(IDS[1]!, 'churn:low'));
      // Segments of no built-in family in the catalogue (user-defined, or unknown to it) are not counted per family.
      await put(membershipOf(IDS[3]!, 'custom:a'));
      await put(membershipOf(IDS[3]!, 'custom:b'));
    });

    const byKind = Object.fromEntries(check.problems.map((problem) => [problem.kind, problem]));
    expect(byKind['membership-without-score']).toMatchObject({ count: first.segments.length, examples: expect.arrayContaining([`${first.customerId} in rfm:champions`]) });
    expect(byKind['segments-of-one-family']).toMatchObject({ count: 1, examples: [`${IDS[1]} in churn:high, churn:low (churn)`] });
    expect(byKind['catalog-size-mismatch']?.examples).toEqual(expect.arrayContaining(['churn:low: catalogue 30, index 31']));
  });

  it('finds misplaced, unknown and old-layout items', async () => {
    const { kinds } = await checkedAfter(async ({ put }) => {
      await put({ ...membershipOf(first.customerId, 'rfm:champions'), gsi1pk: 'SEGMENT#rfm:champions' });
      await put({ pk: 'B#7', sk: 'JUNK' });
      await put({ pk: `CUSTOMER#${first.customerId}`, sk: 'SCORE', churnProbability: 0.1 });
    });

    expect(kinds).toEqual(['misplaced-item', 'unknown-item', 'old-layout-item', 'catalog-size-mismatch']);
  });

  it('finds items of no run, of an unknown run and of a run that failed before the current one', async () => {
    const { check } = await checkedAfter(async ({ documents, name, table, put }) => {
      await documents.send(new UpdateCommand({ TableName: name, Key: tableKeys.customerScore(IDS[0]!), UpdateExpression: 'REMOVE runId' }));
      await documents.send(new UpdateCommand({ TableName: name, Key: tableKeys.customerScore(IDS[1]!), UpdateExpression: 'SET runId = :ghost', ExpressionAttributeValues: { ':ghost': 'ghost' } }));
      await table.runs.start({ runId: 'r0', asOf: '2024-12-30', startedAt: '2000-01-01T00:00:00Z' });
      await table.runs.finish('r0', 'failed', '2000-01-01T01:00:00Z');
      await put({ ...membershipOf(IDS[2]!, 'churn:low'), runId: 'r0' });
    });

    expect(check.problems).toEqual([
      expect.objectContaining({ kind: 'item-without-run', count: 1 }),
      expect.objectContaining({ kind: 'item-of-unknown-run', count: 1, examples: [expect.stringContaining('1 items of ghost')] }),
      expect.objectContaining({ kind: 'item-of-run-not-succeeded', count: 1, examples: [expect.stringContaining('(failed)')] }),
    ]);
  });

  it('finds the items of a run started after the current one that has not finished', async () => {
    const { check } = await checkedAfter(async ({ table }) => {
      await table.runs.start({ runId: 'r2', asOf: '2025-01-01', startedAt: tick() });
      await reconcile(table, 'r2', nextRows(), '2025-01-01');
    });

    expect(check.problems.map((problem) => problem.kind)).toEqual(['item-of-unfinished-run-after-current', 'catalog-size-mismatch']);
    expect(check.problems[0]?.examples[0]).toMatch(/items of r2, e\.g\. B#\d+ C#.*\(running\)/);
  });

  it('finds a table with no current run and no catalogue, a pointer to a run that did not succeed, and a stale catalogue', async () => {
    const { documents, name, table } = await freshTable(pipeline.aws);
    await table.runs.start({ runId: 'r1', asOf: '2024-12-31', startedAt: tick() });
    await reconcile(table, 'r1', baseRows());
    const kindsOf = async () => (await checkState(documents, name)).problems.map((problem) => problem.kind);

    const unpublished = await kindsOf();
    await documents.send(new PutCommand({ TableName: name, Item: { ...tableKeys.currentRun(), runId: 'r1', asOf: '2024-12-31', finishedAt: tick() } }));
    await table.writeCatalog({ runId: 'r0', asOf: '2024-12-30', modelVersion: 'm0', segments: [] });
    const pointedEarly = await kindsOf();

    expect(unpublished).toEqual<ProblemKind[]>(['item-of-unfinished-run-after-current', 'no-current-run', 'catalog-missing']);
    expect(pointedEarly).toEqual<ProblemKind[]>(['item-of-run-not-succeeded', 'current-run-not-succeeded', 'catalog-not-current', 'catalog-size-mismatch']);
  });

  it('is clean again after the next run reconciles the damage', async () => {
    const { table, documents, name } = await checkedAfter(async ({ documents, name, put }) => {
      await documents.send(new DeleteCommand({ TableName: name, Key: tableKeys.customerScore(first.customerId) }));
      await put(membershipOf(IDS[1]!, 'clv:top-1', 'ghost'));
      await put(membershipOf(IDS[70]!, 'rfm:lost'));
    });

    await completeRun(table, 'r2', baseRows());

    expect((await checkState(documents, name)).problems).toEqual([]);
  });
});
