import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEmulator } from '../src/index.js';
import { freePort, killStrayClis, runCli } from './support/cli.js';
import { uniqueEmail, useEmulator, type TestServer } from './support/emulator.js';

const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
const SECRET = new TextEncoder().encode('super-secret-jwt-token-with-at-least-32-characters-long');
const REPO = fileURLToPath(new URL('../..', import.meta.url));

const part = (token: string, i: 0 | 1) => Buffer.from(token.split('.')[i]!, 'base64url').toString();
const header = (token: string) => part(token, 0);
const claims = (token: string) => JSON.parse(part(token, 1)) as Record<string, unknown>;

/** A private JWK as `supabase gen signing-key` writes it. */
async function privateJwk(alg: 'ES256' | 'RS256', kid: string, keyOps = ['sign', 'verify']) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { jwk: { ...jwk, kid, use: 'sig', key_ops: keyOps, alg, ext: true } as JWK, privateKey, publicKey };
}

/** A signed-in user's access token, through supabase-js. */
async function accessToken(t: TestServer) {
  const { data, error } = await t.client().auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
  expect(error).toBeNull();
  return data.session!.access_token;
}

const getUser = (t: TestServer, token: string) => t.auth('/user', { headers: { authorization: `Bearer ${token}` } });

async function badJwt(t: TestServer, token: string) {
  const res = await getUser(t, token);
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error_code: string; msg: string };
  expect(body.error_code).toBe('bad_jwt');
  return body.msg.replace('invalid JWT: unable to parse or verify signature, ', '');
}

/** supabase-js with a fetch that writes down every URL it asks for. */
function recordingClient(t: TestServer, key = t.emulator.keys.anon) {
  const urls: string[] = [];
  const client = createClient(t.url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, storageKey: `sb-${Math.random()}` },
    global: { fetch: (input, init) => (urls.push(new Request(input).url), fetch(input, init)) },
    realtime: { transport: WebSocket as never },
  });
  return { client, urls };
}

describe('with only the JWT secret (the default)', () => {
  const t = useEmulator();

  it('signs HS256 access tokens without a kid and keeps the demo API keys', async () => {
    const token = await accessToken(t);
    expect(header(token)).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(t.emulator.keys.anon).toBe(DEMO_ANON_KEY);
    expect(t.emulator.signingKey).toEqual({ alg: 'HS256' });
  });

  it('publishes an empty JWKS, with or without an apikey, cacheable for ten minutes', async () => {
    for (const url of [`${t.url}/auth/v1/.well-known/jwks.json`, `${t.url}/.well-known/jwks.json`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=600');
      expect(await res.text()).toBe('{"keys":[]}');
    }
  });

  it('serves the OpenID configuration with the issuer and jwks_uri', async () => {
    const res = await fetch(`${t.url}/auth/v1/.well-known/openid-configuration`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');
    const body = (await res.json()) as Record<string, unknown>;
    const issuer = `${t.url}/auth/v1`;
    expect(Object.keys(body).slice(0, 5)).toEqual(['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint']);
    expect(body).toMatchObject({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/oauth/token`,
      // the JWKS is empty with the HS256 secret alone: no algorithm a client could verify an id_token with
      id_token_signing_alg_values_supported: [],
      code_challenge_methods_supported: ['S256', 'plain'],
    });
  });

  it('still refuses tokens of other algorithms: GoTrue accepts only HS256 then', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ sub: crypto.randomUUID(), role: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await badJwt(t, token)).toBe('token signature is invalid: signing method ES256 is invalid');
  });
});

// keys made once per run, handed to the emulator by GoTrue's own environment variable names
const es = await privateJwk('ES256', 'es-key');
const rs = await privateJwk('RS256', 'rs-key', ['verify']);
const keys = { es: es.jwk, rs: rs.jwk };

describe('with GOTRUE_JWT_KEYS (an ES256 signing key and an RS256 verification key)', () => {
  const t = useEmulator({
    env: { GOTRUE_JWT_KEYS: JSON.stringify([es.jwk, rs.jwk]), GOTRUE_JWT_VALID_METHODS: 'HS256,RS256,ES256' },
  });

  it('signs access tokens with the signing key, its kid in the header', async () => {
    const token = await accessToken(t);
    expect(header(token)).toBe('{"alg":"ES256","kid":"es-key","typ":"JWT"}');
    expect(t.emulator.signingKey).toEqual({ alg: 'ES256', kid: 'es-key' });
    // the API keys stay the demo HS256 keys: GoTrue does not make them
    expect(t.emulator.keys.anon).toBe(DEMO_ANON_KEY);
  });

  it('publishes both public keys in GoTrue\'s form, and nothing private', async () => {
    const res = await fetch(`${t.url}/auth/v1/.well-known/jwks.json`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');
    const text = await res.text();
    const { x, y } = keys.es!;
    const { n, e } = keys.rs!;
    expect(text).toBe(
      JSON.stringify({
        keys: [
          { alg: 'ES256', crv: 'P-256', ext: true, key_ops: ['verify'], kid: 'es-key', kty: 'EC', use: 'sig', x, y },
          { alg: 'RS256', e, ext: true, key_ops: ['verify'], kid: 'rs-key', kty: 'RSA', n, use: 'sig' },
        ],
      }),
    );
  });

  it('accepts tokens signed by any configured key, found by kid, and HS256 tokens by the secret', async () => {
    const token = await accessToken(t);
    const byRsa = await new SignJWT(claims(token)).setProtectedHeader({ alg: 'RS256', kid: 'rs-key', typ: 'JWT' }).sign(rs.privateKey);
    expect((await getUser(t, byRsa)).status).toBe(200);
    const bySecret = await new SignJWT(claims(token)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(SECRET);
    expect((await getUser(t, bySecret)).status).toBe(200);
  });

  it('lets admin tokens signed with the ES256 key in, for service_role and supabase_admin', async () => {
    for (const role of ['service_role', 'supabase_admin']) {
      const key = await new SignJWT({ iss: 'supabase-demo', role, exp: 1983812996 })
        .setProtectedHeader({ alg: 'ES256', kid: 'es-key', typ: 'JWT' })
        .sign(es.privateKey);
      const admin = createClient(t.url, key, { auth: { persistSession: false }, realtime: { transport: WebSocket as never } });
      const { error } = await admin.auth.admin.listUsers();
      expect(error).toBeNull();
    }
  });

  it('verifies with getClaims() through the JWKS, without asking /user', async () => {
    const { client, urls } = recordingClient(t);
    const { error } = await client.auth.signUp({ email: uniqueEmail(), password: 'secret-123' });
    expect(error).toBeNull();
    urls.length = 0;
    const { data, error: claimsError } = await client.auth.getClaims();
    expect(claimsError).toBeNull();
    expect(data!.header).toMatchObject({ alg: 'ES256', kid: 'es-key' });
    expect(data!.claims.role).toBe('authenticated');
    expect(urls).toEqual([`${t.url}/auth/v1/.well-known/jwks.json`]);
  });

  it('verifies a token in another process through jose\'s createRemoteJWKSet', async () => {
    const token = await accessToken(t);
    const script = `
      import { createRemoteJWKSet, jwtVerify } from 'jose';
      const jwks = createRemoteJWKSet(new URL(process.env.JWKS_URL));
      const { payload, protectedHeader } = await jwtVerify(process.env.TOKEN, jwks, { issuer: process.env.ISSUER, audience: 'authenticated' });
      console.log(JSON.stringify({ sub: payload.sub, kid: protectedHeader.kid }));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO,
      env: { ...process.env, TOKEN: token, JWKS_URL: `${t.url}/auth/v1/.well-known/jwks.json`, ISSUER: `${t.url}/auth/v1` },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(out).toBe(`${JSON.stringify({ sub: claims(token).sub, kid: 'es-key' })}\n`);
    expect(code).toBe(0);
  });

  it('refuses alg none, HS/RS confusion, unknown kids and disallowed algorithms with bad_jwt', async () => {
    const payload = claims(await accessToken(t));
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
    expect(await badJwt(t, unsigned)).toBe('token signature is invalid: signing method none is invalid');

    // the classic confusion: HS256 "signed" with the RSA public key as the shared secret
    const pem = new TextEncoder().encode(await exportSPKI(rs.publicKey));
    const confusedWithKid = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'rs-key', typ: 'JWT' }).sign(pem);
    expect(await badJwt(t, confusedWithKid)).toBe('token signature is invalid: key is of invalid type: HMAC verify expects []byte');
    const confused = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(pem);
    expect(await badJwt(t, confused)).toBe('token signature is invalid: signature is invalid');

    const stranger = await generateKeyPair('ES256');
    const unknownKid = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'nope', typ: 'JWT' }).sign(stranger.privateKey);
    expect(await badJwt(t, unknownKid)).toBe('token is unverifiable: error while executing keyfunc: unrecognized JWT kid nope for algorithm ES256');
    const noKid = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(stranger.privateKey);
    expect(await badJwt(t, noKid)).toBe('token is unverifiable: error while executing keyfunc: unrecognized JWT kid <nil> for algorithm ES256');
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'es-key', typ: 'JWT' }).sign(stranger.privateKey);
    expect(await badJwt(t, forged)).toBe('token signature is invalid: crypto/ecdsa: verification error');

    const rs512 = await generateKeyPair('RS512');
    const disallowed = await new SignJWT(payload).setProtectedHeader({ alg: 'RS512', kid: 'rs-key', typ: 'JWT' }).sign(rs512.privateKey);
    expect(await badJwt(t, disallowed)).toBe('token signature is invalid: signing method RS512 is invalid');
    const unknownAlg = `${enc({ alg: 'XS256', typ: 'JWT' })}.${enc(payload)}.c2ln`;
    expect(await badJwt(t, unknownAlg)).toBe('token is unverifiable: signing method (alg) is unavailable');
    expect(await badJwt(t, 'not-a-jwt')).toBe('token is malformed: token contains an invalid number of segments');
  });
});

describe('configuration', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('takes GOTRUE_JWT_KEYS alone as GoTrue does: only the keys\' algorithms are valid, so HS256 admin keys fail', async () => {
    const es = await privateJwk('ES256', 'only');
    const emulator = await createEmulator({ env: { GOTRUE_JWT_KEYS: JSON.stringify([es.jwk]) } });
    try {
      const admin = await emulator.fetch(
        new Request('http://127.0.0.1:54321/auth/v1/admin/users', {
          headers: { apikey: emulator.keys.serviceRole, authorization: `Bearer ${emulator.keys.serviceRole}` },
        }),
      );
      expect(admin.status).toBe(403);
      expect(((await admin.json()) as { msg: string }).msg).toBe(
        'invalid JWT: unable to parse or verify signature, token signature is invalid: signing method HS256 is invalid',
      );
    } finally {
      await emulator.close();
    }
  });

  it('refuses key sets GoTrue refuses, with its words', async () => {
    const a = es;
    const b = await privateJwk('ES256', 'b');
    await expect(createEmulator({ config: { jwtKeys: [a.jwk, b.jwk] } })).rejects.toThrow(
      'multiple signing keys detected, only 1 signing key is supported',
    );
    await expect(createEmulator({ config: { jwtKeys: [{ ...a.jwk, key_ops: ['verify'] }] } })).rejects.toThrow('no signing key detected');
    await expect(createEmulator({ env: { GOTRUE_JWT_KEYS: 'not json' } })).rejects.toThrow('must be a JSON array of JWK objects');
  });

  it('reproduces a plain `supabase start` with signingKeys "supabase-cli": the CLI\'s ES256 key, demo API keys', async () => {
    const emulator = await createEmulator({ config: { signingKeys: 'supabase-cli' } });
    try {
      expect(emulator.signingKey).toEqual({ alg: 'ES256', kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90' });
      expect(emulator.keys.anon).toBe(DEMO_ANON_KEY);
      const res = await emulator.fetch(new Request('http://127.0.0.1:54321/auth/v1/.well-known/jwks.json'));
      expect(await res.text()).toBe(
        '{"keys":[{"alg":"ES256","crv":"P-256","ext":true,"key_ops":["verify"],"kid":"b81269f1-21d8-4f2e-b719-c2240a840d90",' +
          '"kty":"EC","use":"sig","x":"M5Sjqn5zwC9Kl1zVfUUGvv9boQjCGd45G8sdopBExB4","y":"P6IXMvA2WYXSHSOMTBH2jsw_9rrzGy89FjPf6oOsIxQ"}]}',
      );
    } finally {
      await emulator.close();
    }
  });

  it('signs the API keys with the first key of a signing_keys.json, as the CLI does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authlab-keys-'));
    dirs.push(dir);
    const file = join(dir, 'signing_keys.json');
    const rs = await privateJwk('RS256', 'file-key');
    writeFileSync(file, JSON.stringify([rs.jwk]));
    const emulator = await createEmulator({ config: { signingKeys: file, bcryptCost: 4 } });
    try {
      const anon = emulator.keys.anon;
      expect(header(anon)).toBe('{"alg":"RS256","kid":"file-key","typ":"JWT"}');
      const { iss, role, exp } = claims(anon) as { iss: string; role: string; exp: number };
      expect(Object.keys(claims(anon))).toEqual(['iss', 'role', 'exp']);
      expect({ iss, role }).toEqual({ iss: 'supabase-demo', role: 'anon' });
      expect(exp - Date.now() / 1000).toBeGreaterThan(9 * 365 * 24 * 60 * 60);
      const admin = await emulator.fetch(
        new Request('http://127.0.0.1:54321/auth/v1/admin/users', {
          headers: { apikey: emulator.keys.serviceRole, authorization: `Bearer ${emulator.keys.serviceRole}` },
        }),
      );
      expect(admin.status).toBe(200);
      // the demo HS256 keys stay valid: the CLI adds HS256 to the valid methods
      const demo = await emulator.fetch(new Request('http://127.0.0.1:54321/auth/v1/settings', { headers: { apikey: DEMO_ANON_KEY } }));
      expect(demo.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});

afterEach(killStrayClis);

describe('the authlab command with --generate-keys', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prints the new key\'s kid, serves it in the JWKS, and keeps it in --data-dir across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'authlab-gen-'));
    dirs.push(dataDir);
    const port = await freePort();
    const start = async () => {
      const run = runCli(['--port', String(port), '--inbox-port', '0', '--data-dir', dataDir, '--generate-keys'], { AUTHLAB_BCRYPT_COST: '4' });
      await run.ready;
      const kid = /Signing key: ES256 \(kid ([0-9a-f-]{36})\)/.exec(run.output())?.[1];
      expect(kid).toBeDefined();
      const jwks = (await (await fetch(`http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`)).json()) as { keys: { kid: string; alg: string }[] };
      expect(jwks.keys).toEqual([expect.objectContaining({ kid, alg: 'ES256', kty: 'EC', use: 'sig', key_ops: ['verify'] })]);
      expect(JSON.stringify(jwks)).not.toContain('"d"');
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      return kid;
    };
    const kid = await start();
    expect(JSON.parse(readFileSync(join(dataDir, 'signing_keys.json'), 'utf8'))[0].kid).toBe(kid);
    expect(await start()).toBe(kid);
  });
});
