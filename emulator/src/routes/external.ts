import { validatePkceParams } from '../auth/pkce.js';
import { createOAuthFlowState } from '../auth/external/flow-state.js';
import { enabledProvider, providerScopes } from '../auth/external/providers.js';
import type { UserRow } from '../auth/users.js';
import type { Ctx } from '../http/env.js';
import { redirectTo } from '../http/redirect.js';
import { encodeValues } from '../go/query.js';
import { idpIssuer } from '../idp/app.js';

/** Query parameters /authorize consumes; every other one is passed on to the provider, as GoTrue does. */
const CONSUMED = new Set(['provider', 'scopes', 'code_challenge', 'code_challenge_method']);

/**
 * GoTrue's GetExternalProviderRedirectURL: checks the provider and PKCE parameters, records a
 * flow state (its id is the OAuth state) and builds the provider's authorization URL, with
 * redirect_uri = the provider's configured callback (<API_EXTERNAL_URL>/callback by default).
 */
export async function providerRedirectUrl(c: Ctx, linkingTarget?: UserRow): Promise<string> {
  const s = c.var.services;
  const query = c.req.query();
  const { name, settings } = enabledProvider(s.config, query.provider ?? '');
  const referrer = redirectTo(c);
  const challenge = query.code_challenge ?? '';
  validatePkceParams(query.code_challenge_method ?? '', challenge);
  const flow = await createOAuthFlowState(s.db, s, {
    provider: name,
    codeChallenge: challenge,
    codeChallengeMethod: query.code_challenge_method ?? '',
    referrer,
    linkingTargetId: linkingTarget?.id ?? null,
    emailOptional: settings.emailOptional,
  });
  // as golang.org/x/oauth2 AuthCodeURL: the standard parameters, then the forwarded ones, sorted
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (!CONSUMED.has(k)) params[k] = v;
  Object.assign(params, {
    client_id: settings.clientId[0]!,
    redirect_uri: settings.redirectUri,
    response_type: 'code',
    state: flow.id,
  });
  const scope = providerScopes(name, query.scopes ?? '');
  if (scope) params.scope = scope;
  return `${idpIssuer(s, name)}/authorize?${encodeValues(params)}`;
}

/** GET /authorize — 302 to the provider (here: authlab's fake identity provider). */
export async function authorize(c: Ctx) {
  return c.redirect(await providerRedirectUrl(c), 302);
}
