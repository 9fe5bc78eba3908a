import { describe, expect, it } from 'vitest';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';
import { follow, fragment, latestMail, linkIn } from './support/mail.js';

const SITE = 'http://127.0.0.1:3000';
const ALLOW_LIST = ['http://localhost:5173/**', 'https://*.example.com/**', 'http://localhost:4000**', 'myapp://**'];

/**
 * Where a browser goes after a /verify link carrying this redirect_to. An unknown token is enough:
 * the 303 goes to the chosen redirect (with the error), exactly as a real link's would.
 */
async function landingOf(t: TestServer, redirectTo: string): Promise<string> {
  const res = await fetch(`${t.url}/auth/v1/verify?type=signup&token=nope&redirect_to=${encodeURIComponent(redirectTo)}`, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return normal(res.headers.get('location')!);
}

/** A URL as the browser reads it, without the fragment (the error redirect is written that way). */
const normal = (url: string) => new URL(url).href.split('#')[0]!;

/** The host the browser will actually visit, read with the browser's own (WHATWG) parser. */
const visitedHost = (location: string) => new URL(location).host;

// the classic open-redirect corpus: each must fall back to the site URL
const ATTACKS = [
  'http://evil.com\\@127.0.0.1:3000/',
  'http://evil.com%5C@127.0.0.1:3000/',
  'http://evil.com\\@localhost:5173/',
  'http://127.0.0.1:3000@evil.com/',
  'http://localhost:5173@evil.com/',
  'http://evil.com@localhost:5173/',
  'http://localhost:4000@evil.com/',
  'http://localhost:4000\t@evil.com/',
  'http://localhost:4000\n.evil.com/',
  'http://local\thost:5173.evil.com/',
  '\thttp://evil.com/',
  ' http://localhost:5173/x',
  '//evil.com/',
  '/\\evil.com/',
  'https:evil.com/',
  'http:/\\evil.com/',
  'http:\\\\evil.com/',
  'http://evil%2ecom/',
  'http://evil.com%2f.example.com/',
  'https://evil.com%23.example.com/',
  'https://evil?.example.com/',
  'https://evil#.example.com/',
  'https://evil.com?x.example.com/',
  'https://ex\u3002ample.com.evil.com/',
  'https://evil\u3002example.com/',
  'https://xn--80ak6aa92e.com/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1:3000/',
  'http://127.1:3000/',
  'http://[::ffff:a00:1]/',
  'http://[2001:db8::1]/',
  'http://10.0.0.1/',
  'javascript:alert(1)//localhost:5173/',
  'data:text/html,<script>alert(1)</script>',
  'http://127.0.0.1:3000\\evil.com',
];

// what must keep working: the site, loopback on any port, and allow-list matches
const ALLOWED = [
  'http://127.0.0.1:3000/welcome',
  'http://127.0.0.1:3000',
  'http://127.0.0.1:8080/callback',
  'http://[::1]:8080/callback',
  'http://[0:0:0:0:0:0:0:1]:8080/callback',
  'http://localhost:5173/auth/done',
  'http://localhost:5173/path?next=/a&b=c',
  'https://app.example.com/auth/done',
  'http://localhost:4000',
  'http://localhost:4000/cb',
  'myapp://callback/path',
];

describe('redirect_to: a session is only ever sent where the allow-list says', () => {
  const t = useEmulator({ config: { siteUrl: SITE, uriAllowList: ALLOW_LIST } });

  it.each(ATTACKS)('falls back to the site URL for %j', async (attack) => {
    const location = await landingOf(t, attack);
    expect(location).toBe(normal(SITE));
    expect(visitedHost(location)).toBe('127.0.0.1:3000');
  });

  it.each(ALLOWED)('keeps the allowed redirect %j', async (allowed) => {
    expect(await landingOf(t, allowed)).toBe(normal(allowed));
  });

  it('sends the magic link of an emailRedirectTo with a backslash to the site, never to the other host', async () => {
    const email = uniqueEmail();
    const { error } = await t.client().auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://evil.com\\@127.0.0.1:3000/' } });
    expect(error).toBeNull();
    const link = new URL(linkIn(await latestMail(t, email)));
    expect(link.searchParams.get('redirect_to')).toBe(SITE);
    const landing = await follow(link.href);
    expect(landing.host).toBe('127.0.0.1:3000');
    expect(fragment(landing).access_token).toBeTruthy();
  });

  it('keeps the same-host redirect on the same scheme and port: a different port of the site host is another site', async () => {
    t.emulator.config.siteUrl = 'https://app.test';
    try {
      expect(await landingOf(t, 'https://app.test/welcome')).toBe('https://app.test/welcome');
      expect(await landingOf(t, 'http://app.test/welcome')).toBe('https://app.test/');
      expect(await landingOf(t, 'https://app.test:8443/welcome')).toBe('https://app.test/');
    } finally {
      t.emulator.config.siteUrl = SITE;
    }
  });

  it('matches a long redirect_to against a many-wildcard pattern in linear time (no event-loop stall)', async () => {
    t.emulator.config.uriAllowList = ['http://**/**/**/**/**/**/z'];
    try {
      const long = `http://localhost:9/${'a/'.repeat(2000)}`;
      // a backtracking matcher needs hours to refuse this; the test's own timeout catches a stall
      expect(await landingOf(t, long)).toBe(normal(SITE));
      expect(await landingOf(t, `${long}z`)).toBe(`${long}z`);
      const health = await fetch(`${t.url}/health`);
      expect(health.status).toBe(200);
    } finally {
      t.emulator.config.uriAllowList = ALLOW_LIST;
    }
  }, 10_000);
});

// a handful of the corpus, for the paths that take more hops
const OAUTH_ATTACKS = [
  'http://evil.com\\@127.0.0.1:3000/',
  'http://localhost:5173@evil.com/',
  'http://localhost:4000\t@evil.com/',
  'https://evil?.example.com/',
  'https:evil.com/',
  'http://evil%2ecom/',
];

describe('OAuth redirects: the sign-in callback, the fake provider and the OAuth server', () => {
  const t = useEmulator({ config: { siteUrl: SITE, uriAllowList: ALLOW_LIST, externalGithubEnabled: true, oauthServerEnabled: true } });

  const hop = async (url: string) => {
    const res = await fetch(url, { redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location') ?? '' };
  };

  it.each(OAUTH_ATTACKS)('lands an OAuth sign-in with redirect_to %j on the site, session and all', async (attack) => {
    const toProvider = await hop(`${t.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(attack)}`);
    expect(toProvider.status).toBe(302);
    const provider = new URL(toProvider.location);
    provider.searchParams.set('login_hint', uniqueEmail('octo'));
    const toCallback = await hop(provider.href);
    const landing = new URL((await hop(toCallback.location)).location);
    expect(landing.host).toBe('127.0.0.1:3000');
    expect(fragment(landing).access_token).toBeTruthy();
  });

  it.each([...OAUTH_ATTACKS, 'http://127.0.0.1@evil.com/cb', 'http://evil.com\\@127.0.0.1/cb'])(
    'the fake provider refuses redirect_uri %j with an error page instead of a redirect',
    async (attack) => {
      const res = await fetch(
        `${t.url}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=${encodeURIComponent(attack)}`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('is not registered');
    },
  );

  it.each(['http://evil.com\\@localhost:4000/cb', 'http://localhost:4000@evil.com/cb', 'http://127.0.0.1.evil.com/cb', 'http://[::1].evil.com/cb', 'https://evil.com\\@partner.example/cb'])(
    'the OAuth server refuses to register the plain-http redirect_uri %j (its browser host is not loopback)',
    async (attack) => {
      const { error } = await t.client(t.emulator.keys.serviceRole).auth.admin.oauth.createClient({ client_name: 'Partner', redirect_uris: [attack] });
      expect(error).toMatchObject({ status: 400 });
      expect(error!.message).toContain('invalid redirect_uri');
    },
  );
});
