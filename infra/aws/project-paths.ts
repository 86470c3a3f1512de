import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths the CDK app resolves its inputs from, independent of the current working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const projectPath = (...segments: string[]): string => path.join(PROJECT_ROOT, ...segments);

export const HANDLER_ENTRIES = {
  ingestUpload: projectPath('functions', 'ingest-upload.ts'),
  nightlyRescore: projectPath('functions', 'nightly-rescore.ts'),
} as const;

export const NODE_MODULES_DIR = projectPath('node_modules');

/** Lives under node_modules/ so it is git-ignored and disappears with a clean install. */
export const RUNTIME_LAYER_STAGING_ROOT = projectPath('node_modules', '.cache', 'predictive-segments', 'runtime-dependencies-layer');
