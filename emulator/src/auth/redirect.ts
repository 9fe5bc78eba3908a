import type { Config } from '../config.js';
import { compileGlob } from './glob.js';

/**
 * redirect_to validation as GoTrue (utilities/request.go IsRedirectURLValid): a URL back to the
 * site, a loopback IP literal, or a match for a URI_ALLOW_LIST glob. Anything else silently falls
 * back to the Referer, then to SITE_URL: never an error.
 *
 * Where GoTrue reads the URL with Go's url.Parse, we judge the URL the browser will actually visit
 * (the WHATWG parser's reading) and refuse any URL the two parsers could read differently: a
 * backslash (`http://evil.com\@127.0.0.1/` is userinfo to a regex but a path to a browser, which
 * goes to evil.com), control characters, tabs or newlines (browsers drop them, joining the host to
 * what follows), userinfo, and hosts spelt in a form the browser rewrites (percent-escapes,
 * shortened or numeric IPv4). So a session is never sent to a host the checks did not see.
 *
 * Back to the site means same scheme, host and port (the port may differ on loopback, RFC 8252),
 * as GoTrue since #2479 (RFC 9700); v2.189.0 compared the host alone.
 */

const DECIMAL_HOST = /^[0-9]+$/;
const REGULAR_HOST = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;
const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;
/** C0 controls, space at either end, DEL, and the backslash: characters the two readings disagree on. */
const AMBIGUOUS = /[\u0000-\u001f\u007f\\]|^\s|\s$/;
/** GoTrue's isLocalhost: names and addresses whose port may differ from SITE_URL's. */
const LOCALHOST = ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'];

interface Target {
  url: URL;
  /** The host the browser connects to, lower case, without IPv6 brackets. */
  host: string;
  /** The host as written (an international name stays in Unicode, as Go reads it). */
  written: string;
  scheme: string;
}

/** The host as written in the authority, without port or IPv6 brackets, as Go's URL.Hostname(). */
function writtenHost(url: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(url);
  return (m?.[1] ?? '').replace(/^\[|\]$/g, '').toLowerCase();
}

/** Characters a browser and Go's parser read differently (or one of them drops). */
export const isAmbiguousUrl = (raw: string) => AMBIGUOUS.test(raw);

/** Where a browser would go, or undefined when the URL is invalid or could be read two ways. */
function browserTarget(raw: string): Target | undefined {
  if (!raw || isAmbiguousUrl(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const written = writtenHost(raw);
  // the browser rewrote the host: fine for an IPv6 literal or an international name, never otherwise
  const rewritten = written !== host && !written.includes(':') && /^[\x00-\x7f]*$/.test(written);
  if (rewritten) return undefined;
  return { url, host, written, scheme: url.protocol.slice(0, -1).toLowerCase() };
}

function isLoopbackIp(host: string): boolean | undefined {
  if (DOTTED_QUAD.test(host)) return host.startsWith('127.');
  // ::1, or an IPv4-mapped 127.x.y.z (the WHATWG parser writes it ::ffff:7fxx:xxxx)
  if (host.includes(':')) return host === '::1' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
  return undefined; // not an IP literal
}

const isLocalhost = (host: string) => LOCALHOST.includes(host) || host.endsWith('.localhost');

function isBackToSite(site: Target, target: Target): boolean {
  return site.host === target.host && site.scheme === target.scheme && (site.url.port === target.url.port || isLocalhost(target.host));
}

export function isRedirectUrlValid(config: Pick<Config, 'siteUrl' | 'uriAllowList'>, redirectUrl: string): boolean {
  const target = browserTarget(redirectUrl);
  if (!target) return false;
  const site = browserTarget(config.siteUrl);
  if (site && isBackToSite(site, target)) return true;
  const isHttp = target.scheme === 'http' || target.scheme === 'https';
  if (DECIMAL_HOST.test(target.host)) return false;
  const loopback = isLoopbackIp(target.host);
  if (loopback !== undefined) return loopback;
  // as GoTrue: an http(s) host spelt with unusual characters (Unicode included) is never on the list
  if (isHttp && !REGULAR_HOST.test(target.written)) return false;
  // GoTrue matches the URL as written; the URL the browser will visit must match as well, or
  // `https://evil?.example.com/` would pass `https://*.example.com/**` (the `*` takes "evil?")
  const written = redirectUrl.split('#')[0]!;
  const visited = visitedUrl(target, written);
  return config.uriAllowList.some((pattern) => {
    const glob = compileGlob(pattern);
    return glob.match(written) && glob.match(visited);
  });
}

/**
 * The browser's reading, without fragment. A bare origin ("http://x:3000") stays bare rather than
 * gaining the "/" the parser adds; with a query it does not, since that "/" is what shows the query
 * is no part of the host.
 */
function visitedUrl(target: Target, written: string): string {
  const { url } = target;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*$/i.test(written) && url.pathname === '/') return `${url.protocol}//${url.host}`;
  return url.href.split('#')[0]!;
}

/**
 * As GoTrue's GetReferrer: the `redirect_to` header, else the `redirect_to` query/form field, else
 * the Referer — the first that is allowed — else SITE_URL.
 */
export function chooseRedirect(
  config: Pick<Config, 'siteUrl' | 'uriAllowList'>,
  candidates: { header?: string | undefined; query?: string | undefined; referer?: string | undefined },
): string {
  const requested = candidates.header || candidates.query || '';
  if (isRedirectUrlValid(config, requested)) return requested;
  if (candidates.referer && isRedirectUrlValid(config, candidates.referer)) return candidates.referer;
  return config.siteUrl;
}
