import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { StateCheckFailedError, checkCommand } from '../../../infra/local/cli/commands/check-command.js';
import { openLocalSession } from '../../../infra/local/cli/local-session.js';
import { tableKeys } from '../../../functions/shared/table-design.js';
import { baseRows, completeRun } from '../../functions/customer-items/shard-scenario.js';

const stateDir = mkdtempSync(join(tmpdir(), 'segments-check-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function withSession(work: (session: Awaited<ReturnType<typeof openLocalSession>>) => Promise<unknown>) {
  const session = await openLocalSession({ stateDir });
  try {
    await work(session);
  } finally {
    await session.close();
  }
}

describe('segments check', () => {
  it('passes on an empty state and after a run', async () => {
    const lines: string[] = [];
    await checkCommand({ stateDir }, (line) => lines.push(line));
    await withSession((session) => completeRun(session.dependencies.table, 'r1', baseRows()));

    const check = await checkCommand({ stateDir }, (line) => lines.push(line));

    expect(check.problems).toEqual([]);
    expect(lines.at(-2)).toMatch(/^Checked 60 customers, 1\d\d memberships, 5 catalogued segments \(current run r1 as of 2024-12-31\)\.$/);
    expect(lines.at(-1)).toBe('No problems found.');
  }, 60_000);

  it('prints each problem with examples and fails when the table is damaged', async () => {
    const customerId = baseRows()[0]!.customerId;
    await withSession((session) =>
      DynamoDBDocumentClient.from(session.aws.dynamo).send(new DeleteCommand({ TableName: session.aws.table, Key: tableKeys.customerScore(customerId) })),
    );
    const lines: string[] = [];

    await expect(checkCommand({ stateDir }, (line) => lines.push(line))).rejects.toBeInstanceOf(StateCheckFailedError);

    expect(lines).toContain(`  membership-without-score: 3 (membership items whose customer has no score item (orphans))`);
    expect(lines).toContain(`      e.g. ${customerId} in rfm:champions`);
    expect(lines.at(-1)).toMatch(/^A run reconciles customer items with the data: npx segments --state-dir \S+ rescore$/);
  }, 60_000);
});
