import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { InboxEvents } from '../mail/inbox-events.js';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Mailpit's `GET /api/events` WebSocket over node:http: every inbox event, as a JSON text frame, to
 * every client connected at one of `paths`. Any origin may connect, as any may read the inbox API
 * (its CORS allows `*`): it is a local tool's captured mail, readable by design.
 */
export function inboxEventsUpgrade(events: InboxEvents | Promise<InboxEvents>, paths: string[]): UpgradeHandler {
  const server = new WebSocketServer({ noServer: true });
  return (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!paths.includes(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // a server may take connections while the emulator still boots; they are answered once it is up
    Promise.resolve(events).then(
      (ready) =>
        server.handleUpgrade(request, socket, head, (client) => {
          const unsubscribe = ready.subscribe((event) => client.send(JSON.stringify(event)));
          client.on('close', unsubscribe);
          client.on('error', unsubscribe);
        }),
      () => socket.destroy(),
    );
  };
}
