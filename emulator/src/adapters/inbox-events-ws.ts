import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { originAllowed } from '../http/origin-policy.js';
import type { InboxEvents } from '../mail/inbox-events.js';

export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Mailpit's `GET /api/events` WebSocket over node:http: every inbox event, as a JSON text frame, to
 * every client connected at one of `paths`. As Mailpit by default, a browser page may connect only
 * from the server's own host (the inbox page) or an origin listed in inboxAllowedOrigins, as for the
 * inbox's HTTP API; tools that send no Origin may always. The events carry codes and links.
 */
export function inboxEventsUpgrade(events: InboxEvents | Promise<InboxEvents>, paths: string[]): UpgradeHandler {
  // ws is loaded with the first connection: most starts never see one, and every start pays for imports
  let server: Promise<WebSocketServer> | undefined;
  const webSockets = () => (server ??= import('ws').then(({ WebSocketServer }) => new WebSocketServer({ noServer: true })));
  const ready = Promise.resolve(events);
  ready.catch(() => {}); // a failed boot is reported by whoever awaits it, not as an unhandled rejection
  return (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!paths.includes(path)) return refuse(socket, '404 Not Found');
    // a server may take connections while the emulator still boots; they are answered once it is up
    ready.then(async (inbox) => {
      if (!originAllowed(request.headers.origin, request.headers.host, inbox.allowedOrigins)) return refuse(socket, '403 Forbidden');
      const wss = await webSockets();
      wss.handleUpgrade(request, socket, head, (client) => {
        const unsubscribe = inbox.subscribe((event) => client.send(JSON.stringify(event)));
        client.on('close', unsubscribe);
        client.on('error', unsubscribe);
      });
    }).catch(() => socket.destroy());
  };
}

function refuse(socket: Duplex, status: string) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
