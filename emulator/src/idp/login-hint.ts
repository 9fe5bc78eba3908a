import type { Config } from '../config.js';

/** 127.0.0.0/8, ::1 (bracketed or not) and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Why login_hint may not be used here, or undefined when it may. login_hint signs in as any email
 * without a page, so it hands a session for any existing user to whoever can reach the server: fine
 * on a laptop, an account takeover on a shared machine. Allowed when idpLoginHint says so, else when
 * the server listens on loopback; with the listening address unknown, when the request was sent to
 * a loopback host.
 */
export function loginHintRefusal(config: Pick<Config, 'idpLoginHint'>, requestUrl: string): string | undefined {
  const allowed = config.idpLoginHint ?? isLoopbackHost(new URL(requestUrl).hostname);
  if (allowed) return undefined;
  return (
    'login_hint would sign in as any account without this page, and authlab is reachable beyond this machine. ' +
    'Choose the account on the page instead, or set AUTHLAB_IDP_LOGIN_HINT=true (idpLoginHint) to allow it.'
  );
}
