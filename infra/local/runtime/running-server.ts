import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An embedded server listening on loopback. */
export interface RunningServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** Resolves with the bound port; rejects (instead of emitting an unhandled 'error') when the port is taken. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets of SDK clients (handlers keep theirs for the process lifetime) would hold close() open.
    server.closeAllConnections();
  });
}

export function endpointOf(host: string, port: number): string {
  return `http://${host}:${port}`;
}
