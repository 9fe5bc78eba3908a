import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';

const CALLBACK = 'http://127.0.0.1:8765/callback';
const authorize = (base: string, hint?: string) =>
  `${base}/_/idp/github/authorize?response_type=code&client_id=authlab-github&redirect_uri=${encodeURIComponent(CALLBACK)}&state=s1` +
  (hint ? `&login_hint=${encodeURIComponent(hint)}` : '');

describe('login_hint on the fake OAuth provider', () => {
  const emulators: Emulator[] = [];
  const emulator = async (options: EmulatorOptions) => {
    const e = await createEmulator({ ...options, config: { bcryptCost: 4, ...options.config } });
    emulators.push(e);
    return e;
  };
  afterAll(() => Promise.all(emulators.map((e) => e.close())));
  const get = (e: Emulator, url: string) => e.fetch(new Request(url, { redirect: 'manual' }));

  it('signs in with no page when authlab listens on loopback', async () => {
    const e = await emulator({ host: '127.0.0.1' });
    const res = await get(e, authorize('http://127.0.0.1:54321', 'ada@example.com'));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBeTruthy();
  });

  it('is refused with a page saying how to allow it when authlab listens on every interface (--host 0.0.0.0)', async () => {
    const e = await emulator({ host: '0.0.0.0' });
    // even a request that says it came to localhost: the Host header is the caller's to choose
    const res = await get(e, authorize('http://localhost:54321', 'ada@example.com'));
    expect(res.status).toBe(403);
    const page = await res.text();
    expect(page).toContain('AUTHLAB_IDP_LOGIN_HINT=true');
    expect(res.headers.get('location')).toBeNull();
    // the consent page itself still works: a person picks the account
    expect((await get(e, authorize('http://192.168.1.20:54321'))).status).toBe(200);
  });

  it('is allowed on any address with AUTHLAB_IDP_LOGIN_HINT=true, and refused on loopback with false', async () => {
    const open = await emulator({ host: '0.0.0.0', env: { AUTHLAB_IDP_LOGIN_HINT: 'true' } });
    expect((await get(open, authorize('http://192.168.1.20:54321', 'ada@example.com'))).status).toBe(302);
    const closed = await emulator({ host: '127.0.0.1', config: { idpLoginHint: false } });
    expect((await get(closed, authorize('http://127.0.0.1:54321', 'ada@example.com'))).status).toBe(403);
  });

  it('follows the host the request was sent to when the listening address is unknown', async () => {
    const e = await emulator({});
    expect((await get(e, authorize('http://localhost:54321', 'ada@example.com'))).status).toBe(302);
    expect((await get(e, authorize('http://[::1]:54321', 'ada@example.com'))).status).toBe(302);
    expect((await get(e, authorize('http://authlab.internal:54321', 'ada@example.com'))).status).toBe(403);
  });
});
