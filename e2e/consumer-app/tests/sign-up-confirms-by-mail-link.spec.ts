import { uniqueEmail } from '../src/supabase.js';
import { expect, openApp, test } from './app-page.js';

test.use({ authlabConfig: { mailerAutoconfirm: false, bcryptCost: 4 } });

test('a visitor signs up, follows the link in the mail and is signed in', async ({ page, authlab, appUrl }) => {
  const email = uniqueEmail('sign-up');
  await openApp(page, appUrl, authlab.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('secret-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#status')).toHaveText(`Check your email, ${email}`);

  const mail = await authlab.nextMail(email);
  expect(mail.subject).toBe('Confirm Your Email');
  await page.goto(mail.link ?? '');
  await expect(page.locator('#status')).toHaveText(`Signed in as ${email}`);
});
