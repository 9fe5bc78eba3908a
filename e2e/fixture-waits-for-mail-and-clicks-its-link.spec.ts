import { expect, test } from '../emulator/src/adapters/playwright.js';

/**
 * The fixture's mail helpers with confirmations on: nextMail waits for a mail that has not been sent
 * yet and never hands the same one over twice; clickLink opens the next mail's link in the page.
 */

test.use({ authlabConfig: { mailerAutoconfirm: false, bcryptCost: 4 } });

test('nextMail waits for a mail not sent yet, never hands the same one twice, and clickLink opens the next link', async ({ page, authlab }) => {
  const signUp = () =>
    page.request.post(`${authlab.url}/auth/v1/signup`, {
      headers: { apikey: authlab.anonKey },
      data: { email: 'mo@example.com', password: 'secret-123' },
    });
  // the wait starts first; the mail arrives while it waits
  const waiting = authlab.nextMail('mo@example.com');
  expect((await signUp()).status()).toBe(200);
  const first = await waiting;
  expect(first.subject).toBe('Confirm Your Email');

  // the same mail is not handed over again: with nothing new, the wait times out
  await expect(authlab.nextMail('mo@example.com', { timeout: 300 })).rejects.toThrow();

  // a resend is a new mail; clickLink follows its link like a person, and the address is confirmed
  authlab.clock.advance(61); // past the per-user mail frequency
  // redirect_to: where the link lands once verified, the explorer this emulator serves
  const resend = await page.request.post(`${authlab.url}/auth/v1/resend?redirect_to=${encodeURIComponent(`${authlab.url}/_/`)}`, {
    headers: { apikey: authlab.anonKey },
    data: { type: 'signup', email: 'mo@example.com' },
  });
  expect(resend.status()).toBe(200);
  await authlab.clickLink(page, 'mo@example.com');
  await expect(page.getByLabel('Device A status')).toHaveText('Device A: signed in as mo@example.com');
});
