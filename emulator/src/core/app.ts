import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { OAuthFailure } from '../auth/external/callback.js';
import { StorageFailure } from '../db/storage-failure.js';
import { AuthError, badRequest, renderError, renderOAuthError, requestedApiVersion, UNEXPECTED_FAILURE_MESSAGE, unexpectedFailure } from '../errors.js';
import { createInboxApp } from '../mail/inbox-app.js';
import { authRoutes } from '../routes/index.js';
import type { Services } from '../services.js';
import { limitBody } from '../http/body-limit.js';
import type { AppEnv } from '../http/env.js';
import { apiGateway } from './gateway.js';

/**
 * Headers browsers may read: GoTrue's list (auth-js needs X-Supabase-Api-Version to read error
 * codes) plus x-sb-error-code.
 */
const EXPOSED_HEADERS = ['X-Total-Count', 'Link', 'X-Supabase-Api-Version', 'x-sb-error-code'];

/**
 * The whole emulator as one fetch handler. GoTrue's routes are served under /auth/v1 behind the
 * gateway's apikey check, as `supabase start` serves them, and bare at / as GoTrue itself does.
 */
export function createApp(services: Services, control: Hono<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  const apiCors = cors({
    // as the Supabase gateway: any origin, preflights answered without reaching GoTrue
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 3600,
  });
  // captured mail and the control API are authlab's own, not the gateway's: same origin unless
  // listed (inboxAllowedOrigins, controlAllowedOrigins); each app applies its own rule
  const ownCors = (path: string) => path.startsWith('/_/inbox') || path.startsWith('/_/control');
  app.use('*', (c, next) => (ownCors(c.req.path) ? next() : apiCors(c, next)));
  // every body, on every route, is read under GoTrue's 1 MiB limit before any handler sees it
  app.use('*', limitBody());
  app.use('/auth/v1/*', apiGateway);

  // captured mail and SMS, Mailpit-compatible; the CLI also serves this on Mailpit's own port
  app.route('/_/inbox', createInboxApp(services, { allowedOrigins: services.config.inboxAllowedOrigins }));
  app.route('/_/control', control);

  const routes = authRoutes();
  app.route('/auth/v1', routes);
  app.route('/', routes);

  // as GoTrue's router: unknown paths get a plain-text 404
  app.notFound((c) => c.text('404 page not found', 404));
  app.onError((err, c) => {
    const apiVersion = requestedApiVersion(c.req.header('x-supabase-api-version'));
    if (err instanceof AuthError) return renderError(err, apiVersion, err.status >= 500 ? services.random.uuid() : undefined);
    // as GoTrue's OAuthError: always 400 {error, error_description}, whatever the API version
    if (err instanceof OAuthFailure) return renderOAuthError(400, err.error, err.description);
    // a full or failing disk: GoTrue's 500 (which supabase-js retries without dropping the session,
    // unlike a 507), with a message that says what to fix instead of "check server logs"
    if (err instanceof StorageFailure) {
      console.error(`authlab: ${c.req.method} ${new URL(c.req.url).pathname}: ${err.message}`);
      return renderError(unexpectedFailure(err.message), apiVersion, services.random.uuid());
    }
    // a unique constraint the checks above did not foresee is still the caller's conflict, not a crash
    if ((err as { code?: unknown }).code === '23505') {
      return renderError(new AuthError(422, 'conflict', `already exists: ${(err as Error).message}`), apiVersion);
    }
    // Postgres's data exceptions (class 22: NUL or a bad escape in text, a number out of range, an
    // unparseable uuid or time) come from values the request carried: the caller's error, said plainly
    const sqlState = (err as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      return renderError(badRequest('validation_failed', `Invalid input: ${(err as Error).message}`), apiVersion);
    }
    const id = services.random.uuid();
    // the stack, but not a database error's detail: "Failing row contains (...)" can hold tokens
    const logged = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`authlab: unexpected error (error_id ${id}) on ${c.req.method} ${new URL(c.req.url).pathname}: ${logged}`);
    return renderError(
      unexpectedFailure(UNEXPECTED_FAILURE_MESSAGE),
      apiVersion,
      id,
    );
  });
  return app;
}
