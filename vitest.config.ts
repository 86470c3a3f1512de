import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core: Vitest's default (cores - 1) ran the files one at a time on the
    // 2-core CI machine. The suite took 1,097 s there with one worker and 861 s with two.
    maxWorkers: availableParallelism(),
    // The SDK warns on Node 20 that future releases need Node 22; Lambdas already run 22.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
