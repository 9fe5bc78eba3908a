import type { MiddlewareHandler } from 'hono';
import { NIL_UUID } from '../auth/admin-users.js';
import { hasVerifiedFactor } from '../db/mfa-factors.js';
import { sessionValidity } from '../auth/sessions.js';
import { findSession } from '../db/sessions.js';
import { isBanned } from '../auth/users.js';
import { findUserById } from '../db/users.js';
import { badRequest, forbidden, unauthorized, unexpectedFailure } from '../errors.js';
import { JwtInvalid } from '../tokens/jwt.js';
import type { AppEnv, Ctx } from './env.js';

const BEARER = /^bearer (\S+)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The bearer token of the request, or GoTrue's 401 no_authorization. */
export function bearerToken(c: Ctx): string {
  const match = BEARER.exec(c.var.authorization ?? c.req.header('authorization') ?? '');
  if (!match) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token');
  return match[1]!;
}

async function verifiedClaims(c: Ctx, token: string, now = c.var.services.clock.now()) {
  const s = c.var.services;
  try {
    return await s.jwt.verify(token, now);
  } catch (e) {
    if (e instanceof JwtInvalid) throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${e.message}`);
    throw e;
  }
}

/**
 * The session_id claim when it names a session. As Go decodes it into a string: absent and null are
 * "", and "" or the nil UUID name none.
 */
function namedSession(claims: Record<string, unknown>): unknown {
  const id = claims.session_id;
  return id === undefined || id === null || id === '' || id === NIL_UUID ? undefined : id;
}

/**
 * As GoTrue's maybeLoadUserOrSession: the user of the sub claim and, when the token names one, its
 * session, with GoTrue's errors when either is malformed or gone.
 */
async function loadUserAndSession(c: Ctx, claims: Awaited<ReturnType<typeof verifiedClaims>>) {
  const s = c.var.services;
  const sub = claims.sub;
  if (!sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(s.db, sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  const sessionId = namedSession(claims);
  if (sessionId === undefined) return { user, session: undefined };
  if (!isUuid(sessionId)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
  const session = await findSession(s.db, sessionId);
  if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  return { user, session };
}

/**
 * As GoTrue's requireAuthentication: a valid JWT whose user and session still exist, user not banned.
 * Access tokens stay cryptographically valid after logout; the missing session is what refuses them.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const s = c.var.services;
  const claims = await verifiedClaims(c, bearerToken(c));
  const { user, session } = await loadUserAndSession(c, claims);
  const caller = { claims, role: String(claims.role ?? ''), user } as AppEnv['Variables']['caller'];
  if (session) caller.session = session;
  if (isBanned(user, s.clock.now())) throw forbidden('user_banned', 'User is banned');
  c.set('caller', caller);
  await next();
};

/**
 * As GoTrue's requireAdminCredentials: a JWT whose role is one of the admin roles. A token that names
 * a session (a user signed in with an admin role) is also refused once that session is gone or no
 * longer valid, as for any user; the service-role key names none and skips that check. Expiry is
 * judged at `at`: the emulated clock for GoTrue's routes, real time for authlab's control API.
 */
export const requireAdminAt = (at: (c: Ctx) => Date): MiddlewareHandler<AppEnv> => async (c, next) => {
  const s = c.var.services;
  const now = at(c);
  const claims = await verifiedClaims(c, bearerToken(c), now);
  if (namedSession(claims) !== undefined) {
    const { user, session } = await loadUserAndSession(c, claims);
    if (session) {
      const highestAal = (await hasVerifiedFactor(s.db, user.id)) ? 'aal2' : 'aal1';
      if (sessionValidity(session, s.config, now, undefined, highestAal) !== 'valid') {
        throw forbidden('session_expired', 'Session is no longer valid');
      }
    }
  }
  const role = String(claims.role ?? '');
  if (!s.config.jwtAdminRoles.includes(role)) throw forbidden('not_admin', 'User not allowed');
  c.set('caller', { claims, role });
  await next();
};

export const requireAdmin = requireAdminAt((c) => c.var.services.clock.now());

/** The authenticated user; only call behind requireUser. */
export function currentUser(c: Ctx) {
  const user = c.var.caller?.user;
  if (!user) throw unexpectedFailure('route is missing requireUser');
  return user;
}
