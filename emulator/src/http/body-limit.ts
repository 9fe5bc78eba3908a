import type { MiddlewareHandler } from 'hono';
import { AuthError, renderError, requestedApiVersion } from '../errors.js';

/** GoTrue refuses bodies over 1 MiB (its limitRequestBody middleware, http.MaxBytesReader). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** GoTrue's answer once the body passes the limit, message included. */
export const bodyTooLarge = (limit = MAX_BODY_BYTES) =>
  new AuthError(413, 'request_entity_too_large', `Request body too large (max ${limit} bytes)`);

/**
 * Reads a body stream up to `limit` bytes. Past the limit it stops reading and answers undefined:
 * the rest is never held in memory, whatever a chunked upload claims or does not claim to send.
 * (The Node adapter drains or closes what the client still sends after the response.)
 */
export async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Bounds every request body before any route sees it, as GoTrue wraps every body in one
 * MaxBytesReader: a declared length over the limit is refused unread, anything else is read
 * through readBounded and handed on as bytes, so c.req.json(), .text(), .formData() and
 * .arrayBuffer() in any route read at most the limit. Answers 413 in GoTrue's error shape.
 */
export function limitBody(limit = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (raw.body === null || bounded.has(raw)) return next();
    const tooLarge = () => {
      const response = renderError(bodyTooLarge(limit), requestedApiVersion(c.req.header('x-supabase-api-version')));
      // as Go's MaxBytesReader: the rest of the body is never read, so the connection is not reused
      response.headers.set('connection', 'close');
      return response;
    };
    if (Number(c.req.header('content-length') ?? '0') > limit) return tooLarge();
    const bytes = await readBounded(raw.body, limit);
    if (bytes === undefined) return tooLarge();
    const request = new Request(raw.url, { method: raw.method, headers: raw.headers, body: bytes, signal: raw.signal });
    bounded.add(request);
    c.req.raw = request;
    return next();
  };
}

// requests already read under the limit, so an inner app mounting the middleware again passes them on
const bounded = new WeakSet<Request>();
