import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from './create-table-input.js';
import { ensureItemLayout } from './item-layout.js';
import { describeTableLayout } from './table-layout.js';

export class TableLayoutMismatchError extends Error {
  override name = 'TableLayoutMismatchError';
}

export class TableNotActiveError extends Error {
  override name = 'TableNotActiveError';
}

const ACTIVE_POLL_INTERVAL_MS = 10;
const ACTIVE_TIMEOUT_MS = 10_000;

/**
 * Creates the segments table unless it exists. An existing table (from a reused state directory)
 * must have the current table design: silently working against an old layout would hide bugs.
 * Items of an older key layout are cleared (ensureItemLayout).
 */
export async function ensureTable(dynamo: DynamoDBClient): Promise<void> {
  const expected = createTableInput();
  const tableName = expected.TableName ?? '';
  const existing = await describeTable(dynamo, tableName);
  if (existing) {
    assertSameLayout(existing, describeTableLayout(expected));
  } else {
    await dynamo.send(new CreateTableCommand(expected));
  }
  await waitUntilActive(dynamo, tableName);
  await ensureItemLayout(dynamo, tableName);
}

async function describeTable(dynamo: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function assertSameLayout(existing: TableDescription, expectedLayout: string): void {
  const actualLayout = describeTableLayout(existing);
  if (actualLayout !== expectedLayout) {
    throw new TableLayoutMismatchError(
      `Table ${existing.TableName} in the state directory has layout "${actualLayout}" but the table design is ` +
        `"${expectedLayout}"; delete the state directory's dynamodb folder to recreate it`,
    );
  }
}

/** Waits for the table and its global indexes to be ACTIVE, up to ACTIVE_TIMEOUT_MS. */
export async function waitUntilActive(dynamo: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const table = await describeTable(dynamo, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_INTERVAL_MS));
  }
  throw new TableNotActiveError(`Table ${tableName} did not become ACTIVE within ${ACTIVE_TIMEOUT_MS} ms`);
}
