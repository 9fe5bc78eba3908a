import { expect, test } from './support/supabase-app.js';

/**
 * An app built for `supabase start` (http://127.0.0.1:54321, the demo anon key), unchanged, under
 * the authlab fixture: the page's requests to that URL are answered by this worker's emulator, so
 * every worker has its own users and the test reads the mail the app caused.
 */

test.use({ authlabConfig: { mailerAutoconfirm: false } });

test('a sign-up in the app reaches this worker, and the confirmation link signs the user in', async ({ page, authlab, appUrl }) => {
  const toLocalStack: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith('http://127.0.0.1:54321/')) toLocalStack.push(new URL(request.url()).pathname);
  });
  await page.goto(appUrl);
  await expect(page.getByLabel('status')).toHaveText('Signed out');
  await page.getByLabel('Email').fill('ada@example.com');
  await page.getByLabel('Password').fill('secret-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('result')).toHaveText('Check your email');
  expect(toLocalStack).toContain('/auth/v1/signup');

  const mail = await authlab.clickLink(page, 'ada@example.com', { type: 'signup' });
  expect(mail.link).toContain('type=signup');
  await expect(page.getByLabel('status')).toHaveText('Signed in as ada@example.com');
  await page.getByRole('button', { name: 'Who am I?' }).click();
  await expect(page.getByLabel('result')).toHaveText('You are ada@example.com');
});

test('authlabConfig adds to the defaults: confirmations are on and passwords still hash at bcrypt cost 4', async ({ page, authlab, appUrl }) => {
  await page.goto(appUrl);
  await page.getByLabel('Email').fill('cost@example.com');
  await page.getByLabel('Password').fill('secret-123');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('result')).toHaveText('Check your email');
  const [row] = await authlab.emulator.db.query<{ encrypted_password: string }>(
    'select encrypted_password from auth.users where email = $1',
    ['cost@example.com'],
  );
  expect(row!.encrypted_password).toMatch(/^\$2a\$04\$/);
});

test('a magic link with PKCE: the mail is typed magiclink, and the app exchanges the code it brings back', async ({ page, authlab, appUrl }) => {
  await authlab.createUser({ email: 'grace@example.com', password: 'secret-123' });
  await page.goto(`${appUrl}?flow=pkce`);
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByRole('button', { name: 'Email me a magic link' }).click();
  await expect(page.getByLabel('result')).toHaveText('Magic link sent');

  const mail = await authlab.nextMail('grace@example.com', { type: 'magiclink' });
  expect(mail.link).toContain('type=magiclink');
  await page.goto(mail.link!);
  await expect(page).toHaveURL(/\?flow=pkce/); // back in the app, which exchanged ?code= for a session
  await expect(page.getByLabel('status')).toHaveText('Signed in as grace@example.com');
});

test('a user signed in by the fixture is signed in when the app loads at localhost too, until the clock moves past the token', async ({ page, authlab, appUrl }) => {
  await authlab.createUser({ email: 'lin@example.com', password: 'secret-123' });
  await authlab.signIn(page, { email: 'lin@example.com', password: 'secret-123' });
  const app = new URL(appUrl);
  await page.goto(`http://localhost:${app.port}/?supabase=http://localhost:54321`);
  await expect(page.getByLabel('status')).toHaveText('Signed in as lin@example.com');
  await page.getByRole('button', { name: 'Who am I?' }).click();
  await expect(page.getByLabel('result')).toHaveText('You are lin@example.com');

  authlab.clock.advance(60 * 60 + 1);
  await page.getByRole('button', { name: 'Who am I?' }).click();
  await expect(page.getByLabel('result')).toHaveText(/^Error: /);
});
