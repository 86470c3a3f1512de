import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';
import { LOOPBACK_HOST } from './local-aws-settings.js';
import { closeHttpServer, endpointOf, listen, type RunningServer } from './running-server.js';

export class DynamoServerStartError extends Error {
  override name = 'DynamoServerStartError';
}

/** Starts dynalite backed by LevelDB under `directory`, so tables and items survive a restart. */
export async function startDynamoServer({
  directory,
  port,
}: {
  directory: string;
  port: number;
}): Promise<RunningServer> {
  mkdirSync(directory, { recursive: true });
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  try {
    const boundPort = await listen(server, LOOPBACK_HOST, port);
    return { endpoint: endpointOf(LOOPBACK_HOST, boundPort), stop: () => closeHttpServer(server) };
  } catch (error) {
    await releaseLevelDb(server);
    throw new DynamoServerStartError(`Could not start dynalite on ${LOOPBACK_HOST}:${port} (data in ${directory})`, {
      cause: error,
    });
  }
}

/** dynalite opens LevelDB up front but only closes it from a listening server's close(). */
async function releaseLevelDb(server: ReturnType<typeof dynalite>): Promise<void> {
  try {
    await listen(server, LOOPBACK_HOST, 0);
    await closeHttpServer(server);
  } catch {
    // Best effort: the start already failed and that is the error worth reporting.
  }
}
