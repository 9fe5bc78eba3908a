import { z } from 'zod';
import type { Ctx } from '../http/env.js';
import { readBody } from '../http/request.js';
import { AuthError, badRequest, notFound } from '../errors.js';
import { str } from './params.js';

/**
 * SAML single sign-on. A local Supabase stack never turns SAML on (the CLI has no setting for it),
 * so every /sso route answers as GoTrue's requireSAMLEnabled does, whatever the method or sub-path:
 * the check wraps the whole /sso group and runs before its rate limit, captcha and routing.
 */
export function samlDisabled(_c: Ctx): never {
  throw notFound('saml_provider_disabled', 'SAML 2.0 is disabled');
}

// The admin routes are NOT behind that check in GoTrue: they read and write auth.sso_providers even
// with SAML off. authlab stores no SSO providers, so the list is empty and every id is unknown.

/** GET /admin/sso/providers — no providers, in GoTrue's shape. */
export function adminSsoProvidersList(c: Ctx) {
  return c.json({ items: [] });
}

/** GET, PUT, DELETE /admin/sso/providers/:idp_id — GoTrue looks the provider up before anything else. */
export function adminSsoProviderNotFound(_c: Ctx): never {
  throw notFound('sso_provider_not_found', 'SSO Identity Provider not found');
}

/** crewjam/saml's NameID formats, the ones GoTrue accepts for name_id_format. */
const NAME_ID_FORMATS = [
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
];

const CreateBody = z.object({
  type: str(),
  metadata_url: str(),
  metadata_xml: str(),
  domains: z.array(z.string()).nullish(),
  attribute_mapping: z.record(z.string(), z.unknown()).nullish(),
  name_id_format: str(),
  resource_id: z.string().nullish(),
  disabled: z.boolean().nullish(),
});

/** Go's url.ParseRequestURI, as far as GoTrue's check needs it: an absolute URI or an absolute path. */
function requestUriScheme(value: string): string | undefined {
  if (value.startsWith('/')) return '';
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return undefined;
  try {
    return new URL(value).protocol.slice(0, -1);
  } catch {
    return undefined;
  }
}

/** POST /admin/sso/providers — GoTrue's checks of the request, in its order (CreateSSOProviderParams.validate). */
export async function adminSsoProvidersCreate(c: Ctx) {
  const p = await readBody(c, CreateBody);
  const invalid = (msg: string) => badRequest('validation_failed', msg);
  if (p.type !== 'saml') throw invalid("Only 'saml' supported for SSO provider type");
  if (p.metadata_url !== '' && p.metadata_xml !== '') throw invalid('Only one of metadata_xml or metadata_url needs to be set');
  if (p.metadata_url === '' && p.metadata_xml === '') throw invalid('Either metadata_xml or metadata_url must be set');
  if (p.metadata_url !== '') {
    const scheme = requestUriScheme(p.metadata_url);
    if (scheme === undefined) throw invalid('metadata_url is not a valid URL');
    if (scheme !== 'https') throw invalid('metadata_url is not a HTTPS URL');
  }
  if (p.name_id_format !== '' && !NAME_ID_FORMATS.includes(p.name_id_format)) {
    throw invalid(`name_id_format must be unspecified or one of ${NAME_ID_FORMATS.join(', ')}`);
  }
  // GoTrue would now fetch or parse the IdP metadata and store the provider; authlab does neither
  throw new AuthError(
    // not 501: supabase-js takes every 5xx for a network fault and retries it as such
    422,
    'not_emulated',
    'authlab: SAML identity providers are not emulated (a local Supabase stack has SAML off); the request itself is valid',
  );
}
