import { expect, test } from './support/supabase-app.js';

/**
 * authlabWorkdir names the app's Supabase project: its supabase/config.toml sets the worker's
 * emulator up as `supabase start` would, and its [api] port is the URL the fixture routes.
 */

test.use({ authlabWorkdir: 'e2e/supabase-app' });

test("the app's config.toml rules the worker: its API port is routed, its password rule and confirmations apply", async ({ page, authlab, appUrl }) => {
  expect(authlab.supabaseUrls).toEqual(['http://127.0.0.1:54329', 'http://localhost:54329']);
  await page.goto(`${appUrl}?supabase=http://127.0.0.1:54329`);
  await page.getByLabel('Email').fill('toml@example.com');
  await page.getByLabel('Password').fill('secret-12');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('result')).toHaveText('Error: weak_password'); // minimum_password_length = 10

  await page.getByLabel('Password').fill('secret-1234');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('result')).toHaveText('Check your email'); // enable_confirmations = true
  await authlab.clickLink(page, 'toml@example.com', { type: 'signup' });
  await expect(page.getByLabel('status')).toHaveText('Signed in as toml@example.com');
});
