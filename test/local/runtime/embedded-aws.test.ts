import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNT, LOCAL_REGION, TABLE_NAME, dataBucketName } from '../../../functions/shared/resource-names.js';
import { SEGMENT_MEMBERS_INDEX, tableKeys } from '../../../functions/shared/table-design.js';
import { createTableInput } from '../../../infra/local/runtime/create-table-input.js';
import { startEmbeddedAws, type EmbeddedAws } from '../../../infra/local/runtime/start-embedded-aws.js';
import { describeTableLayout } from '../../../infra/local/runtime/table-layout.js';

const stateDirs: string[] = [];
const runtimes: EmbeddedAws[] = [];

function newStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-aws-'));
  stateDirs.push(dir);
  return dir;
}

async function start(stateDir: string): Promise<EmbeddedAws> {
  const runtime = await startEmbeddedAws({ stateDir });
  runtimes.push(runtime);
  return runtime;
}

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.stop()));
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

describe('startEmbeddedAws', () => {
  it('serves the data bucket and the segments table on loopback ephemeral ports', async () => {
    const runtime = await start(newStateDir());

    const table = (await runtime.dynamo.send(new DescribeTableCommand({ TableName: TABLE_NAME }))).Table;
    await runtime.s3.send(new HeadBucketCommand({ Bucket: runtime.bucket }));

    expect(runtime.bucket).toBe(dataBucketName(LOCAL_ACCOUNT, LOCAL_REGION));
    expect(runtime.table).toBe(TABLE_NAME);
    expect(runtime.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(runtime.dynamoEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(describeTableLayout(table ?? {})).toBe(describeTableLayout(createTableInput()));
  });

  it('answers segment-member queries through the GSI', async () => {
    const runtime = await start(newStateDir());
    const documents = DynamoDBDocumentClient.from(runtime.dynamo);
    await documents.send(new PutCommand({ TableName: runtime.table, Item: tableKeys.membership('c1', 'loyal') }));
    await documents.send(new PutCommand({ TableName: runtime.table, Item: tableKeys.membership('c2', 'loyal') }));

    const partition = tableKeys.membership('c1', 'loyal').gsi1pk;
    const members = await documents.send(
      new QueryCommand({
        TableName: runtime.table,
        IndexName: SEGMENT_MEMBERS_INDEX.indexName,
        KeyConditionExpression: '#pk = :segment',
        ExpressionAttributeNames: { '#pk': SEGMENT_MEMBERS_INDEX.partitionKey },
        ExpressionAttributeValues: { ':segment': partition },
      }),
    );

    const expected = ['c1', 'c2'].filter((id) => tableKeys.membership(id, 'loyal').gsi1pk === partition).map((id) => tableKeys.membership(id, 'loyal').pk);
    expect(members.Items?.map((item) => item.pk)).toEqual(expected);
  });

  it('reuses the objects and items persisted by a previous run over the same state directory', async () => {
    const stateDir = newStateDir();
    const first = await start(stateDir);
    await first.s3.send(new PutObjectCommand({ Bucket: first.bucket, Key: 'config/kept.json', Body: '{"kept":true}' }));
    const score = { ...tableKeys.customerScore('c42'), churnProbability: 0.25 };
    await DynamoDBDocumentClient.from(first.dynamo).send(new PutCommand({ TableName: first.table, Item: score }));
    await first.stop();

    const second = await start(stateDir);
    const object = await second.s3.send(new GetObjectCommand({ Bucket: second.bucket, Key: 'config/kept.json' }));
    const item = await DynamoDBDocumentClient.from(second.dynamo).send(
      new GetCommand({ TableName: second.table, Key: tableKeys.customerScore('c42') }),
    );

    expect(await object.Body?.transformToString()).toBe('{"kept":true}');
    expect(item.Item).toEqual(score);
  });

  it('can be stopped twice', async () => {
    const runtime = await start(newStateDir());

    await runtime.stop();

    await expect(runtime.stop()).resolves.toBeUndefined();
  });
});
