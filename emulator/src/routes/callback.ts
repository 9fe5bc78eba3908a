import { linkIdentityToUser, signInWithExternalIdentity, type ExternalOutcome } from '../auth/external/accounts.js';
import { missingCode, OAuthFailure, oauthErrorName } from '../auth/external/callback.js';
import { exchangeProviderCode } from '../idp/client.js';
import { isPkceFlow, issueOAuthCode } from '../auth/external/flow-state.js';
import { deleteFlowState, findOAuthFlowState, type OAuthFlowStateRow } from '../db/flow-state.js';
import { enabledProvider } from '../auth/external/providers.js';
import { sessionResponse, startSession } from '../auth/sessions.js';
import type { UserRow } from '../auth/users.js';
import { findUserById } from '../db/users.js';
import { isUuid } from '../http/auth.js';
import type { Ctx } from '../http/env.js';
import { requestInfo } from '../http/request.js';
import { sessionRedirect, withQuery } from '../http/redirect-urls.js';
import { encodeValues } from '../go/query.js';
import { AuthError, badRequest, unexpectedFailure, unprocessable } from '../errors.js';
import type { Services } from '../services.js';

/**
 * GET|POST /callback — where the provider sends the person back (GoTrue's loadFlowState and
 * ExternalProviderCallback). State problems: 303 to SITE_URL with the error in the query. Later
 * problems: 302 to the flow's redirect target with the error in query and fragment. Success:
 * 302 with ?code= (PKCE) or the session and provider tokens in the fragment (implicit).
 */
export async function callback(c: Ctx) {
  const s = c.var.services;
  const params = await callbackParams(c);
  let flow: OAuthFlowStateRow;
  let target: UserRow | undefined;
  try {
    ({ flow, target } = await loadFlowState(s, params.state ?? ''));
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    return c.redirect(withQuery(s.config.siteUrl, { error: oauthErrorName(e), error_code: e.code, error_description: e.message }), 303);
  }
  const redirect = s.config.externalRedirectUrl || flow.referrer || s.config.siteUrl;
  try {
    return c.redirect(await completeSignIn(c, params, flow, target, redirect), 302);
  } catch (e) {
    if (e instanceof AuthError) {
      return c.redirect(callbackErrorUrl(redirect, { error: oauthErrorName(e), error_code: e.code, error_description: e.message }), 302);
    }
    if (e instanceof OAuthFailure) {
      return c.redirect(callbackErrorUrl(redirect, { error: e.error, error_description: e.description }), 302);
    }
    throw e;
  }
}

/** POST callbacks (Apple's form_post) carry the parameters in the form, GET ones in the query. */
async function callbackParams(c: Ctx): Promise<Record<string, string | undefined>> {
  if (c.req.method !== 'POST') return c.req.query();
  const body = new URLSearchParams(await c.req.text());
  return { ...c.req.query(), ...Object.fromEntries(body) };
}

async function loadFlowState(s: Services, state: string) {
  if (state === '') throw badRequest('bad_oauth_callback', 'OAuth state parameter missing');
  if (!isUuid(state)) throw badRequest('bad_oauth_state', 'OAuth state parameter is invalid');
  const flow = await findOAuthFlowState(s.db, state.toLowerCase());
  if (!flow) throw badRequest('bad_oauth_state', 'OAuth state not found or expired');
  if (s.clock.now().getTime() > flow.created_at.getTime() + s.config.externalFlowStateExpiryDuration * 1000) {
    throw badRequest('bad_oauth_state', 'OAuth state has expired');
  }
  if (isPkceFlow(flow) && flow.user_id) throw badRequest('flow_state_already_used', 'State has already been used');
  let target: UserRow | undefined;
  if (flow.linking_target_id) {
    target = await findUserById(s.db, flow.linking_target_id);
    if (!target) throw unprocessable('user_not_found', 'Linking target user not found');
  }
  return { flow, target };
}

/** As redirectErrors: the redirect's own query kept, the error added to it and to the fragment. */
function callbackErrorUrl(redirect: string, values: Record<string, string>): string {
  const u = new URL(withQuery(redirect, values));
  u.hash = encodeValues({ ...values, sb: '' });
  return u.toString();
}

async function completeSignIn(
  c: Ctx,
  params: Record<string, string | undefined>,
  flow: OAuthFlowStateRow,
  target: UserRow | undefined,
  redirect: string,
): Promise<string> {
  const s = c.var.services;
  if (params.error) throw new OAuthFailure(params.error, params.error_description ?? '');
  if (!params.code) throw missingCode();
  const provider = enabledProvider(s.config, flow.provider_type, 'oauth_provider_not_supported');
  const { data, accessToken, refreshToken } = await exchangeProviderCode(s, provider, params.code);
  if (data.emails.length === 0 && !flow.email_optional) {
    throw unexpectedFailure('Error getting user email from external provider');
  }
  const request = requestInfo(c);
  let commitError: AuthError | undefined;
  const result = await s.db.transaction(async (tx) => {
    const outcome: ExternalOutcome = target
      ? await linkIdentityToUser(tx, s, { target, data, provider: provider.name })
      : await signInWithExternalIdentity(tx, s, { data, provider: provider.name, emailOptional: flow.email_optional, request });
    if (outcome.commitError) {
      // as GoTrue's CommitWithError: the user and the confirmation mail stay, the sign-in does not happen
      commitError = outcome.commitError;
      return undefined;
    }
    if (isPkceFlow(flow)) {
      const claimed = await issueOAuthCode(tx, s, flow.id, outcome.user.id, { access: accessToken, refresh: refreshToken });
      if (!claimed) throw badRequest('flow_state_already_used', 'State has already been used');
      return { code: flow.auth_code ?? '' };
    }
    const session = await startSession(tx, s, { user: outcome.user, method: 'oauth', request, action: null });
    await deleteFlowState(tx, flow.id);
    return { session: await sessionResponse(tx, s, session) };
  });
  if (commitError || !result) throw commitError ?? unexpectedFailure('OAuth sign-in did not complete');
  if (result.code !== undefined) return withQuery(redirect, { code: result.code });
  if (!result.session) throw unexpectedFailure('OAuth sign-in did not complete');
  const extra: Record<string, string> = { provider_token: accessToken };
  // not every provider hands out refresh tokens (RFC 6749 §5.1), so the key may be absent
  if (refreshToken) extra.provider_refresh_token = refreshToken;
  return sessionRedirect(redirect, result.session, extra);
}
