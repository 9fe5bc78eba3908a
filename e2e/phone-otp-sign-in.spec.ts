import { expect, test } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step } from './support/explorer.js';

test('signs in with the code texted to a phone, then finds the SMS in the inbox', async ({ page }, testInfo) => {
  const digits = String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0');
  const phone = `+1555${digits}`;
  await openFlow(page, 'phone-otp', 'mail');
  await expect(page.getByRole('note', { name: 'Emulator setting' })).toContainText('Phone sign-in is on');
  await page.getByLabel('Phone (E.164)').fill(phone);

  const send = step(page, 'Send the code');
  await send.getByRole('button', { name: 'Send code' }).click();
  await expectStatus(send.getByRole('group', { name: 'POST /auth/v1/otp' }), 200);
  const sms = send.getByRole('complementary', { name: 'SMS' });
  await expect(sms).toContainText(`+1555${digits}`);
  const code = sms.getByLabel('Code in the SMS');
  await expect(code).toHaveText(/^\d{6}$/);
  await expect(sms).toContainText(`Your code is ${await code.textContent()}`);

  const verify = step(page, 'Verify the code');
  await verify.getByLabel('Code from the SMS').fill((await code.textContent()) ?? '');
  await verify.getByRole('button', { name: 'Verify code' }).click();
  await expect(verify.getByRole('status')).toContainText(`Signed in as ${phone}`);
  await expect(page.getByLabel('Device A status')).toHaveText(`Device A: signed in as ${phone}`);
  await saveScreenshot(page, testInfo, 'phone-otp');

  await page.getByRole('link', { name: 'Inbox' }).click();
  const list = page.getByRole('list', { name: 'Captured messages' });
  await list.getByRole('button', { name: new RegExp(`SMS\\s*\\+1555${digits}`) }).click();
  await expect(page.getByRole('article', { name: 'SMS' })).toContainText(`+1555${digits}`);
  await saveScreenshot(page, testInfo, 'inbox');
});
