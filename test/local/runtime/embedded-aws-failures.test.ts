import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../../functions/shared/resource-names.js';
import { DynamoServerStartError, startDynamoServer } from '../../../infra/local/runtime/dynamo-server.js';
import { TableLayoutMismatchError } from '../../../infra/local/runtime/ensure-table.js';
import { createLocalDynamoClient } from '../../../infra/local/runtime/local-clients.js';
import { S3ServerStartError } from '../../../infra/local/runtime/s3-server.js';
import {
  EmbeddedAwsStartError,
  startEmbeddedAws,
  type EmbeddedAws,
} from '../../../infra/local/runtime/start-embedded-aws.js';
import { StateDirInUseError } from '../../../infra/local/runtime/state-dir-lock.js';

const stateDirs: string[] = [];
const runtimes: EmbeddedAws[] = [];

function newStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-aws-failures-'));
  stateDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.stop()));
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
});

describe('startEmbeddedAws failures', () => {
  it('refuses a persisted table whose keys differ from the table design', async () => {
    const stateDir = newStateDir();
    const dynamoServer = await startDynamoServer({ directory: join(stateDir, 'dynamodb'), port: 0 });
    const dynamo = createLocalDynamoClient(dynamoServer.endpoint);
    await dynamo.send(
      new CreateTableCommand({
        TableName: TABLE_NAME,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    dynamo.destroy();
    await dynamoServer.stop();

    const error = await failureOf(startEmbeddedAws({ stateDir }));

    expect(error).toBeInstanceOf(EmbeddedAwsStartError);
    expect((error as EmbeddedAwsStartError).cause).toBeInstanceOf(TableLayoutMismatchError);
  });

  it('reports a taken S3 port', async () => {
    const runtime = await startEmbeddedAws({ stateDir: newStateDir() });
    runtimes.push(runtime);
    const takenPort = Number(new URL(runtime.s3Endpoint).port);

    const error = await failureOf(startEmbeddedAws({ stateDir: newStateDir(), s3Port: takenPort }));

    expect(error).toBeInstanceOf(EmbeddedAwsStartError);
    expect((error as Error).cause).toBeInstanceOf(S3ServerStartError);
  });

  it('releases the state directory after a taken DynamoDB port, so a retry succeeds', async () => {
    const runtime = await startEmbeddedAws({ stateDir: newStateDir() });
    runtimes.push(runtime);
    const takenPort = Number(new URL(runtime.dynamoEndpoint).port);
    const stateDir = newStateDir();

    const error = await failureOf(startEmbeddedAws({ stateDir, dynamoPort: takenPort }));
    const retry = await startEmbeddedAws({ stateDir });
    runtimes.push(retry);

    expect((error as Error).cause).toBeInstanceOf(DynamoServerStartError);
    expect(retry.table).toBe(TABLE_NAME);
  });

  it('refuses a state directory that a running runtime holds', async () => {
    const stateDir = newStateDir();
    runtimes.push(await startEmbeddedAws({ stateDir }));

    const error = await failureOf(startEmbeddedAws({ stateDir }));

    expect(error).toBeInstanceOf(EmbeddedAwsStartError);
    expect((error as Error).cause).toBeInstanceOf(StateDirInUseError);
  });

  it('takes over a lock left by a process that has exited', async () => {
    const stateDir = newStateDir();
    const exitedPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(stateDir, 'runtime.lock'), JSON.stringify({ pid: exitedPid }));

    const runtime = await startEmbeddedAws({ stateDir });
    runtimes.push(runtime);

    expect(runtime.bucket).toBeTruthy();
  });
});

function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
}
