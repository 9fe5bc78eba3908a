import { request } from 'node:http';

export interface EarlyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** How many body bytes were written before the server answered (or closed). */
  sent: number;
}

/**
 * Sends `total` bytes of `fill` (or `body`) as a chunked body (no Content-Length) and resolves with the
 * server's answer as soon as it comes, even mid-upload, the way a client that reads responses
 * early (curl, browsers) sees a 413. Chunks are one reused buffer, so the client itself stays small.
 */
export function postChunked(
  url: string,
  total: number,
  opts: { method?: string; headers?: Record<string, string>; fill?: string; body?: string } = {},
): Promise<EarlyResponse> {
  const chunk = Buffer.alloc(64 * 1024, opts.fill ?? 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, { method: opts.method ?? 'POST', headers: { 'transfer-encoding': 'chunked', ...opts.headers } });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    if (opts.body !== undefined) {
      // a given body goes out chunked too, in 64 KiB pieces
      const bytes = Buffer.from(opts.body);
      for (let at = 0; at < bytes.length; at += chunk.length) req.write(bytes.subarray(at, at + chunk.length));
      sent = bytes.length;
      req.end();
      return;
    }
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
