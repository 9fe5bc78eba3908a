import type { Config } from '../config.js';

/**
 * redirect_to validation as GoTrue v2.189.0 (utilities/request.go): a URL on SITE_URL's host,
 * a loopback IP literal, or a match for a URI_ALLOW_LIST glob. Anything else silently falls back
 * to the Referer, then to SITE_URL: never an error.
 */

const DECIMAL_HOST = /^[0-9]+$/;
const REGULAR_HOST = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The host as written, without port or IPv6 brackets, as Go's URL.Hostname(). (WHATWG URL would
 * normalise "2130706433" to 127.0.0.1, which GoTrue refuses.)
 */
function hostname(url: string): string {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(url);
  return (m?.[1] ?? '').replace(/^\[|\]$/g, '').toLowerCase();
}

function isLoopbackIp(host: string): boolean | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.startsWith('127.');
  if (host.includes(':')) return host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host) || host === '0:0:0:0:0:0:0:1';
  return undefined; // not an IP literal
}

/** gobwas/glob with separators "." and "/": * stays within a label or segment, ** crosses them. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^./]*';
    } else if (ch === '?') {
      re += '[^./]';
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (ch === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end === -1) {
        re += '\\{';
        continue;
      }
      re += `(?:${pattern
        .slice(i + 1, end)
        .split(',')
        .map((alt) => globToRegExp(alt).source.slice(1, -1))
        .join('|')})`;
      i = end;
    } else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function isRedirectUrlValid(config: Pick<Config, 'siteUrl' | 'uriAllowList'>, redirectUrl: string): boolean {
  if (!redirectUrl) return false;
  const ref = parse(redirectUrl);
  if (!ref) return false;
  const host = hostname(redirectUrl);
  if (parse(config.siteUrl) && hostname(config.siteUrl) === host) return true;
  const scheme = ref.protocol.replace(/:$/, '').toLowerCase();
  const isHttp = scheme === 'http' || scheme === 'https';
  if (DECIMAL_HOST.test(host)) return false;
  const loopback = isLoopbackIp(host);
  if (loopback !== undefined) return loopback;
  if (isHttp && !REGULAR_HOST.test(host)) return false;
  const withoutFragment = redirectUrl.split('#')[0]!;
  return config.uriAllowList.some((pattern) => globToRegExp(pattern).test(withoutFragment));
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
