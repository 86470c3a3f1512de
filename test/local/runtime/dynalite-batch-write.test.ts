import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTypesWithBatchWriteFastPath } from '../../../infra/local/runtime/dynalite-batch-write.mjs';
import { startDynamoServer, type RunningDynamoServer } from '../../../infra/local/runtime/dynamo-server.js';
import { waitUntilActive } from '../../../infra/local/runtime/ensure-table.js';
import { createLocalDynamoClient } from '../../../infra/local/runtime/local-clients.js';
import { outcomeOf } from '../../support/outcome-of.js';

type Item = Record<string, AttributeValue>;

let directory: string;
let server: RunningDynamoServer;
let dynamo: DynamoDBClient;

/** A table like the segments table (a global index with all attributes) plus a local index with keys only. */
async function createTable(TableName: string): Promise<void> {
  await dynamo.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gpk', AttributeType: 'S' },
        { AttributeName: 'gsk', AttributeType: 'S' },
        { AttributeName: 'lsk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'members',
          KeySchema: [
            { AttributeName: 'gpk', KeyType: 'HASH' },
            { AttributeName: 'gsk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'by-number',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'lsk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
}

const item = (pk: string, sk: string, extra: Item = {}): Item => ({ pk: { S: pk }, sk: { S: sk }, ...extra });
const indexed = (pk: string, sk: string, group: string, n: number): Item =>
  item(pk, sk, { gpk: { S: group }, gsk: { S: `${pk}#${sk}` }, lsk: { N: String(n) }, note: { S: `${group}-${n}` } });

/** Rounds of requests: new items, items moved to another index key, items that leave the indexes, deletes. */
const ROUNDS: WriteRequest[][] = [
  Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: indexed(`c${i % 5}`, `s${i}`, `g${i % 3}`, i) } })),
  [
    ...Array.from({ length: 10 }, (_, i) => ({ PutRequest: { Item: indexed(`c${i % 5}`, `s${i}`, `g${(i + 1) % 3}`, 100 + i) } })),
    ...Array.from({ length: 5 }, (_, i) => ({ PutRequest: { Item: item(`c${i % 5}`, `s${10 + i}`, { plain: { BOOL: true } }) } })),
    ...Array.from({ length: 5 }, (_, i) => ({ DeleteRequest: { Key: item(`c${i % 5}`, `s${15 + i}`) } })),
    { DeleteRequest: { Key: item('nobody', 'none') } },
  ],
  [{ PutRequest: { Item: indexed('c0', 's15', 'g9', 7) } }, { DeleteRequest: { Key: item('c1', 's1') } }],
];

async function everything(TableName: string) {
  const scan = await dynamo.send(new ScanCommand({ TableName }));
  const members = [];
  for (const group of ['g0', 'g1', 'g2', 'g9']) {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({ TableName, IndexName: 'members', KeyConditionExpression: 'gpk = :g', ExpressionAttributeValues: { ':g': { S: group } } }),
    );
    members.push(...Items);
  }
  const numbers = [];
  for (let c = 0; c < 5; c += 1) {
    const { Items = [] } = await dynamo.send(
      new QueryCommand({ TableName, IndexName: 'by-number', KeyConditionExpression: 'pk = :c', ExpressionAttributeValues: { ':c': { S: `c${c}` } } }),
    );
    numbers.push(...Items);
  }
  return { items: scan.Items, members, numbers };
}

function errorOf(promise: Promise<unknown>): Promise<{ name?: string; message?: string }> {
  return promise.then(
    () => ({}),
    (error: Error) => error,
  );
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'dynalite-batch-'));
  server = await startDynamoServer({ directory, port: 0 });
  dynamo = createLocalDynamoClient(server.endpoint);
  await createTable('batched');
  await createTable('one-by-one');
});

afterAll(async () => {
  dynamo?.destroy();
  await server?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('BatchWriteItem on the local DynamoDB (one LevelDB batch per request)', () => {
  it('leaves the same items and index entries as the same writes made one PutItem or DeleteItem at a time', async () => {
    for (const round of ROUNDS) {
      const { UnprocessedItems } = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { batched: round } }));
      expect(UnprocessedItems).toEqual({});
      for (const request of round) {
        if (request.PutRequest) await dynamo.send(new PutItemCommand({ TableName: 'one-by-one', Item: request.PutRequest.Item }));
        else await dynamo.send(new DeleteItemCommand({ TableName: 'one-by-one', Key: request.DeleteRequest!.Key }));
      }
    }
    const batched = await everything('batched');
    expect(batched).toEqual(await everything('one-by-one'));
    // Moved items left their old index key; items without index keys left the indexes.
    expect(batched.items).toHaveLength(20);
    expect(batched.members).toHaveLength(15);
    expect(batched.members.find((member) => member.gsk?.S === 'c0#s15')?.gpk).toEqual({ S: 'g9' });
    expect(batched.numbers).toHaveLength(15);
  });

  it('answers consumed capacity per table as dynalite does', async () => {
    const RequestItems = {
      batched: [{ PutRequest: { Item: indexed('cap', 'a', 'g0', 1) } }, { PutRequest: { Item: indexed('cap', 'b', 'g0', 2) } }],
      'one-by-one': [{ DeleteRequest: { Key: item('cap', 'none') } }],
    };
    const { ConsumedCapacity } = await dynamo.send(new BatchWriteItemCommand({ RequestItems, ReturnConsumedCapacity: 'INDEXES' }));
    expect(ConsumedCapacity).toEqual([
      { TableName: 'batched', CapacityUnits: 2, Table: { CapacityUnits: 2 } },
      { TableName: 'one-by-one', CapacityUnits: 1, Table: { CapacityUnits: 1 } },
    ]);
  });

  it('refuses a bad batch with dynalite’s errors and writes none of it', async () => {
    const before = await everything('batched');
    const duplicate = errorOf(
      dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: { batched: [{ PutRequest: { Item: indexed('c0', 'dup', 'g0', 1) } }, { DeleteRequest: { Key: item('c0', 'dup') } }] },
        }),
      ),
    );
    expect(await duplicate).toMatchObject({ name: 'ValidationException', message: 'Provided list of item keys contains duplicates' });
    const wrongKey = errorOf(
      dynamo.send(
        new BatchWriteItemCommand({
          RequestItems: { batched: [{ PutRequest: { Item: indexed('c0', 'new', 'g0', 1) } }, { DeleteRequest: { Key: { pk: { S: 'c0' }, sk: { N: '1' } } } }] },
        }),
      ),
    );
    expect(await wrongKey).toMatchObject({ name: 'ValidationException', message: 'The provided key element does not match the schema' });
    const noTable = errorOf(dynamo.send(new BatchWriteItemCommand({ RequestItems: { absent: [{ PutRequest: { Item: item('x', 'y') } }] } })));
    expect(await noTable).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await everything('batched')).toEqual(before);
  });

  it('keeps one index entry per item when batches and PutItems move the same items at once', async () => {
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 40; round += 1) {
      const group = `g${round % 3}`;
      const requests = Array.from({ length: 20 }, (_, i) => ({ PutRequest: { Item: indexed('race', `s${i}`, group, round) } }));
      writes.push(dynamo.send(new BatchWriteItemCommand({ RequestItems: { batched: requests } })));
      writes.push(dynamo.send(new PutItemCommand({ TableName: 'batched', Item: indexed('race', `s${round % 20}`, `g${(round + 1) % 3}`, round) })));
    }
    await Promise.all(writes);
    const { Items = [] } = await dynamo.send(
      new QueryCommand({ TableName: 'batched', KeyConditionExpression: 'pk = :r', ExpressionAttributeValues: { ':r': { S: 'race' } } }),
    );
    const members = (await everything('batched')).members.filter((member) => member.pk?.S === 'race');
    expect(Items).toHaveLength(20);
    expect(members).toHaveLength(20);
    for (const stored of Items) expect(members.find((member) => member.sk?.S === stored.sk?.S)).toEqual(stored);
  });
});

describe('the table descriptions the local BatchWriteItem keeps in memory', () => {
  it('follow a table deleted and created again with another key', async () => {
    await createTable('recreated');
    await waitUntilActive(dynamo, 'recreated');
    await dynamo.send(new BatchWriteItemCommand({ RequestItems: { recreated: [{ PutRequest: { Item: indexed('c0', 'a', 'g0', 1) } }] } }));
    await dynamo.send(new DeleteTableCommand({ TableName: 'recreated' }));
    const deleted = errorOf(dynamo.send(new BatchWriteItemCommand({ RequestItems: { recreated: [{ PutRequest: { Item: item('c0', 'b') } }] } })));
    expect(await deleted).toMatchObject({ name: 'ResourceNotFoundException' });
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'recreated',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await waitUntilActive(dynamo, 'recreated');
    const oldKey = errorOf(dynamo.send(new BatchWriteItemCommand({ RequestItems: { recreated: [{ PutRequest: { Item: item('c0', 'c') } }] } })));
    expect(await oldKey).toMatchObject({ name: 'ValidationException' });
    await dynamo.send(new BatchWriteItemCommand({ RequestItems: { recreated: [{ PutRequest: { Item: { id: { S: 'one' }, n: { N: '1' } } } }] } }));
    expect((await dynamo.send(new ScanCommand({ TableName: 'recreated' }))).Items).toEqual([{ id: { S: 'one' }, n: { N: '1' } }]);
  });
});

describe("the fast path of dynalite's request check for BatchWriteItem", () => {
  const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const validations = requireFromDynalite('./validations') as { checkTypes: (data: unknown, types: unknown) => unknown };
  const { types } = requireFromDynalite('./validations/batchWriteItem') as { types: unknown };
  const plain = () => ({
    ReturnConsumedCapacity: 'TOTAL',
    RequestItems: {
      t1: [{ PutRequest: { Item: { pk: { S: 'a' }, n: { N: '1.5' }, e: { S: '' } } } }, { DeleteRequest: { Key: { pk: { S: 'b' } } } }],
      t2: [{ PutRequest: { Item: {} } }],
    },
  });
  const edited = (edit: (data: any) => void) => () => {
    const data = plain();
    edit(data);
    return data;
  };

  it('gives what dynalite gives for plain and for malformed requests, and takes the slow path for all but plain ones', () => {
    const cases: Array<[string, () => unknown, boolean]> = [
      ['plain', plain, true],
      ['no options', edited((data) => delete data.ReturnConsumedCapacity), true],
      ['a number value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.n = { N: 1.5 })), false],
      ['two types in a value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.n = { N: '1', S: 'x' })), false],
      ['a map value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.m = { M: { a: { S: 'x' } } })), false],
      ['a boolean value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.b = { BOOL: true })), false],
      ['an unknown type', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.x = { Q: 'x' })), false],
      ['a null value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.x = { S: null })), false],
      ['an array value', edited((data) => (data.RequestItems.t1[0].PutRequest.Item.x = [{ S: 'x' }])), false],
      ['put and delete in one request', edited((data) => (data.RequestItems.t1[1].PutRequest = { Item: {} })), false],
      ['an empty request', edited((data) => (data.RequestItems.t1[1] = {})), false],
      ['a string request', edited((data) => (data.RequestItems.t1[1] = 'x')), false],
      ['requests not a list', edited((data) => (data.RequestItems.t1 = { a: 1 })), false],
      ['an unknown option', edited((data) => (data.Extra = 1)), false],
      ['a number option', edited((data) => (data.ReturnConsumedCapacity = 1)), false],
      ['an unknown field', edited((data) => (data.RequestItems.t1[0].PutRequest.Other = 1)), false],
      ['a key not a map', edited((data) => (data.RequestItems.t1[1].DeleteRequest.Key = 'x')), false],
      ['no request items', edited((data) => delete data.RequestItems), true],
    ];
    for (const [name, make, fast] of cases) {
      let slowCalls = 0;
      const counted = (data: unknown, checked: unknown) => {
        slowCalls += 1;
        return validations.checkTypes(data, checked);
      };
      const fastPath = checkTypesWithBatchWriteFastPath(counted, types);
      expect(outcomeOf(() => fastPath(make(), types)), name).toEqual(outcomeOf(() => validations.checkTypes(make(), types)));
      expect(slowCalls, name).toBe(fast ? 0 : 1);
    }
  });
});
