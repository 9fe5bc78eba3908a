import { expect, test, type Page } from '@playwright/test';
import { expectStatus, mailBeside, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

const SEND = 'Send the magic link';

/** Sends the link, checks what PKCE put on the wire and in the mail, and follows the link. */
async function sendAndFollow(page: Page, subject: string) {
  const send = step(page, SEND);
  await send.getByRole('button', { name: 'Send magic link' }).click();
  const challenge = send.getByRole('table', { name: 'PKCE challenge' });
  await expect(challenge).toContainText('s256');
  await expect(challenge.getByRole('row', { name: /code_challenge \(sent\)/ }).locator('code')).toHaveText(/^[A-Za-z0-9_-]{43}$/);

  const mail = mailBeside(page, SEND);
  await expect(mail).toContainText(subject);
  await expect(mail.locator('iframe[title="Mail body"]').contentFrame().getByRole('heading')).toHaveText(subject === 'Your Magic Link' ? 'Magic Link' : subject);
  await expect(mail).toContainText('pkce_: the link returns ?code=');
  await mail.getByRole('button', { name: 'Open the link' }).click();
}

test('a magic link with PKCE comes back with ?code= and is exchanged for a session', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'ida');
  await openFlow(page, 'magic-link', 'mail');
  await page.getByLabel('Email').fill(email);

  // a new address: GoTrue signs it up, so the first mail is the sign-up confirmation (still PKCE)
  await sendAndFollow(page, 'Confirm Your Email');
  const exchange = step(page, 'Exchange the code');
  await expect(exchange.getByRole('status')).toContainText(`Signed in as ${email}`);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${email}`);

  // now a known, confirmed user: a real magic link
  await sendAndFollow(page, 'Your Magic Link');
  await expect(exchange.getByRole('table', { name: 'What the link brought back' })).toContainText('code');
  await expectStatus(exchange.getByRole('group', { name: 'POST /auth/v1/token?grant_type=pkce' }), 200);
  await expect(exchange.getByLabel('amr claim')).toContainText('magiclink');
  await expect(page).toHaveURL(/\/_\/#\/magic-link$/);
  await expect(page.getByRole('complementary', { name: 'Access token' })).toContainText('"method": "magiclink"');

  await exchange.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'magic-link-pkce');
});
