import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * The authlab Playwright fixture, used the way an app's test suite would: each worker has its own
 * emulator (which also serves the explorer), every test starts empty, users are seeded and signed
 * in before the page loads, and the clock moves instead of the test sleeping.
 */

const deviceA = (url: string) => `authlab.${new URL(url).host}.device-A`;

test.describe.serial('one worker, two tests', () => {
  test('a seeded user is already signed in when the explorer opens', async ({ page, authlab }) => {
    await authlab.createUser({ email: 'ada@example.com', password: 'secret-123' });
    await authlab.signIn(page, { email: 'ada@example.com', password: 'secret-123' }, { storageKey: deviceA(authlab.url) });
    await page.goto(`${authlab.url}/_/?url=${authlab.url}#/password`);
    await expect(page.getByText('Device A: signed in as ada@example.com')).toBeVisible();
  });

  test('the next test starts from an empty emulator', async ({ authlab }) => {
    const res = await fetch(`${authlab.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: authlab.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.com', password: 'secret-123' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error_code).toBe('invalid_credentials');
  });
});

test('moving the clock expires the session the page holds', async ({ page, authlab }) => {
  await authlab.createUser({ email: 'grace@example.com', password: 'secret-123' });
  const session = await authlab.signIn(page, { email: 'grace@example.com', password: 'secret-123' });
  authlab.clock.advance(60 * 60 + 1);
  const res = await fetch(`${authlab.url}/auth/v1/user`, {
    headers: { apikey: authlab.anonKey, authorization: `Bearer ${session.access_token}` },
  });
  expect(res.status).toBe(403);
  expect((await res.json()).msg).toContain('token is expired');
});

test('nextMail hands over the code of a magic link requested from the page', async ({ page, authlab }) => {
  await authlab.createUser({ email: 'lin@example.com', password: 'secret-123' });
  await page.goto(`${authlab.url}/_/`);
  // a request from the page's own origin, as an app's sign-in form would send it
  const status = await page.evaluate(
    async ([url, key]) =>
      (
        await fetch(`${url}/auth/v1/otp`, {
          method: 'POST',
          headers: { apikey: key!, 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lin@example.com' }),
        })
      ).status,
    [authlab.url, authlab.anonKey],
  );
  expect(status).toBe(200);
  const mail = await authlab.nextMail('lin@example.com');
  expect(mail.subject).toBe('Your Magic Link');
  expect(mail.otp).toMatch(/^\d{6}$/);
  await page.goto(mail.link!);
  // GoTrue lands on the site URL (the explorer, here) with the session in the fragment, which the
  // explorer takes up and clears from the address bar
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed in as lin@example.com');
  expect(page.url()).not.toContain('access_token');
});
