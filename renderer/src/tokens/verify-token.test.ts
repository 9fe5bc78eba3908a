import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { unsignJwt } from '../wire/keepable.js';
import { diffClaims } from './claims-diff.js';
import { relativeTime } from './relative-time.js';
import { verifyToken } from './verify-token.js';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const NOW = new Date('2026-12-06T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

const hs256 = (claims: Record<string, unknown> = {}, secret = SECRET) =>
  new SignJWT({ role: 'authenticated', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(nowSeconds - 60)
    .setExpirationTime(nowSeconds + 3600)
    .sign(new TextEncoder().encode(secret));

const { privateKey, publicKey } = await generateKeyPair('ES256');
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }] };
const es256 = await new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'ES256', kid: 'key-1' }).setExpirationTime(nowSeconds + 3600).sign(privateKey);

describe('the token workbench verdict', () => {
  it('is valid for a token signed with the secret', async () => {
    expect((await verifyToken(await hs256(), { kind: 'secret', secret: SECRET }, ['HS256'], NOW)).kind).toBe('valid');
  });

  it('is a bad signature for another secret, or for a token kept without its signature', async () => {
    expect((await verifyToken(await hs256({}, `${SECRET}-other`), { kind: 'secret', secret: SECRET }, ['HS256'], NOW)).kind).toBe('bad-signature');
    expect((await verifyToken(unsignJwt(await hs256()), { kind: 'secret', secret: SECRET }, ['HS256'], NOW)).kind).toBe('bad-signature');
  });

  it('is expired only once the signature checks out', async () => {
    const later = new Date(NOW.getTime() + 2 * 3600 * 1000);
    expect((await verifyToken(await hs256(), { kind: 'secret', secret: SECRET }, ['HS256'], later)).kind).toBe('expired');
    expect((await verifyToken(await hs256({}, `${SECRET}-other`), { kind: 'secret', secret: SECRET }, ['HS256'], later)).kind).toBe('bad-signature');
  });

  it('is not yet valid before nbf', async () => {
    expect((await verifyToken(await hs256({ nbf: nowSeconds + 600 }), { kind: 'secret', secret: SECRET }, ['HS256'], NOW)).kind).toBe('not-yet-valid');
  });

  it('refuses an algorithm that is not pinned, whatever the token says', async () => {
    const verdict = await verifyToken(es256, { kind: 'secret', secret: SECRET }, ['HS256'], NOW);
    expect(verdict.kind).toBe('wrong-alg');
    expect(verdict.message).toContain('ES256');
  });

  it('checks an asymmetric token against the JWKS, and says a shared secret is never in one', async () => {
    expect((await verifyToken(es256, { kind: 'jwks', jwks }, ['ES256', 'RS256'], NOW)).kind).toBe('valid');
    expect((await verifyToken(await hs256(), { kind: 'jwks', jwks }, ['ES256'], NOW)).kind).toBe('no-key');
  });

  it('says when the text is no JWT', async () => {
    expect((await verifyToken('hello', { kind: 'secret', secret: SECRET }, ['HS256'], NOW)).kind).toBe('malformed');
  });
});

describe('comparing two tokens', () => {
  it('lists claims added, removed, changed and kept, as in a step up from aal1 to aal2', () => {
    const diff = diffClaims({ aal: 'aal1', amr: [{ method: 'password' }], sid: 's' }, { aal: 'aal2', amr: [{ method: 'totp' }, { method: 'password' }], sid: 's', extra: 1 });
    expect(diff.map((d) => [d.claim, d.change])).toEqual([
      ['aal', 'changed'],
      ['amr', 'changed'],
      ['sid', 'same'],
      ['extra', 'added'],
    ]);
    expect(diffClaims({ gone: true }, {})).toEqual([{ claim: 'gone', change: 'removed', before: true }]);
  });
});

describe('times beside epoch claims', () => {
  it('says how far away a time is, in the largest unit that fits', () => {
    expect(relativeTime(nowSeconds + 3600, nowSeconds)).toBe('in 1 hour');
    expect(relativeTime(nowSeconds - 59 * 60, nowSeconds)).toBe('59 minutes ago');
    expect(relativeTime(nowSeconds, nowSeconds)).toBe('now');
    expect(relativeTime(nowSeconds - 3 * 86400, nowSeconds)).toBe('3 days ago');
  });
});
