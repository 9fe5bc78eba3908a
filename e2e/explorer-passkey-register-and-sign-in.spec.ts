import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';
import { addVirtualAuthenticator } from './support/webauthn-app.js';

/**
 * The explorer's Passkeys screen, driven like a person: sign in, register a passkey one step at a
 * time (server options, the browser's credential, the server's verification), sign out, sign back
 * in with the passkey alone, then rename and delete it. Chromium's virtual authenticator plays the
 * device; the explorer is opened at http://localhost:<port>, the origin the default emulator's
 * relying party lists (playwright.config.ts).
 */

test('registers a passkey step by step, signs out and back in with it, renames and deletes it', async ({ page }, testInfo) => {
  const authenticator = await addVirtualAuthenticator(page, 'internal');
  const email = uniqueEmail(testInfo, 'pia');
  await openFlow(page, 'passkeys', 'localhost');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passkeys');
  await expect(page.getByRole('note', { name: 'Emulator setting' })).toContainText('Passkeys are on');
  await expect(page.getByRole('alert', { name: 'WebAuthn unavailable' })).toHaveCount(0);
  await page.getByLabel('Email').fill(email);

  const signIn = step(page, 'Sign in');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  const options = step(page, 'Get registration options');
  await options.getByRole('button', { name: 'Get options' }).click();
  await expect(options.getByLabel('Relying party')).toHaveText('localhost');
  await expectStatus(options.getByRole('group', { name: 'POST /auth/v1/passkeys/registration/options' }), 200);
  const challenge = (await options.getByLabel('Registration challenge').textContent()) ?? '';
  expect(challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);

  const create = step(page, 'Create the credential');
  await create.getByRole('button', { name: 'Create with the authenticator' }).click();
  // the browser signed the server's challenge for this page's origin; nothing went on the wire
  await expect(create.getByLabel('Signed challenge')).toHaveText(challenge);
  await expect(create.getByLabel('Signed origin')).toHaveText(new URL(page.url()).origin);
  const credentialId = (await create.getByLabel('Credential id').textContent()) ?? '';
  const [stored] = await authenticator.credentials();
  expect(stored).toMatchObject({ rpId: 'localhost', isResidentCredential: true });
  expect(Buffer.from(stored!.credentialId, 'base64').toString('base64url')).toBe(credentialId);

  const verify = step(page, 'Verify the registration');
  await verify.getByRole('button', { name: 'Verify and save' }).click();
  await expectStatus(verify.getByRole('group', { name: 'POST /auth/v1/passkeys/registration/verify' }), 200);
  await expect(verify.getByRole('table', { name: 'Passkeys' })).toContainText('Passkey');
  await expect(verify.getByRole('table', { name: 'Passkeys' })).toContainText('never');

  const signOut = step(page, 'Sign out');
  await signOut.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');

  const passkeySignIn = step(page, 'Sign in with the passkey');
  await passkeySignIn.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(passkeySignIn.getByLabel('Asserting credential')).toHaveText(credentialId);
  await expect(passkeySignIn.getByLabel('amr claim')).toContainText('passkey');
  await expectStatus(passkeySignIn.getByRole('group', { name: 'POST /auth/v1/passkeys/authentication/verify' }), 200);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);
  await expect(page.getByRole('complementary', { name: 'Access token' })).toContainText('"method": "passkey"');

  const list = step(page, 'List passkeys');
  await list.getByRole('button', { name: 'List passkeys' }).click();
  // the sign-in was recorded on the passkey
  await expect(list.getByRole('table', { name: 'Passkeys' }).locator('tbody tr')).toHaveCount(1);
  await expect(list.getByRole('table', { name: 'Passkeys' })).not.toContainText('never');

  const rename = step(page, 'Rename a passkey');
  await rename.getByLabel('New name').fill('Work laptop');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expectStatus(rename.getByRole('group', { name: /^PATCH \/auth\/v1\/passkeys\/[0-9a-f-]+$/ }), 200);
  await expect(rename.getByRole('table', { name: 'Passkeys' })).toContainText('Work laptop');

  await passkeySignIn.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'explorer-passkey-signed-in');

  const remove = step(page, 'Delete a passkey');
  await expect(remove.getByLabel('Passkey')).toContainText('Work laptop');
  await remove.getByRole('button', { name: 'Delete' }).click();
  await expectStatus(remove.getByRole('group', { name: /^DELETE \/auth\/v1\/passkeys\/[0-9a-f-]+$/ }), 204);
  await expect(remove.getByText('No passkeys.')).toBeVisible();

  // the authenticator still has the key, but GoTrue no longer knows it
  await passkeySignIn.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(passkeySignIn.getByRole('status')).toContainText('✗');
});

test('with passkeys off (the local default) and the page on 127.0.0.1, the screen says what to change', async ({ page }) => {
  await openFlow(page, 'passkeys', 'mail');
  const port = new URL(page.url()).port;
  const notice = page.getByRole('note', { name: 'Emulator setting' });
  await expect(notice).toContainText('Passkeys are off on this emulator (passkeys_enabled: false)');
  await expect(notice).toContainText('[auth.passkey] enabled = true');
  await expect(notice).toContainText(`GOTRUE_PASSKEY_ENABLED=true GOTRUE_WEBAUTHN_RP_ID=localhost`);
  await expect(notice).toContainText(`GOTRUE_WEBAUTHN_RP_ORIGINS=http://localhost:${port}`);
  const unavailable = page.getByRole('alert', { name: 'WebAuthn unavailable' });
  await expect(unavailable).toContainText(`the page is at http://127.0.0.1:${port}, an IP address`);
  await expect(unavailable.getByRole('link')).toHaveAttribute('href', `http://localhost:${port}/_/#/passkeys`);

  // what the server says when the flow is tried anyway: every /passkeys route is 404 passkey_disabled
  const signIn = step(page, 'Sign in with the passkey');
  await signIn.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(signIn.getByRole('status')).toContainText('passkey_disabled');
  await expect(signIn.getByRole('status')).toContainText('HTTP 404');
});
