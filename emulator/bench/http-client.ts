import { Agent, request } from 'node:http';

/**
 * A minimal JSON-over-HTTP client for the load generator. node:http with a keep-alive Agent
 * rather than fetch: it costs the client less CPU per request, and on a small machine the
 * client shares cores with the server, so a heavy client would understate the server.
 */

export interface HttpResult {
  /** HTTP status, or 0 when the request failed before any response (refused, reset, timeout). */
  status: number;
  body: string;
  ms: number;
}

/** The benchmark only ever talks to the emulator it started, on loopback; anything else is a bug. */
export function assertLoopback(baseUrl: string): URL {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
    throw new Error(`bench: refusing to target ${baseUrl}; only http://127.0.0.1 is allowed`);
  }
  return url;
}

export interface Client {
  post(path: string, json: unknown): Promise<HttpResult>;
  get(path: string): Promise<HttpResult>;
  /** Drops the pooled sockets so the process can exit. */
  close(): void;
}

/**
 * @param maxSockets one socket per concurrent worker, so no request waits for a socket
 * @param timeoutMs a stuck request counts as an error instead of hanging the bench
 * @param headers sent with every request (e.g. the service role as Bearer for /_/control)
 */
export function createClient(
  baseUrl: string,
  apikey: string,
  opts: { maxSockets: number; timeoutMs?: number; headers?: Record<string, string> },
): Client {
  const base = assertLoopback(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const basePath = base.pathname.replace(/\/$/, '');

  function send(method: string, path: string, json?: unknown): Promise<HttpResult> {
    const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    const headers: Record<string, string | number> = { ...opts.headers, apikey };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    const started = performance.now();
    const attempt = (retry: boolean): Promise<HttpResult> =>
      new Promise((resolve) => {
        const done = (status: number, body: string) => resolve({ status, body, ms: performance.now() - started });
        const req = request(
          { agent, host: '127.0.0.1', port: base.port, method, path: basePath + path, headers, timeout: timeoutMs },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
            res.on('error', (e) => done(0, String(e)));
          },
        );
        req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
        req.on('error', (e: NodeJS.ErrnoException) => {
          // The server closed an idle keep-alive socket just as we reused it (its keepAliveTimeout
          // passed; likely on a busy machine): the request never reached it, so send it once more,
          // as Node's docs advise (request.reusedSocket). The time still counts from the first try.
          if (retry && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) resolve(attempt(false));
          else done(0, String(e));
        });
        req.end(payload);
      });
    return attempt(true);
  }

  return {
    post: (path, json) => send('POST', path, json),
    get: (path) => send('GET', path),
    close: () => agent.destroy(),
  };
}
