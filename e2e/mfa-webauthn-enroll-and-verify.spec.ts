import type { Server } from 'node:http';
import { expect, test } from '../emulator/src/adapters/playwright.js';
import { addVirtualAuthenticator, appOrigin, relyingPartyFor, serveApp } from './support/webauthn-app.js';

/**
 * A WebAuthn second factor in a real browser: supabase-js's mfa.webauthn.register enrolls a factor,
 * Chromium's virtual authenticator (a USB security key here: supabase-js asks for a cross-platform
 * one) creates the credential, and verifying it lifts the session to aal2; after a new password
 * sign-in, mfa.webauthn.authenticate uses the key again to get back to aal2.
 */

const APP = appOrigin(2);
let app: Server;

test.use({ authlabConfig: { bcryptCost: 4, mfaWebAuthnEnrollEnabled: true, mfaWebAuthnVerifyEnabled: true, ...relyingPartyFor(APP) } });

test.beforeAll(async () => {
  app = await serveApp(APP);
});
test.afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())));
test.beforeEach(({ authlab }) => {
  process.env.AUTHLAB_E2E_APP = JSON.stringify({ url: authlab.url, key: authlab.anonKey });
});

/** The session's assurance level and its methods, newest first, as the page's supabase-js reads them. */
const assurance = () =>
  (async () => {
    const { data } = await (window as any).client.auth.mfa.getAuthenticatorAssuranceLevel();
    return { level: data.currentLevel, methods: data.currentAuthenticationMethods.map((m: { method: string }) => m.method) };
  })();

test('enrolls a security key as a WebAuthn factor and verifies it, reaching aal2', async ({ page, authlab }) => {
  const authenticator = await addVirtualAuthenticator(page, 'usb');
  await authlab.createUser({ email: 'wes@example.com', password: 'secret-123' });
  await authlab.signIn(page, { email: 'wes@example.com', password: 'secret-123' });
  await page.goto(APP);
  await expect(page.locator('#status')).toHaveText('ready');
  expect(await page.evaluate(assurance)).toEqual({ level: 'aal1', methods: ['password'] });

  const enrolled = await page.evaluate(async () => {
    const { data, error } = await (window as any).client.auth.mfa.webauthn.register({ friendlyName: 'Security key' });
    return error ? { error: error.message } : { session: typeof data.access_token === 'string' };
  });
  expect(enrolled).toEqual({ session: true });
  expect(await page.evaluate(assurance)).toEqual({ level: 'aal2', methods: ['mfa/webauthn', 'password'] });
  expect(await authenticator.credentials()).toHaveLength(1);

  // a new sign-in starts at aal1 again; the key brings it back to aal2
  const again = await page.evaluate(async () => {
    const client = (window as any).client;
    await client.auth.signOut();
    await client.auth.signInWithPassword({ email: 'wes@example.com', password: 'secret-123' });
    const { data: factors } = await client.auth.mfa.listFactors();
    const { error } = await client.auth.mfa.webauthn.authenticate({ factorId: factors.webauthn[0].id });
    return { error: error?.message ?? null, factor: factors.webauthn[0].friendly_name };
  });
  expect(again).toEqual({ error: null, factor: 'Security key' });
  expect(await page.evaluate(assurance)).toEqual({ level: 'aal2', methods: ['mfa/webauthn', 'password'] });
});
