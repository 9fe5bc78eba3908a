import { maskHeaderValue, maskSecret, SECRET_FIELDS, SECRET_HEADERS } from './mask.js';
import type { WireEntry } from './wire-log.js';

/** A JWT anywhere in a string: three base64url parts, the first one a JSON object ("eyJ"). */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]+/g;
const IS_JWT = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
/** Credentials carried as URL parameters (a landing's #access_token=…, a form-encoded /token body). */
const SECRET_PARAM = /\b(access_token|refresh_token|provider_token|provider_refresh_token|code_verifier|password|token_hash)=([^&#\s"']+)/g;

/**
 * A JWT without its signature still decodes (header and claims, which the result views read), but
 * no server accepts it: what is kept across reloads is a picture of the token, not a credential.
 */
export function unsignJwt(token: string): string {
  const [header, claims] = token.split('.');
  return `${header}.${claims}.`;
}

function keepableString(value: string): string {
  return value.replace(JWT, unsignJwt).replace(SECRET_PARAM, (_, name: string, secret: string) => `${name}=${maskSecret(secret)}`);
}

/**
 * A step result made fit for sessionStorage: tokens unsigned, other secrets (refresh tokens,
 * passwords, TOTP secrets, code verifiers) masked as the wire log shows them. Tokens at rest belong
 * to the token storage (the OS keychain on the desktop), never to this.
 */
export function keepableJson(value: unknown): unknown {
  if (typeof value === 'string') return keepableString(value);
  if (Array.isArray(value)) return value.map(keepableJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if (typeof v === 'string' && SECRET_FIELDS.has(key)) return [key, IS_JWT.test(v) ? unsignJwt(v) : maskSecret(v)];
        return [key, keepableJson(v)];
      }),
    );
  }
  return value;
}

function keepableBody(body: string): string {
  if (!body) return body;
  try {
    return JSON.stringify(keepableJson(JSON.parse(body)));
  } catch {
    return keepableString(body);
  }
}

function keepableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? maskHeaderValue(value) : keepableString(value)]),
  );
}

/** An HTTP exchange as kept for the next visit: what it showed, without a usable secret. */
export function keepableEntry(entry: WireEntry): WireEntry {
  return {
    ...entry,
    url: keepableString(entry.url),
    requestHeaders: keepableHeaders(entry.requestHeaders),
    requestBody: keepableBody(entry.requestBody),
    responseHeaders: keepableHeaders(entry.responseHeaders),
    responseBody: keepableBody(entry.responseBody),
  };
}
