import type { Ctx } from '../http/env.js';

/** The GoTrue release a current `supabase start` runs (supabase/gotrue:v2.189.0). */
export const GOTRUE_VERSION = 'v2.189.0';

/** GET /health — answers only once the database behind it is ready (createEmulator awaits that). */
export function health(c: Ctx) {
  return c.json({
    version: GOTRUE_VERSION,
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  });
}
