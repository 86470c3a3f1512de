import { afterAll, describe, expect, it } from 'vitest';
import { createLocalS3Client } from '../../../infra/local/runtime/local-clients.js';

const warnings: Error[] = [];
const collect = (warning: Error) => warnings.push(warning);
process.on('warning', collect);
afterAll(() => {
  process.off('warning', collect);
});

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('local SDK clients', () => {
  it('do not print the SDK Node version warning but leave other warnings alone', async () => {
    const client = createLocalS3Client('http://127.0.0.1:1');
    process.emitWarning('expected by this test: other warnings still print');
    await nextTick();
    client.destroy();

    const messages = warnings.map((warning) => warning.message);
    expect(messages.some((message) => message.includes('NodeVersionSupportWarning'))).toBe(false);
    expect(messages).toContain('expected by this test: other warnings still print');
  });
});
