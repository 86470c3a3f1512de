import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUN_HANDLER_FILES, type RunTaskState } from '../../functions/run/run-contract.js';

/** Absolute paths the CDK app resolves its inputs from, independent of the current working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const projectPath = (...segments: string[]): string => path.join(PROJECT_ROOT, ...segments);

export const HANDLER_ENTRIES = {
  ingestUpload: projectPath('functions', 'ingest-upload.ts'),
  nightlyRescore: projectPath('functions', 'nightly-rescore.ts'),
  forgetPeople: projectPath('functions', 'forget-people.ts'),
} as const;

/** The handler of each task state of the scoring run. */
export const RUN_HANDLER_ENTRIES = Object.fromEntries(
  Object.entries(RUN_HANDLER_FILES).map(([state, file]) => [state, projectPath(...file.split('/'))]),
) as Record<RunTaskState, string>;

/**
 * Worker-thread entries a stage's code starts beside its handler: each is bundled next to the
 * handler under the name the code resolves (`new URL('./<bundledAs>', import.meta.url)`), which
 * in the source tree is a tsx loader of the same entry.
 */
export interface ThreadEntry {
  /** The worker's TypeScript main, absolute. */
  readonly entry: string;
  readonly bundledAs: string;
}

/** The gradient-boosting baseline, fitted beside the networks wherever families are validated (Train). */
export const GRADIENT_BOOSTING_THREAD: ThreadEntry = {
  entry: projectPath('models', 'gradient-boosting', 'baseline-thread-main.ts'),
  bundledAs: 'baseline-thread.mjs',
};

export const RUN_STAGE_THREADS: Partial<Record<RunTaskState, readonly ThreadEntry[]>> = { Train: [GRADIENT_BOOSTING_THREAD] };

export const NODE_MODULES_DIR = projectPath('node_modules');

/** Lives under node_modules/ so it is git-ignored and disappears with a clean install. */
export const RUNTIME_LAYER_STAGING_ROOT = projectPath('node_modules', '.cache', 'predictive-segments', 'runtime-dependencies-layer');
