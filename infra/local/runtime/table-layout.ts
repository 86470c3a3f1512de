import type { CreateTableCommandInput, KeySchemaElement, TableDescription } from '@aws-sdk/client-dynamodb';

/** A comparable one-line summary of a table's keys and indexes, e.g. `pk HASH,sk RANGE | segment-members: ... ALL`. */
export function describeTableLayout(table: CreateTableCommandInput | TableDescription): string {
  const indexes = (table.GlobalSecondaryIndexes ?? [])
    .map((index) => `${index.IndexName}: ${keysOf(index.KeySchema)} ${index.Projection?.ProjectionType ?? ''}`)
    .sort();
  return [keysOf(table.KeySchema), ...indexes].join(' | ');
}

function keysOf(keySchema: KeySchemaElement[] | undefined): string {
  return (keySchema ?? []).map((key) => `${key.AttributeName} ${key.KeyType}`).join(',');
}
