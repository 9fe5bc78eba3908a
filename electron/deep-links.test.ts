import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkRelay, MAX_PENDING_DEEP_LINKS } from './deep-link-relay.js';
import { deepLinkFromArgv, MAX_DEEP_LINK_LENGTH, parseDeepLink, type DeepLink } from './deep-links.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl';
const LOOPBACK = { loopbackOrigins: ['http://127.0.0.1:49152'] };

describe('parsing auth redirects', () => {
  it('reads a PKCE code from authlab://callback', () => {
    expect(parseDeepLink('authlab://callback?code=6f1c2b9e-1d2a-4a8e-9c55-0b6c1e2a3f4d')).toEqual({
      ok: true,
      link: { via: 'custom-scheme', redirect: { kind: 'code', code: '6f1c2b9e-1d2a-4a8e-9c55-0b6c1e2a3f4d' } },
    });
    expect(parseDeepLink('authlab://callback/?code=abc')).toMatchObject({ ok: true, link: { redirect: { kind: 'code', code: 'abc' } } });
  });

  it('reads an implicit-flow session from the fragment', () => {
    const result = parseDeepLink(`authlab://callback#access_token=${JWT}&expires_at=1983812996&expires_in=3600&refresh_token=abc123xyz&token_type=bearer&type=magiclink`);
    expect(result).toEqual({
      ok: true,
      link: {
        via: 'custom-scheme',
        redirect: {
          kind: 'session',
          accessToken: JWT,
          refreshToken: 'abc123xyz',
          expiresIn: 3600,
          expiresAt: 1983812996,
          tokenType: 'bearer',
          type: 'magiclink',
          providerToken: null,
          providerRefreshToken: null,
        },
      },
    });
  });

  it('reads GoTrue’s redirected errors, from the fragment or the query', () => {
    expect(parseDeepLink('authlab://callback#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired')).toEqual({
      ok: true,
      link: { via: 'custom-scheme', redirect: { kind: 'error', error: 'access_denied', errorCode: 'otp_expired', errorDescription: 'Email link is invalid or has expired' } },
    });
    expect(parseDeepLink('authlab://callback?error=server_error&code=abc')).toMatchObject({ ok: true, link: { redirect: { kind: 'error', error: 'server_error' } } });
  });

  it('accepts the loopback callback of a running listener only', () => {
    expect(parseDeepLink('http://127.0.0.1:49152/callback?code=abc', LOOPBACK)).toMatchObject({ ok: true, link: { via: 'loopback' } });
    expect(parseDeepLink('http://127.0.0.1:49153/callback?code=abc', LOOPBACK)).toMatchObject({ ok: false });
    expect(parseDeepLink('http://127.0.0.1:49152/callback?code=abc')).toMatchObject({ ok: false });
    expect(parseDeepLink('http://127.0.0.1:49152/other?code=abc', LOOPBACK)).toMatchObject({ ok: false });
    expect(parseDeepLink('http://localhost:49152/callback?code=abc', LOOPBACK)).toMatchObject({ ok: false });
    expect(parseDeepLink('https://127.0.0.1:49152/callback?code=abc', LOOPBACK)).toMatchObject({ ok: false });
  });

  it.each([
    ['another scheme', 'https://callback?code=abc'],
    ['javascript:', 'javascript:alert(document.cookie)//authlab://callback?code=abc'],
    ['file:', 'file:///authlab/callback?code=abc'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['another host', 'authlab://evil?code=abc'],
    ['a host hidden behind credentials', 'authlab://callback@evil?code=abc'],
    ['credentials on the callback', 'authlab://user:pw@callback?code=abc'],
    ['a port', 'authlab://callback:80?code=abc'],
    ['a path', 'authlab://callback/../../x?code=abc'],
    ['an opaque authlab: URL', 'authlab:callback?code=abc'],
    ['a lookalike host', 'authlab://callback.evil.test?code=abc'],
    ['no parameters', 'authlab://callback'],
    ['only unknown parameters', 'authlab://callback?next=https://evil.test'],
    ['an access token without a refresh token', `authlab://callback#access_token=${JWT}`],
    ['a malformed access token', 'authlab://callback#access_token=<script>&refresh_token=abc'],
    ['a code with HTML in it', 'authlab://callback?code=%3Cimg%20src%3Dx%3E'],
    ['a repeated code', 'authlab://callback?code=a&code=b'],
    ['a code in both query and fragment', 'authlab://callback?code=a#code=b'],
    ['an empty code', 'authlab://callback?code='],
    ['a control character', 'authlab://callback?code=a\nb'],
    ['a space', 'authlab://callback?code=a b'],
    ['a control character in the description', 'authlab://callback#error=x&error_description=a%00b'],
    ['not a URL', 'callback?code=abc'],
    ['huge input', `authlab://callback?code=abc&pad=${'x'.repeat(MAX_DEEP_LINK_LENGTH)}`],
  ])('rejects %s', (_name, url) => {
    expect(parseDeepLink(url, LOOPBACK)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['authlab://callback?code=a']]) expect(parseDeepLink(value).ok).toBe(false);
  });

  it('finds the link among Chromium’s switches in a second instance’s argv', () => {
    expect(deepLinkFromArgv(['/opt/authlab/authlab', '--allow-file-access-from-files', 'authlab://callback?code=abc'])).toBe('authlab://callback?code=abc');
    expect(deepLinkFromArgv(['/opt/authlab/authlab', '--no-sandbox'])).toBeUndefined();
  });
});

describe('relaying links to the page', () => {
  const link = (code: string): DeepLink => ({ via: 'custom-scheme', redirect: { kind: 'code', code } });

  it('holds links until the page listens, then sends at once', () => {
    const send = vi.fn();
    const relay = createDeepLinkRelay(send);
    relay.deliver(link('early'));
    expect(send).not.toHaveBeenCalled();
    expect(relay.listen()).toEqual([link('early')]);
    relay.deliver(link('late'));
    expect(send).toHaveBeenCalledWith(link('late'));
    expect(relay.listen()).toEqual([]);
  });

  it('holds links again after the page reloads', () => {
    const send = vi.fn();
    const relay = createDeepLinkRelay(send);
    relay.listen();
    relay.reset();
    relay.deliver(link('during reload'));
    expect(send).not.toHaveBeenCalled();
    expect(relay.listen()).toEqual([link('during reload')]);
  });

  it('keeps only the newest links when flooded', () => {
    const relay = createDeepLinkRelay(vi.fn());
    for (let i = 0; i < 100; i++) relay.deliver(link(`c${i}`));
    const pending = relay.listen();
    expect(pending).toHaveLength(MAX_PENDING_DEEP_LINKS);
    expect(pending.at(-1)).toEqual(link('c99'));
  });
});
