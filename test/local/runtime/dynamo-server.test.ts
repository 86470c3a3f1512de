import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DynamoServerExitError,
  DynamoServerStartError,
  startDynamoServer,
  startedDynamoServers,
  type RunningDynamoServer,
} from '../../../infra/local/runtime/dynamo-server.js';
import { createLocalDynamoClient } from '../../../infra/local/runtime/local-clients.js';

const dirs: string[] = [];
const servers: RunningDynamoServer[] = [];

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dynamo-server-'));
  dirs.push(dir);
  return dir;
}

async function start(directory: string): Promise<RunningDynamoServer> {
  const server = await startDynamoServer({ directory, port: 0 });
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.allSettled(servers.map((server) => server.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function createTable(endpoint: string): Promise<void> {
  const dynamo = createLocalDynamoClient(endpoint);
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: 'kept',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  } finally {
    dynamo.destroy();
  }
}

async function tablesAt(endpoint: string): Promise<string[]> {
  const dynamo = createLocalDynamoClient(endpoint);
  try {
    return (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    dynamo.destroy();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}

describe('startDynamoServer', () => {
  it('runs dynalite in another process whose items survive stop and start over the same folder', async () => {
    const directory = newDir();
    const first = await start(directory);
    expect(first.pid).not.toBe(process.pid);
    await createTable(first.endpoint);
    const dynamo = createLocalDynamoClient(first.endpoint);
    await dynamo.send(new PutItemCommand({ TableName: 'kept', Item: { id: { S: 'c1' }, score: { N: '0.25' } } }));
    dynamo.destroy();
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
    // Never read while it ran: the peak is the one the process reported on its way out.
    expect(await first.peakRssBytes()).toBeGreaterThan(10 * 1024 * 1024);

    const second = await start(directory);
    const reread = createLocalDynamoClient(second.endpoint);
    try {
      const { Item } = await reread.send(new GetItemCommand({ TableName: 'kept', Key: { id: { S: 'c1' } } }));
      expect(Item).toEqual({ id: { S: 'c1' }, score: { N: '0.25' } });
    } finally {
      reread.destroy();
      await second.stop();
    }
  });

  it('refuses a LevelDB that another process holds, with LevelDB’s reason, and leaves the holder serving', async () => {
    const directory = newDir();
    const holder = await start(directory);
    await createTable(holder.endpoint);

    const error = await failureOf(start(directory));

    expect(error).toBeInstanceOf(DynamoServerStartError);
    expect(((error as Error).cause as Error).message).toMatch(/LevelDB in .* cannot be opened: .*lock/i);
    expect(await tablesAt(holder.endpoint)).toEqual(['kept']);
  });

  it('reports a taken port as a start error carrying the cause', async () => {
    const running = await start(newDir());
    const takenPort = Number(new URL(running.endpoint).port);

    const error = await failureOf(startDynamoServer({ directory: newDir(), port: takenPort }));

    expect(error).toBeInstanceOf(DynamoServerStartError);
    expect(((error as Error).cause as Error).message).toMatch(/EADDRINUSE/);
  });

  it('reports the peak memory of the dynalite process, while it runs and after it stopped', async () => {
    const server = await start(newDir());
    await createTable(server.endpoint);

    const running = await server.peakRssBytes();
    await server.stop();
    const stopped = await server.peakRssBytes();

    if (process.platform === 'linux') expect(running).toBeGreaterThan(10 * 1024 * 1024);
    expect(stopped).toBeGreaterThan(10 * 1024 * 1024);
    expect(stopped).toBeGreaterThanOrEqual(running ?? 0);
    expect(startedDynamoServers()).toContain(server);
  });

  // dynalite 4 never closed the LevelDB iterators behind its Query and Scan streams: each one pinned
  // the files of the version it read, so compaction freed nothing (three times the data on disk here).
  it('lets LevelDB free what compaction replaced while queries run between the writes', async () => {
    const directory = newDir();
    const server = await start(directory);
    const dynamo = createLocalDynamoClient(server.endpoint);
    let written = 0;
    try {
      await dynamo.send(
        new CreateTableCommand({
          TableName: 'pages',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      // Random text does not compress, so about 40 MB reach LevelDB: several flushes and compactions.
      for (let batch = 0; batch < 200; batch += 1) {
        const items = Array.from({ length: 25 }, (_, index) => {
          const payload = randomBytes(6000).toString('base64');
          written += payload.length;
          return { PutRequest: { Item: { pk: { S: `p${index % 7}` }, sk: { S: `${batch}-${index}` }, payload: { S: payload } } } };
        });
        await dynamo.send(new BatchWriteItemCommand({ RequestItems: { pages: items } }));
        const page = await dynamo.send(
          new QueryCommand({
            TableName: 'pages',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: `p${batch % 7}` } },
            Limit: 3,
          }),
        );
        expect(page.Items).toHaveLength(3);
      }
    } finally {
      dynamo.destroy();
      await server.stop();
    }
    const onDisk = readdirSync(directory).reduce((bytes, file) => bytes + statSync(join(directory, file)).size, 0);
    expect(onDisk).toBeLessThan(1.5 * written);
  });

  it('fails requests and stop() with a clear error when the dynalite process dies', async () => {
    const server = await start(newDir());
    const warned = new Promise<Error>((resolve) => {
      const onWarning = (warning: Error) => {
        if (warning.name !== 'DynamoServerExitWarning') return;
        process.off('warning', onWarning);
        resolve(warning);
      };
      process.on('warning', onWarning);
    });

    process.kill(server.pid, 'SIGKILL');

    expect((await warned).message).toContain(`pid ${server.pid}`);
    await expect(tablesAt(server.endpoint)).rejects.toThrow();
    const error = await failureOf(server.stop());
    expect(error).toBeInstanceOf(DynamoServerExitError);
    expect((error as Error).message).toMatch(/was ended by SIGKILL before it was stopped/);
  });
});

describe('the dynalite process when its parent goes away', () => {
  // The parent loads the TypeScript module through tsx, as the CLI does, and prints what it started.
  const parentScript = `
    import { register } from 'tsx/esm/api';
    register();
    const { startDynamoServer } = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '../../../infra/local/runtime/dynamo-server.ts')).href)});
    const server = await startDynamoServer({ directory: process.argv[1], port: 0 });
    console.log(JSON.stringify({ pid: server.pid, endpoint: server.endpoint }));
    setInterval(() => {}, 60_000);
  `;

  it.each([
    ['Ctrl-C on the terminal (SIGINT to the process group)', 'SIGINT', true],
    ['the parent killed alone (SIGKILL)', 'SIGKILL', false],
  ] as const)('exits after %s, and leaves its folder to the next start', async (_case, signal, wholeGroup) => {
    const directory = newDir();
    const parent = spawn(process.execPath, ['--input-type=module', '-e', parentScript, directory], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const parentExited = new Promise((resolve) => parent.once('exit', resolve));
    const [line] = await createInterface({ input: parent.stdout! })[Symbol.asyncIterator]().next().then((next) => [next.value as string]);
    const child = JSON.parse(line!) as { pid: number; endpoint: string };
    await createTable(child.endpoint);

    process.kill(wholeGroup ? -parent.pid! : parent.pid!, signal);
    await parentExited;
    // At once, as a script re-running the CLI would: the start waits for the closing child's LevelDB lock.
    const next = await start(directory);

    expect(await tablesAt(next.endpoint)).toEqual(['kept']);
    const gone = await waitUntilGone(child.pid);
    if (!gone) process.kill(child.pid, 'SIGKILL');
    expect(gone).toBe(true);
  });
});
