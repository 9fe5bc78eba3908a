import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { UpgradeHandler } from './inbox-events-ws.js';

export interface Listening {
  /** Base URL of the server, e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly host: string, readonly port: number) {
    super(`authlab: port ${port} on ${host} is already in use. Stop whatever holds it, or pick another with --port.`);
    this.name = 'PortInUseError';
  }
}

/**
 * Serves a fetch handler over node:http. Port 0 picks a free port. `upgrade` takes WebSocket
 * requests (the inbox's live events); without it they are refused.
 */
export function listen(
  fetch: (request: Request) => Promise<Response>,
  opts: { port: number; host: string; upgrade?: UpgradeHandler },
): Promise<Listening> {
  const server: Server = createServer(getRequestListener(fetch));
  // Node forgets a socket once it is upgraded: closeAllConnections() no longer reaches it and
  // close() would wait on it forever, so the upgraded ones are kept here and ended with the server.
  const upgraded = new Set<Duplex>();
  const upgrade = opts.upgrade;
  if (upgrade) {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node removed its own error handler; a reset now would otherwise crash the process
      socket.on('error', () => socket.destroy());
      upgraded.add(socket);
      socket.once('close', () => upgraded.delete(socket));
      upgrade(request, socket, head);
    });
  }
  // keep-alive sockets would hold close() open; ending them is part of a clean shutdown
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.host, opts.port) : err);
    });
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            for (const socket of upgraded) socket.destroy();
          }),
      });
    });
  });
}
