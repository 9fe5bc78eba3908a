import type { SupabaseClient } from '@supabase/supabase-js';
import type { LandingParams } from './landing.js';

type Received = Exclude<LandingParams, { kind: 'error' }>;

/**
 * What an app does with an implicit-flow link: hand the fragment's tokens to setSession (which
 * checks them with GET /user). Anything else the link brought is shown as it is.
 */
export const setSessionFromLink = (auth: SupabaseClient['auth']) => (params: Received) =>
  params.kind === 'session'
    ? auth.setSession({ access_token: params.accessToken, refresh_token: params.refreshToken })
    : Promise.resolve({ data: params, error: null });
