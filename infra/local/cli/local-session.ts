import type { PipelineDependencies } from '../../../functions/shared/pipeline-dependencies.js';
import { startEmbeddedAws, exportLocalAwsEnv, suppressSdkNodeVersionWarning, type EmbeddedAws } from '../runtime/index.js';

export const DEFAULT_STATE_DIR = '.segments';

export interface LocalSession {
  aws: EmbeddedAws;
  /** The handler modules, imported only after the environment points at the embedded servers. */
  handlers: {
    ingest: typeof import('../../../functions/ingest-upload.js');
    nightly: typeof import('../../../functions/nightly-rescore.js');
  };
  /** Clients built from the environment this session exported, as the handlers build theirs in Lambda. */
  dependencies: PipelineDependencies;
  close(): Promise<void>;
}

/** Starts s3rver and dynalite under the state folder and wires the Lambda handlers to them. */
export async function openLocalSession(options: { stateDir: string }): Promise<LocalSession> {
  suppressSdkNodeVersionWarning();
  const aws = await startEmbeddedAws({ stateDir: options.stateDir });
  const restore = exportLocalAwsEnv(aws);
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const handlers = {
    ingest: await import('../../../functions/ingest-upload.js'),
    nightly: await import('../../../functions/nightly-rescore.js'),
  };
  const { dependenciesFromEnv } = await import('../../../functions/shared/pipeline-dependencies.js');
  return {
    aws,
    handlers,
    dependencies: dependenciesFromEnv(),
    close: async () => {
      await aws.stop();
      restore();
    },
  };
}
