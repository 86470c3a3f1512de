import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import S3rver from 's3rver';
import { LOOPBACK_HOST } from './local-aws-settings.js';
import { closeHttpServer, endpointOf, listen, type RunningServer } from './running-server.js';

export class S3ServerStartError extends Error {
  override name = 'S3ServerStartError';
}

/** Starts s3rver storing objects as plain files under `directory`, so they survive a restart. */
export async function startS3Server({ directory, port }: { directory: string; port: number }): Promise<RunningServer> {
  mkdirSync(directory, { recursive: true });
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [] });
  // s3rver.run() never settles when the port is taken, so it gets a server we listen on ourselves.
  const server = createServer(s3rver.callback());
  try {
    const boundPort = await listen(server, LOOPBACK_HOST, port);
    return { endpoint: endpointOf(LOOPBACK_HOST, boundPort), stop: () => closeHttpServer(server) };
  } catch (error) {
    throw new S3ServerStartError(`Could not start s3rver on ${LOOPBACK_HOST}:${port} (data in ${directory})`, {
      cause: error,
    });
  }
}
