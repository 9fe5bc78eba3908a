import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import { uniqueEmail, type TestServer } from './emulator.js';

/** Helpers for tests that play a third-party app against the emulator's OAuth 2.1 server. */

export const CLIENT_REDIRECT = 'http://localhost:4000/callback';
const PASSWORD = 'correct horse battery staple';

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** A PKCE pair: a random verifier and its S256 challenge. */
export async function pkcePair() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  return { verifier, challenge };
}

export async function registerClient(t: TestServer, body: Record<string, unknown> = {}) {
  const { data, error } = await t.client(t.emulator.keys.serviceRole).auth.admin.oauth.createClient({
    client_name: 'Partner App',
    redirect_uris: [CLIENT_REDIRECT],
    ...body,
  });
  expect(error).toBeNull();
  return data! as { client_id: string; client_secret?: string };
}

/** A confirmed user signed in with supabase-js: the person on the consent page. */
export async function signedInUser(t: TestServer, metadata: Record<string, unknown> = {}) {
  const email = uniqueEmail('oauth');
  const admin = t.client(t.emulator.keys.serviceRole);
  const { data } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: metadata });
  const client = t.client();
  const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  expect(error).toBeNull();
  return { client, email, id: data.user!.id };
}

/** GET /oauth/authorize without following the redirect. */
export async function authorize(t: TestServer, params: Record<string, string>) {
  const res = await fetch(`${t.url}/auth/v1/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location') ?? '', body: res.status === 302 ? undefined : await res.json() };
}

/** /authorize with PKCE, then the consent page's approve: the code and verifier the client app now holds. */
export async function approvedCode(t: TestServer, user: SupabaseClient, clientId: string, extra: Record<string, string> = {}) {
  const { verifier, challenge } = await pkcePair();
  const started = await authorize(t, {
    client_id: clientId, redirect_uri: CLIENT_REDIRECT, response_type: 'code', state: 'xyz',
    code_challenge: challenge, code_challenge_method: 'S256', ...extra,
  });
  expect(started.status).toBe(302);
  const authorizationId = new URL(started.location).searchParams.get('authorization_id')!;
  const details = await user.auth.oauth.getAuthorizationDetails(authorizationId);
  expect(details.error).toBeNull();
  let redirect = (details.data as { redirect_url?: string }).redirect_url;
  if (!redirect) {
    const approved = await user.auth.oauth.approveAuthorization(authorizationId);
    expect(approved.error).toBeNull();
    redirect = approved.data!.redirect_url;
  }
  const code = new URL(redirect).searchParams.get('code')!;
  return { code, verifier, authorizationId, redirect };
}

/** POST /oauth/token as a form, the way OAuth client libraries send it. */
export async function tokenRequest(t: TestServer, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/auth/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
