import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { invokeLocally, LambdaTimeoutError } from '../../../infra/local/runtime/invoke-locally.js';
import { DeprecatedContextMethodError } from '../../../infra/local/runtime/lambda-context.js';

class HandlerFailedError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('invokeLocally', () => {
  it('passes the event and a Lambda-shaped context, and returns the result', async () => {
    let seen: Context | undefined;
    const handler = async (event: { n: number }, context: Context) => {
      seen = context;
      return { doubled: event.n * 2 };
    };

    const result = await invokeLocally(handler, { n: 21 }, { functionName: 'nightly-rescore', memoryLimitInMB: 2048 });

    expect(result).toEqual({ doubled: 42 });
    expect(seen?.functionName).toBe('nightly-rescore');
    expect(seen?.functionVersion).toBe('$LATEST');
    expect(seen?.memoryLimitInMB).toBe('2048');
    expect(seen?.awsRequestId).toMatch(UUID);
    expect(seen?.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:nightly-rescore');
    expect(seen?.logGroupName).toBe('/aws/lambda/nightly-rescore');
    expect(seen?.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("sets the function's environment while the handler runs and restores it after, when it throws too", async () => {
    process.env.INVOKE_LOCALLY_KEPT = 'before';
    delete process.env.INVOKE_LOCALLY_NEW;
    const environment = { INVOKE_LOCALLY_KEPT: 'during', INVOKE_LOCALLY_NEW: 'set' };
    const seen = async () => [process.env.INVOKE_LOCALLY_KEPT, process.env.INVOKE_LOCALLY_NEW];
    const failing = async () => {
      throw new HandlerFailedError('no');
    };

    await expect(invokeLocally(seen, {}, { functionName: 'f', environment })).resolves.toEqual(['during', 'set']);
    expect([process.env.INVOKE_LOCALLY_KEPT, 'INVOKE_LOCALLY_NEW' in process.env]).toEqual(['before', false]);
    await expect(invokeLocally(failing, {}, { functionName: 'f', environment })).rejects.toThrow(HandlerFailedError);
    expect([process.env.INVOKE_LOCALLY_KEPT, 'INVOKE_LOCALLY_NEW' in process.env]).toEqual(['before', false]);
    delete process.env.INVOKE_LOCALLY_KEPT;
  });

  it('gives each invocation its own request id', async () => {
    const requestId = async (_event: unknown, context: Context) => context.awsRequestId;

    const first = await invokeLocally(requestId, {}, { functionName: 'f' });
    const second = await invokeLocally(requestId, {}, { functionName: 'f' });

    expect(first).not.toBe(second);
  });

  it('counts the remaining time down from the configured timeout', async () => {
    const remaining = async (_event: unknown, context: Context) => {
      const atStart = context.getRemainingTimeInMillis();
      await new Promise((resolve) => setTimeout(resolve, 30));
      return [atStart, context.getRemainingTimeInMillis()] as const;
    };

    const [atStart, later] = await invokeLocally(remaining, {}, { functionName: 'f', timeoutSeconds: 60 });

    expect(atStart).toBeLessThanOrEqual(60_000);
    expect(atStart).toBeGreaterThan(59_000);
    expect(later).toBeLessThanOrEqual(atStart - 25);
  });

  it('propagates the handler error itself', async () => {
    const failure = new HandlerFailedError('bad extract');
    const failing = async () => {
      throw failure;
    };

    await expect(invokeLocally(failing, {}, { functionName: 'f' })).rejects.toBe(failure);
  });

  it('propagates synchronous throws as rejections', async () => {
    const failure = new HandlerFailedError('sync');
    const failing = (): never => {
      throw failure;
    };

    await expect(invokeLocally(failing, {}, { functionName: 'f' })).rejects.toBe(failure);
  });

  it('fails like Lambda when the handler outlives its timeout', async () => {
    const slow = () => new Promise((resolve) => setTimeout(resolve, 500));

    await expect(invokeLocally(slow, {}, { functionName: 'slow', timeoutSeconds: 0.05 })).rejects.toThrow(
      LambdaTimeoutError,
    );
  });

  it('refuses the deprecated callback-style context methods', async () => {
    const legacy = async (_event: unknown, context: Context) => context.succeed('done');

    await expect(invokeLocally(legacy, {}, { functionName: 'f' })).rejects.toThrow(DeprecatedContextMethodError);
  });

  it('runs middy-wrapped handlers', async () => {
    const handler = middy(async (event: { name: string }) => `hello ${event.name}`).before((request) => {
      request.event.name = request.event.name.toUpperCase();
    });

    const result = await invokeLocally(handler, { name: 'ada' }, { functionName: 'f' });

    expect(result).toBe('hello ADA');
  });
});
