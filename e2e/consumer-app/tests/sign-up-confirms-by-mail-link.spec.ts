import { uniqueEmail } from '../src/supabase.js';
import { expect, test } from './app-page.js';

// merged over the fixture's defaults (bcryptCost: 4 stays)
test.use({ authlabConfig: { mailerAutoconfirm: false } });

test('a visitor signs up, follows the link in the mail and is signed in', async ({ page, authlab, appUrl }) => {
  const email = uniqueEmail('sign-up');
  // no ?supabase=: the app talks to http://127.0.0.1:54321, which the fixture routes to this worker
  await page.goto(`${appUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('secret-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#status')).toHaveText(`Check your email, ${email}`);

  const mail = await authlab.clickLink(page, email, { type: 'signup' });
  expect(mail.subject).toBe('Confirm Your Email');
  await expect(page.locator('#status')).toHaveText(`Signed in as ${email}`);
});
