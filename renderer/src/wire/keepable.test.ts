import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeJwt } from '../jwt/decode-jwt.js';
import { keepableEntry, keepableJson } from './keepable.js';

const key = new TextEncoder().encode('super-secret-jwt-token-with-at-least-32-characters-long');
const token = await new SignJWT({ role: 'authenticated', aal: 'aal1' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u1').sign(key);
const signature = token.split('.')[2] ?? '';

describe('a step result kept across reloads', () => {
  it('keeps a session token readable but drops its signature and masks the refresh token', () => {
    const kept = keepableJson({ session: { access_token: token, refresh_token: 'abcdefghijkl', user: { email: 'a@example.com' } } }) as {
      session: { access_token: string; refresh_token: string; user: { email: string } };
    };
    expect(kept.session.access_token.endsWith('.')).toBe(true);
    expect(kept.session.access_token).not.toContain(signature);
    expect(decodeJwt(kept.session.access_token)?.claims.aal).toBe('aal1');
    expect(kept.session.refresh_token).toBe('abcd…');
    expect(kept.session.user.email).toBe('a@example.com');
  });

  it('masks TOTP secrets and unsigns a token inside any string, such as a landing URL', () => {
    const kept = keepableJson({ totp: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }, url: `http://x/#access_token=${token}&refresh_token=abcdefghijkl` });
    const text = JSON.stringify(kept);
    expect(text).not.toContain('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(text).not.toContain(signature);
    expect(text).not.toContain('abcdefghijkl');
  });

  it('masks credentials in exchanges: headers, form bodies and JSON bodies', () => {
    const kept = keepableEntry({
      seq: 1,
      deviceId: 'A',
      method: 'POST',
      url: 'http://127.0.0.1:54321/auth/v1/token?grant_type=pkce',
      status: 200,
      durationMs: 1,
      requestHeaders: { apikey: token, Authorization: `Bearer ${token}` },
      requestBody: 'grant_type=authorization_code&code_verifier=verifier-verifier-verifier',
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: JSON.stringify({ access_token: token, refresh_token: 'abcdefghijkl' }),
    });
    const text = JSON.stringify(kept);
    expect(text).not.toContain(signature);
    expect(text).not.toContain('verifier-verifier-verifier');
    expect(text).not.toContain('abcdefghijkl');
    expect(kept.requestHeaders.Authorization).toMatch(/^Bearer /);
    expect(kept.url).toBe('http://127.0.0.1:54321/auth/v1/token?grant_type=pkce');
  });
});
