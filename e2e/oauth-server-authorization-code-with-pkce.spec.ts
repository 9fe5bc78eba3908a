import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createClient } from '@supabase/supabase-js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import WebSocket from 'ws';
import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * "Sign in with <your Supabase app>": the project is the identity provider. Two tiny apps on
 * loopback ports of their own play the two sides:
 * - the Supabase app (the site URL): its consent page, signed in with supabase-js, reads the
 *   request with auth.oauth.getAuthorizationDetails and approves or denies it;
 * - a third-party web app (a confidential client, registered by an admin): it starts
 *   /oauth/authorize with PKCE, exchanges the code on its server, refreshes, and verifies the
 *   id_token against the project's JWKS with jose.
 */

// fixed (the client's redirect URI and the site URL name them), moved by AUTHLAB_E2E_PORT_OFFSET like the rest
const offset = Number(process.env.AUTHLAB_E2E_PORT_OFFSET ?? 0) || 0;
const SUPABASE_APP_PORT = 55101 + offset;
const CLIENT_APP_PORT = 55102 + offset;
const SUPABASE_APP = `http://127.0.0.1:${SUPABASE_APP_PORT}`;
const CLIENT_APP = `http://127.0.0.1:${CLIENT_APP_PORT}`;
const REDIRECT_URI = `${CLIENT_APP}/callback`;

const require = createRequire(import.meta.url);
const SUPABASE_UMD = readFileSync(require.resolve('@supabase/supabase-js').replace(/dist\/.*$/, 'dist/umd/supabase.js'), 'utf8');

/** What the running test tells both apps: where the project is and the client's credentials. */
let project = { url: '', anonKey: '', clientId: '', clientSecret: '' };

const consentScript = () => `
const client = supabase.createClient(${JSON.stringify(project.url)}, ${JSON.stringify(project.anonKey)});
const id = new URLSearchParams(location.search).get('authorization_id');
const status = document.getElementById('status');
client.auth.oauth.getAuthorizationDetails(id).then(({ data, error }) => {
  if (error) { status.textContent = 'error: ' + error.message; return; }
  if (data.redirect_url) { location.assign(data.redirect_url); return; }
  document.getElementById('ask').textContent =
    data.client.name + ' wants to access your account (' + data.user.email + '): ' + data.scope;
  document.getElementById('decision').hidden = false;
  status.textContent = '';
});
document.getElementById('approve').addEventListener('click', () => client.auth.oauth.approveAuthorization(id));
document.getElementById('deny').addEventListener('click', () => client.auth.oauth.denyAuthorization(id));`;

const CONSENT_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Supabase app: consent</title>
<script src="/supabase.js"></script></head><body><h1>Authorize access</h1><p id="ask"></p>
<div id="decision" hidden><button id="approve">Approve</button><button id="deny">Deny</button></div>
<p id="status">loading</p><script src="/consent.js"></script></body></html>`;

function supabaseApp(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', SUPABASE_APP).pathname;
  if (path === '/supabase.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(SUPABASE_UMD);
  if (path === '/consent.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(consentScript());
  if (path === '/oauth/consent') return res.writeHead(200, { 'content-type': 'text/html' }).end(CONSENT_PAGE);
  res.writeHead(404).end();
}

/** The third-party app's pending sign-ins, by state: PKCE verifier and OIDC nonce stay on its server. */
const pending = new Map<string, { verifier: string; nonce: string }>();
const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Partner app</title></head><body>${body}</body></html>`;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

async function token(form: Record<string, string>) {
  const res = await fetch(`${project.url}/auth/v1/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${project.clientId}:${project.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams(form),
  });
  const body = (await res.json()) as Record<string, string>;
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function clientCallback(url: URL): Promise<string> {
  const error = url.searchParams.get('error');
  if (error) return page(`<p id="result">Not signed in: ${escape(error)}: ${escape(url.searchParams.get('error_description') ?? '')}</p>`);
  const started = pending.get(url.searchParams.get('state') ?? '');
  if (!started) return page('<p id="result">Unknown state</p>');
  const tokens = await token({
    grant_type: 'authorization_code', code: url.searchParams.get('code') ?? '', code_verifier: started.verifier, redirect_uri: REDIRECT_URI,
  });
  const issuer = `${project.url}/auth/v1`;
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer, audience: project.clientId });
  if (payload.nonce !== started.nonce) throw new Error('nonce mismatch');
  const refreshed = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
  const rotated = refreshed.refresh_token !== tokens.refresh_token && refreshed.access_token !== tokens.access_token;
  return page(`<p id="result">Signed in as ${escape(String(payload.email))}, id_token verified, ${rotated ? 'refreshed' : 'not refreshed'}</p>`);
}

async function clientApp(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', CLIENT_APP);
  if (url.pathname === '/login') {
    const state = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    pending.set(state, { verifier, nonce });
    const authorize = new URL(`${project.url}/auth/v1/oauth/authorize`);
    const params = {
      client_id: project.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid email profile', state, nonce,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    return res.writeHead(302, { location: authorize.href }).end();
  }
  if (url.pathname === '/callback') {
    try {
      return res.writeHead(200, { 'content-type': 'text/html' }).end(await clientCallback(url));
    } catch (e) {
      return res.writeHead(500, { 'content-type': 'text/html' }).end(page(`<p id="result">Failed: ${escape(String(e))}</p>`));
    }
  }
  res.writeHead(200, { 'content-type': 'text/html' }).end(page('<h1>Partner app</h1><a href="/login">Sign in with Supabase app</a>'));
}

const servers: Server[] = [];
const listen = (handler: (req: IncomingMessage, res: ServerResponse) => void, port: number) =>
  new Promise<void>((resolve) => servers.push(createServer(handler).listen(port, '127.0.0.1', resolve)));

// one worker for both tests: the two apps listen on fixed ports (the site URL must be known up front)
test.describe.configure({ mode: 'default' });
test.use({ authlabConfig: { bcryptCost: 4, oauthServerEnabled: true, siteUrl: SUPABASE_APP, signingKeys: 'generate' } });

test.beforeAll(async () => {
  await listen(supabaseApp, SUPABASE_APP_PORT);
  await listen((req, res) => void clientApp(req, res), CLIENT_APP_PORT);
});
test.afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

test.beforeEach(async ({ authlab, page: browserPage }) => {
  // an admin registers the partner app as a confidential client, through supabase-js
  const admin = createClient(authlab.url, authlab.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: WebSocket as never },
  });
  const { data, error } = await admin.auth.admin.oauth.createClient({ client_name: 'Partner App', redirect_uris: [REDIRECT_URI] });
  expect(error).toBeNull();
  project = { url: authlab.url, anonKey: authlab.anonKey, clientId: data!.client_id, clientSecret: data!.client_secret! };
  // the person is already signed in to the Supabase app
  await authlab.createUser({ email: 'ada@example.com', password: 'correct horse battery staple' });
  await authlab.signIn(browserPage, { email: 'ada@example.com', password: 'correct horse battery staple' });
});

test('a person approves on the consent page; the partner app gets verified tokens and refreshes them', async ({ page }) => {
  await page.goto(CLIENT_APP);
  await page.getByRole('link', { name: 'Sign in with Supabase app' }).click();
  await expect(page).toHaveURL(new RegExp(`^${SUPABASE_APP}/oauth/consent\\?authorization_id=[a-z2-7]{32}$`));
  await expect(page.locator('#ask')).toHaveText('Partner App wants to access your account (ada@example.com): openid email profile');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('#result')).toHaveText('Signed in as ada@example.com, id_token verified, refreshed');
  expect(page.url().startsWith(`${REDIRECT_URI}?code=`)).toBe(true);
});

test('a person denies on the consent page; the partner app hears access_denied', async ({ page }) => {
  await page.goto(`${CLIENT_APP}/login`);
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page.locator('#result')).toHaveText('Not signed in: access_denied: User denied the request');
});
