import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * Whether a page at `origin` may use an endpoint of the server at `requestHost`: a page of the server
 * itself (same host and port, as the inbox's WebSocket checks), or one listed in `allowed` ("*"
 * lists every origin). A request without Origin is not a cross-origin browser request.
 */
export function originAllowed(origin: string | undefined, requestHost: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return requestHost !== undefined && new URL(origin).host === requestHost;
  } catch {
    return false; // "null" (a sandboxed frame, a file:// page) and garbage are nobody's own origin
  }
}

/** Methods a page can send without a preflight: what CORS alone cannot stop from reaching the server. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CORS for authlab's own endpoints (captured mail, the control API): other origins get no
 * Access-Control-Allow-Origin, so the browser keeps their pages from reading the answer or sending
 * anything that needs a preflight, unless `allowedOrigins` lists them. A write that needs no
 * preflight (a form POST) from such an origin is refused here, since CORS only hides the answer.
 * `setting` names the option that lists origins, for the refusal's message.
 */
export function sameOriginCors(options: {
  allowedOrigins: (c: Context) => readonly string[];
  allowMethods: string[];
  setting: string;
}): MiddlewareHandler {
  const host = (c: Context) => c.req.header('host') ?? new URL(c.req.url).host;
  const policy = cors({
    origin: (origin, c) => (origin && originAllowed(origin, host(c), options.allowedOrigins(c)) ? origin : null),
    allowMethods: options.allowMethods,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!SAFE_METHODS.has(c.req.method) && !originAllowed(origin, host(c), options.allowedOrigins(c))) {
      return c.text(`authlab: a page at ${origin} may not use ${new URL(c.req.url).pathname}; list its origin in ${options.setting} to allow it`, 403);
    }
    return policy(c, next);
  };
}
