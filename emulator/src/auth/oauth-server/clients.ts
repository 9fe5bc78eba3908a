import { base64url } from 'jose';
import {
  insertClient,
  setClientSecretHash,
  softDeleteClientRow,
  updateClientRow,
  type AuthMethod,
  type ClientType,
  type OAuthClientRow,
} from '../../db/oauth-clients.js';
import type { Sql } from '../../db/storage.js';
import { badRequest } from '../../errors.js';
import type { Services } from '../../services.js';
import { isAmbiguousUrl } from '../redirect.js';
import { goTime } from '../../go/json.js';

/**
 * Clients of the OAuth 2.1 server (GoTrue's models/oauth_client.go and oauthserver/service.go):
 * rules without HTTP. The row's id is the public client_id; only a SHA-256 of the secret is kept.
 */

export const AUTH_METHODS: readonly AuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post'];
export const GRANT_TYPES = ['authorization_code', 'refresh_token'] as const;

/** Registration fields as GoTrue decodes them (absent and null alike are zero values). */
export interface ClientRegistration {
  redirect_uris: string[];
  client_type: string;
  token_endpoint_auth_method: string;
  grant_types: string[];
  client_name: string;
  client_uri: string;
  logo_uri: string;
}

/** Update fields: undefined = not given (GoTrue's nil pointers). */
export interface ClientUpdate {
  redirect_uris?: string[] | undefined;
  grant_types?: string[] | undefined;
  client_name?: string | undefined;
  client_uri?: string | undefined;
  logo_uri?: string | undefined;
  token_endpoint_auth_method?: string | undefined;
}

const invalid = (message: string) => badRequest('validation_failed', message);
/** Go's %v of a string slice. */
const goList = (items: readonly string[]) => `[${items.join(' ')}]`;
/** Go's len() of a string counts bytes. */
const byteLength = (s: string) => new TextEncoder().encode(s).length;

const DANGEROUS_SCHEMES = ['javascript', 'data', 'file', 'vbscript', 'about', 'blob'];

/** Why a redirect URI is refused (GoTrue's validateRedirectURI), or undefined when it is fine. */
function redirectUriProblem(uri: string): string | undefined {
  if (uri === '') return 'redirect URI cannot be empty';
  // Go's url.Parse refuses control characters and a backslash before the host; a browser would not
  if (isAmbiguousUrl(uri)) return 'invalid URL format';
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    // what Go's lenient url.Parse cannot place is a URL without scheme or host
    return 'must have scheme and host';
  }
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return 'must have scheme and host';
  if (DANGEROUS_SCHEMES.includes(scheme)) return `scheme '${scheme}' is not allowed for security reasons`;
  // plain http only for loopback; https and custom app schemes are fine
  if (scheme === 'http' && !['localhost', '127.0.0.1', '::1'].includes(host)) return 'HTTP scheme only allowed for localhost';
  if (u.hash.length > 1) return 'fragment not allowed in redirect URI';
  return undefined;
}

function checkRedirectUris(uris: string[], required: boolean) {
  if (required && uris.length === 0) throw invalid('redirect_uris is required');
  if (uris.length === 0) throw invalid('redirect_uris cannot be empty');
  if (uris.length > 10) throw invalid('redirect_uris cannot exceed 10 items');
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw invalid(`invalid redirect_uri '${uri}': ${problem}`);
  }
}

function checkGrantTypes(types: string[]) {
  if (types.length === 0) throw invalid('grant_types cannot be empty');
  if (types.some((t) => !(GRANT_TYPES as readonly string[]).includes(t))) {
    throw invalid("grant_types must only contain 'authorization_code' and/or 'refresh_token'");
  }
}

/** Go's url.ParseRequestURI, near enough: an absolute URL or an absolute path. */
const isRequestUri = (s: string) => {
  if (s.startsWith('/')) return true;
  try {
    return new URL(s).protocol !== '';
  } catch {
    return false;
  }
};

function checkDescriptive(field: { client_name?: string | undefined; client_uri?: string | undefined; logo_uri?: string | undefined }) {
  if (field.client_name !== undefined && byteLength(field.client_name) > 1024) throw invalid('client_name cannot exceed 1024 characters');
  for (const key of ['client_uri', 'logo_uri'] as const) {
    const value = field[key];
    if (!value) continue;
    if (byteLength(value) > 2048) throw invalid(`${key} cannot exceed 2048 characters`);
    if (!isRequestUri(value)) throw invalid(`${key} must be a valid URL`);
  }
}

const typeOfMethod = (method: string): ClientType => (method === 'none' ? 'public' : 'confidential');

/** OAuthServerClientRegisterParams.validate, in its order. */
export function validateRegistration(p: ClientRegistration) {
  checkRedirectUris(p.redirect_uris, true);
  if (p.grant_types.length > 0) checkGrantTypes(p.grant_types);
  checkDescriptive(p);
  if (p.client_type !== '' && p.client_type !== 'public' && p.client_type !== 'confidential') {
    throw invalid("client_type must be 'public' or 'confidential'");
  }
  if (p.token_endpoint_auth_method !== '' && !(AUTH_METHODS as readonly string[]).includes(p.token_endpoint_auth_method)) {
    throw invalid(`token_endpoint_auth_method must be one of: ${goList(AUTH_METHODS)}`);
  }
  if (p.client_type !== '' && p.token_endpoint_auth_method !== '') {
    const expected = typeOfMethod(p.token_endpoint_auth_method);
    if (expected !== p.client_type) {
      throw invalid(
        `client_type '${p.client_type}' is inconsistent with token_endpoint_auth_method '${p.token_endpoint_auth_method}' (expected client_type '${expected}')`,
      );
    }
  }
}

/** A fresh secret (32 random bytes, base64url) and what is stored of it. */
export async function newSecret(s: Services): Promise<{ secret: string; hash: string }> {
  const secret = base64url.encode(s.random.bytes(32));
  return { secret, hash: await hashSecret(secret) };
}


export async function hashSecret(secret: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))));
}

/** Compares hashes in constant time, as GoTrue's ValidateClientSecret. */
export async function secretMatches(secret: string, storedHash: string | null): Promise<boolean> {
  if (!storedHash) return false;
  const given = await hashSecret(secret);
  if (given.length !== storedHash.length) return false;
  let diff = 0;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ storedHash.charCodeAt(i);
  return diff === 0;
}

/** Creates a client; the plaintext secret (confidential clients only) is returned once, never stored. */
export async function registerClient(
  sql: Sql,
  s: Services,
  p: ClientRegistration,
  registrationType: 'dynamic' | 'manual',
): Promise<{ client: OAuthClientRow; secret?: string }> {
  validateRegistration(p);
  const grantTypes = p.grant_types.length > 0 ? p.grant_types : [...GRANT_TYPES];
  // explicit client_type, else inferred from the auth method, else confidential
  const clientType: ClientType = (p.client_type || (p.token_endpoint_auth_method ? typeOfMethod(p.token_endpoint_auth_method) : 'confidential')) as ClientType;
  // RFC 7591: client_secret_basic unless said otherwise; public clients authenticate with none
  const method = p.token_endpoint_auth_method || (clientType === 'public' ? 'none' : 'client_secret_basic');
  const secret = clientType === 'confidential' ? await newSecret(s) : undefined;
  const now = s.clock.now();
  const client = await insertClient(sql, {
    id: s.random.uuid(), secretHash: secret?.hash ?? null, registrationType, redirectUris: p.redirect_uris, grantTypes: [...grantTypes],
    name: p.client_name || null, uri: p.client_uri || null, logoUri: p.logo_uri || null, now, clientType, authMethod: method,
  });
  return { client, ...(secret ? { secret: secret.secret } : {}) };
}

/** OAuthServerClientUpdate: validates everything first, then applies the given fields only. */
export async function updateClient(sql: Sql, s: Services, client: OAuthClientRow, p: ClientUpdate): Promise<OAuthClientRow> {
  if (p.redirect_uris !== undefined) checkRedirectUris(p.redirect_uris, false);
  if (p.grant_types !== undefined) checkGrantTypes(p.grant_types);
  checkDescriptive(p);
  const method = p.token_endpoint_auth_method;
  if (method !== undefined && !(AUTH_METHODS as readonly string[]).includes(method)) {
    throw invalid(`invalid token_endpoint_auth_method: must be one of ${goList(AUTH_METHODS)}`);
  }
  if (method !== undefined && typeOfMethod(method) !== client.client_type) {
    const valid = client.client_type === 'public' ? ['none'] : ['client_secret_basic', 'client_secret_post'];
    throw invalid(`token_endpoint_auth_method '${method}' is not valid for client_type '${client.client_type}'; valid methods: ${goList(valid)}`);
  }
  return updateClientRow(
    sql,
    client.id,
    {
      redirectUris: p.redirect_uris, grantTypes: p.grant_types, name: p.client_name, uri: p.client_uri, logoUri: p.logo_uri, authMethod: method,
    },
    s.clock.now(),
  );
}

export async function softDeleteClient(sql: Sql, s: Services, id: string) {
  await softDeleteClientRow(sql, id, s.clock.now());
}

export async function regenerateSecret(sql: Sql, s: Services, id: string): Promise<{ client: OAuthClientRow; secret: string }> {
  const { secret, hash } = await newSecret(s);
  return { client: await setClientSecretHash(sql, id, hash, s.clock.now()), secret };
}

const split = (list: string) => (list === '' ? [] : list.split(','));
export const redirectUrisOf = (c: OAuthClientRow) => split(c.redirect_uris);
export const grantTypesOf = (c: OAuthClientRow) => split(c.grant_types).map((g) => g.trim());

/** GoTrue's OAuthServerClientResponse, field order and omitempty included. */
export function clientJson(c: OAuthClientRow, secret?: string) {
  const out: Record<string, unknown> = { client_id: c.id };
  if (secret) out.client_secret = secret;
  out.client_type = c.client_type;
  const uris = redirectUrisOf(c);
  if (uris.length) out.redirect_uris = uris;
  if (c.token_endpoint_auth_method) out.token_endpoint_auth_method = c.token_endpoint_auth_method;
  const grants = split(c.grant_types);
  if (grants.length) out.grant_types = grants;
  out.response_types = ['code'];
  if (c.client_name) out.client_name = c.client_name;
  if (c.client_uri) out.client_uri = c.client_uri;
  if (c.logo_uri) out.logo_uri = c.logo_uri;
  out.registration_type = c.registration_type;
  out.created_at = goTime(c.created_at);
  out.updated_at = goTime(c.updated_at);
  return out;
}

/** The client as the consent page and the grants list show it (ClientDetailsResponse). */
export function clientDetails(c: OAuthClientRow) {
  const out: Record<string, unknown> = { id: c.id };
  if (c.client_name) out.name = c.client_name;
  if (c.client_uri) out.uri = c.client_uri;
  if (c.logo_uri) out.logo_uri = c.logo_uri;
  return out;
}
