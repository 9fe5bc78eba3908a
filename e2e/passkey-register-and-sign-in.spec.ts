import type { Server } from 'node:http';
import { expect, test } from '../emulator/src/adapters/playwright.js';
import { addVirtualAuthenticator, appOrigin, relyingPartyFor, serveApp } from './support/webauthn-app.js';

/**
 * Passkeys in a real browser: a signed-in user registers a passkey with supabase-js's
 * registerPasskey (Chromium's virtual authenticator makes it), signs out, and signs back in with
 * signInWithPasskey, typing nothing: the authenticator picks the discoverable credential.
 */

const APP = appOrigin(1);
let app: Server;

test.use({ authlabConfig: { bcryptCost: 4, passkeyEnabled: true, ...relyingPartyFor(APP) } });

test.beforeAll(async () => {
  app = await serveApp(APP);
});
test.afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));
test.beforeEach(({ authlab }) => {
  process.env.AUTHLAB_E2E_APP = JSON.stringify({ url: authlab.url, key: authlab.anonKey });
});

test('registers a passkey, signs out and signs back in with it', async ({ page, authlab }) => {
  const authenticator = await addVirtualAuthenticator(page, 'internal');
  const user = await authlab.createUser({ email: 'pia@example.com', password: 'secret-123' });
  await authlab.signIn(page, { email: 'pia@example.com', password: 'secret-123' });
  await page.goto(APP);
  await expect(page.locator('#status')).toHaveText('ready');

  const registered = await page.evaluate(async () => {
    const { data, error } = await (window as any).client.auth.registerPasskey();
    return { data, error: error?.message ?? null };
  });
  expect(registered).toEqual({ data: { id: expect.any(String), friendly_name: 'Passkey', created_at: expect.any(String) }, error: null });
  const [credential] = await authenticator.credentials();
  expect(credential).toMatchObject({ rpId: 'localhost', isResidentCredential: true });

  const signedOut = await page.evaluate(async () => {
    await (window as any).client.auth.signOut();
    return (await (window as any).client.auth.getSession()).data.session;
  });
  expect(signedOut).toBeNull();

  const signedIn = await page.evaluate(async () => {
    const { data, error } = await (window as any).client.auth.signInWithPasskey();
    if (error) return { error: error.message };
    const { data: aal } = await (window as any).client.auth.mfa.getAuthenticatorAssuranceLevel();
    const { data: stored } = await (window as any).client.auth.getSession();
    return { email: data.session.user.email, stored: stored.session?.access_token === data.session.access_token, aal };
  });
  expect(signedIn).toMatchObject({
    email: 'pia@example.com',
    stored: true,
    aal: { currentLevel: 'aal1', currentAuthenticationMethods: [expect.objectContaining({ method: 'passkey' })] },
  });
  // the server saw the sign-in: the passkey's last use is recorded
  const admin = { apikey: authlab.serviceRoleKey, authorization: `Bearer ${authlab.serviceRoleKey}` };
  const passkeys = await (await fetch(`${authlab.url}/auth/v1/admin/users/${user.id}/passkeys`, { headers: admin })).json();
  expect(passkeys).toEqual([expect.objectContaining({ friendly_name: 'Passkey', last_used_at: expect.any(String) })]);
});
