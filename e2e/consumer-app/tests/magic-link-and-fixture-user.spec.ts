import { uniqueEmail } from '../src/supabase.js';
import { expect, openApp, test } from './app-page.js';

test('a user signs in with a magic link, the page exchanging its PKCE code', async ({ page, authlab, appUrl }) => {
  const email = uniqueEmail('magic');
  await authlab.createUser({ email, password: 'secret-123' });
  await openApp(page, appUrl, authlab.url);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.locator('#status')).toHaveText(`Check your email, ${email}`);

  const mail = await authlab.nextMail(email);
  const exchange = page.waitForRequest((request) => request.url().includes('grant_type=pkce'));
  await page.goto(mail.link ?? '');
  await exchange;
  await expect(page.locator('#status')).toHaveText(`Signed in as ${email}`);
});

test('a user the fixture signed in opens the app signed in', async ({ page, authlab, appUrl }) => {
  const email = uniqueEmail('fixture');
  await authlab.createUser({ email, password: 'secret-123' });
  await authlab.signIn(page, { email, password: 'secret-123' });
  await openApp(page, appUrl, authlab.url);
  await expect(page.locator('#status')).toHaveText(`Signed in as ${email}`);
});

test('a magic link opened after its hour is refused, without waiting an hour', async ({ page, authlab, appUrl }) => {
  const email = uniqueEmail('late');
  await authlab.createUser({ email, password: 'secret-123' });
  await openApp(page, appUrl, authlab.url);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  const mail = await authlab.nextMail(email);

  authlab.clock.advance(60 * 60 + 1);
  await page.goto(mail.link ?? '');
  await expect(page.getByRole('alert')).toContainText('otp_expired');
  await expect(page.locator('#status')).toHaveText('Signed out');
});

test("the worker's emulator also serves the flow explorer", async ({ page, authlab }) => {
  await page.goto(`${authlab.url}/_/`);
  await expect(page).toHaveTitle(/authlab/i);
});
