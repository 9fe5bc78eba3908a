import type { Context } from 'hono';
import type { SessionRow } from '../db/sessions.js';
import type { UserRow } from '../auth/users.js';
import type { Services } from '../services.js';

/** What the authentication middlewares learn about the caller. */
export interface Caller {
  claims: Record<string, unknown>;
  /** The role of the bearer token (or of the apikey when no bearer was sent). */
  role: string;
  user?: UserRow;
  session?: SessionRow;
}

export interface AppEnv {
  Variables: {
    services: Services;
    caller: Caller;
    /** The Authorization header as the gateway forwards it, when it rewrote the client's. */
    authorization: string | undefined;
    /** The user an admin route's :user_id names, once loadUser found it. */
    targetUser: UserRow | undefined;
  };
}

export type Ctx = Context<AppEnv>;
