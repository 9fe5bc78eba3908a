import { expect, test, type Page } from '@playwright/test';
import { mailBeside, openFlow, step, uniqueEmail } from './support/explorer.js';

/** The screens that need a signed-in user first, on the emulator with confirmations on. */
const SCREENS = [
  { route: 'mfa', title: 'Sign in', button: 'Sign up / sign in' },
  { route: 'passkeys', title: 'Sign in', button: 'Sign up / sign in' },
  { route: 'oauth-server', title: 'Sign in', button: 'Sign up / sign in' },
  { route: 'devices', title: 'Create the user', button: 'Sign up' },
] as const;

async function signInThroughConfirmation(page: Page, email: string, title: string, button: string) {
  await page.getByLabel('Email').fill(email);
  const signIn = step(page, title);
  // the step reads GET /settings and says what will happen
  await expect(signIn).toContainText('Confirmations are on');
  await signIn.getByRole('button', { name: button }).click();
  await expect(signIn.getByRole('status')).toContainText('email_not_confirmed');

  // the confirmation mail is beside the step, and its code goes into the next step in one click
  const mail = mailBeside(page, title);
  await expect(mail).toContainText('Confirm Your Email');
  await mail.getByRole('button', { name: 'Use this code' }).click();
  const confirm = step(page, 'Confirm the address');
  await expect(confirm.getByLabel('Code from the confirmation mail')).toHaveValue(/^\d{6}$/);
  await confirm.getByRole('button', { name: 'Verify code' }).click();
  await expect(confirm.getByRole('status')).toContainText('Succeeded');
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  // signed in now: the same step answers with a session
  await signIn.getByRole('button', { name: button }).click();
  await expect(signIn.getByRole('status')).toContainText('Succeeded');
}

for (const screen of SCREENS) {
  test(`the ${screen.route} screen gets past email_not_confirmed with the mail beside its first step`, async ({ page }, testInfo) => {
    await openFlow(page, screen.route, 'mail');
    await signInThroughConfirmation(page, uniqueEmail(testInfo, screen.route), screen.title, screen.button);
  });
}

test('with autoconfirm on, the first step says a new user is signed in at once and shows no confirmation step', async ({ page }, testInfo) => {
  await openFlow(page, 'mfa');
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'auto'));
  const signIn = step(page, 'Sign in');
  await expect(signIn).toContainText('Autoconfirm is on');
  await signIn.getByRole('button', { name: 'Sign up / sign in' }).click();
  await expect(signIn.getByRole('status')).toContainText('Succeeded');
  await expect(step(page, 'Confirm the address')).toHaveCount(0);
});

test('a device whose session GoTrue refused is no longer shown as signed in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'refused');
  await openFlow(page, 'sign-out');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  const deviceB = page.getByRole('region', { name: 'Device B', exact: true });
  await deviceB.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Device B status')).toHaveText(`Device B: signed in as ${email}`);

  const signOut = step(page, 'Sign out with a scope');
  await signOut.getByRole('radio', { name: /^global/ }).check();
  await signOut.getByRole('button', { name: 'Sign out Device A (global)' }).click();
  await expect(signOut.getByRole('status')).toContainText('Succeeded');

  // B still stores its session; GoTrue refuses it at B's next call, and the pill and panel say so
  await deviceB.getByRole('button', { name: 'Refresh session' }).click();
  await expect(deviceB.getByRole('status')).toContainText('refresh_token_not_found');
  await expect(page.getByLabel('Device B status')).toHaveText(`Device B: session refused by GoTrue (${email})`);
  await expect(deviceB).toContainText('Stored session, refused by GoTrue');

  // a new sign-in is accepted again
  await deviceB.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Device B status')).toHaveText(`Device B: signed in as ${email}`);

  // supabase-js turns GET /user's 403 session_not_found into "Auth session missing!" (status 400):
  // the outcome shows what the server answered
  await page.getByRole('region', { name: 'Device A', exact: true }).getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);
  await signOut.getByRole('button', { name: 'Sign out Device A (global)' }).click();
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed out');
  await deviceB.getByRole('button', { name: 'Get user' }).click();
  await expect(deviceB.getByRole('status')).toContainText('HTTP 403');
  await expect(deviceB.getByRole('status')).toContainText('session_not_found');
});
