import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Test files that run whole pipelines through the CLI or the scoring run's stages: ten seconds to a minute and more each. */
const PIPELINE_FOLDERS = ['test/e2e/', 'test/local/cli/', 'test/functions/run/'];

/**
 * Vitest's order (the longest first when an earlier run timed the files, else the largest), with
 * the pipeline files ahead of the rest: on a fresh clone, as in CI, no timings exist, and a short
 * file that runs a minute of pipeline (the killed run) started last, alone on one worker.
 */
class PipelineFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const runsPipelines = (file: TestSpecification) => PIPELINE_FOLDERS.some((folder) => relative(this.ctx.config.root, file.moduleId).startsWith(folder));
    return [...sorted.filter(runsPipelines), ...sorted.filter((file) => !runsPipelines(file))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One test file per core: Vitest's default (cores - 1) ran the files one at a time on the
    // 2-core CI machine. The suite took 1,097 s there with one worker and 861 s with two.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: PipelineFilesFirst },
    // The SDK warns on Node 20 that future releases need Node 22; Lambdas already run 22.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
