import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** observability.ts decides at import whether tracing is on, so each case imports a fresh copy. */
const freshObservability = async () => {
  vi.resetModules();
  return import('../../../functions/shared/observability.js');
};

const middlewareNames = (client: S3Client): string[] => client.middlewareStack.identify();

describe('observability: the tracer beside the logger and metrics', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('traces in Lambda: on, and an SDK client passed through traced gets the X-Ray middleware', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'predictive-segments-test');
    const { tracer, traced } = await freshObservability();

    const client = traced(new S3Client({ region: 'us-east-1' }));

    expect(tracer.isTracingEnabled()).toBe(true);
    expect(middlewareNames(client).some((name) => /xray/i.test(name))).toBe(true);
  });

  it('is off outside Lambda (the local runtime and the CLI), leaving the client as it was', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', '');
    const { tracer, traced } = await freshObservability();
    const plain = new S3Client({ region: 'us-east-1' });
    const before = middlewareNames(plain);

    const client = traced(plain);

    expect(tracer.isTracingEnabled()).toBe(false);
    expect(client).toBe(plain);
    expect(middlewareNames(client)).toEqual(before);
  });

  it('is off when POWERTOOLS_TRACE_ENABLED is false, even in Lambda', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    const { tracer } = await freshObservability();

    expect(tracer.isTracingEnabled()).toBe(false);
  });
});
