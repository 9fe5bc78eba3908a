import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './support/emulator.js';

describe('a correctly signed token whose claims have the wrong JSON type', () => {
  const t = useEmulator();
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ iss: 'supabase-demo', exp: Math.floor(Date.now() / 1000) + 3600, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(t.emulator.config.jwtSecret));
  const listUsers = async (token: string) => t.auth('/admin/users', { headers: { authorization: `Bearer ${token}` } });

  it('is not admin with "role": ["service_role"], as GoTrue’s decoder refuses an array for a string', async () => {
    const res = await listUsers(await sign({ role: ['service_role'] }));
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error_code).toBe('bad_jwt');
    expect(body.msg).toBe(
      'invalid JWT: unable to parse or verify signature, token is malformed: could not JSON decode claim: ' +
        'json: cannot unmarshal array into Go struct field AccessTokenClaims.role of type string',
    );
    // the same token with a string role is admin: the signature and secret are right
    expect((await listUsers(await sign({ role: 'service_role' }))).status).toBe(200);
  });

  it('refuses other claims of the wrong type, whatever the key’s case, and lets null through', async () => {
    for (const [claims, reason] of [
      [{ role: 'service_role', Role: { x: 1 } }, 'cannot unmarshal object into Go struct field AccessTokenClaims.role of type string'],
      [{ role: 'service_role', app_metadata: [] }, 'AccessTokenClaims.app_metadata of type map[string]interface {}'],
      [{ role: 'service_role', is_anonymous: 'false' }, 'cannot unmarshal string into Go struct field AccessTokenClaims.is_anonymous of type bool'],
      [{ role: 'service_role', aud: ['authenticated', 1] }, 'invalid type for claim'],
      [{ role: 'service_role', amr: 'password' }, 'cannot unmarshal string into Go value of type []json.RawMessage'],
    ] as const) {
      const res = await listUsers(await sign(claims));
      expect(res.status, JSON.stringify(claims)).toBe(403);
      expect((await res.json()).msg, JSON.stringify(claims)).toContain(reason);
    }
    expect((await listUsers(await sign({ role: 'service_role', email: null, amr: [{ method: 'password', timestamp: 1 }] }))).status).toBe(200);
  });
});
