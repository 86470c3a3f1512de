import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestKeys, tableKeys } from '../../../functions/shared/table-design.js';
import { ensureItemLayout } from '../../../infra/local/runtime/item-layout.js';
import { startEmbeddedAws } from '../../../infra/local/runtime/start-embedded-aws.js';

const stateDir = mkdtempSync(join(tmpdir(), 'item-layout-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('a state folder from before the hash-bucket layout', () => {
  it('loses its old customer items and catalogue on the next start, and keeps the manifest', async () => {
    const first = await startEmbeddedAws({ stateDir });
    const documents = DynamoDBDocumentClient.from(first.dynamo);
    const put = (Item: Record<string, unknown>) => documents.send(new PutCommand({ TableName: first.table, Item }));
    await documents.send(new DeleteCommand({ TableName: first.table, Key: { pk: 'TABLE', sk: 'ITEM_LAYOUT' } }));
    await put({ pk: 'CUSTOMER#c1', sk: 'SCORE', churnProbability: 0.2 });
    await put({ pk: 'CUSTOMER#c1', sk: 'SEGMENT#rfm:lost', gsi1pk: 'SEGMENT#rfm:lost', gsi1sk: 'CUSTOMER#c1' });
    await put({ ...tableKeys.segmentCatalog(), asOf: '2024-12-31', segments: [] });
    await put({ ...manifestKeys.entry('incoming/orders/a.csv'), key: 'incoming/orders/a.csv' });
    await first.stop();

    const second = await startEmbeddedAws({ stateDir });
    const reread = DynamoDBDocumentClient.from(second.dynamo);
    const get = async (Key: Record<string, unknown>) => (await reread.send(new GetCommand({ TableName: second.table, Key }))).Item;
    try {
      expect(await get({ pk: 'CUSTOMER#c1', sk: 'SCORE' })).toBeUndefined();
      expect(await get({ pk: 'CUSTOMER#c1', sk: 'SEGMENT#rfm:lost' })).toBeUndefined();
      expect(await get(tableKeys.segmentCatalog())).toBeUndefined();
      expect(await get(manifestKeys.entry('incoming/orders/a.csv'))).toMatchObject({ key: 'incoming/orders/a.csv' });
      expect(await ensureItemLayout(second.dynamo, second.table)).toEqual({ deleted: 0 });
    } finally {
      await second.stop();
    }
  });
});
