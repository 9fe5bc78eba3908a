import { expect, test, type Page } from '@playwright/test';
import { codeInMail, mailBeside, openFlow, step, uniqueEmail } from './support/explorer.js';
import { EMULATOR_PORT, MAIL_EMULATOR_PORT, RENDERER_PORT } from './support/ports.js';

// The Supabase CLI's well-known service_role key: public, so CORS is what keeps other sites out.
const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

const MAIL_EMULATOR = `http://127.0.0.1:${MAIL_EMULATOR_PORT}`;
const EMULATOR = `http://127.0.0.1:${EMULATOR_PORT}`;
// The explorer's vite preview under another host name: an origin no emulator lists. (The mail
// emulator lists http://127.0.0.1:<RENDERER_PORT>, where the cross-origin explorer runs.)
const OTHER_SITE = `http://localhost:${RENDERER_PORT}/_/`;
const LISTED_SITE = `http://127.0.0.1:${RENDERER_PORT}/_/`;

/** What a script on the page gets from fetch: the status, or the browser's refusal. */
function fetchFromPage(page: Page, url: string, init: { method?: string; authorization?: string } = {}) {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, { method: init.method ?? 'GET', headers: init.authorization ? { authorization: init.authorization } : {} });
        return { status: res.status, body: await res.text() };
      } catch (e) {
        return { refused: String(e) };
      }
    },
    { url, init },
  );
}

test('a page on another site can neither read the captured mail nor export or reset the database', async ({ page, request }, testInfo) => {
  // a mail with a sign-in code waits in the inbox
  const email = uniqueEmail(testInfo, 'victim');
  const sent = await request.post(`${MAIL_EMULATOR}/auth/v1/otp`, {
    headers: { apikey: SERVICE_ROLE_KEY },
    data: { email },
  });
  expect(sent.status()).toBe(200);

  await page.goto(OTHER_SITE);
  // the API itself stays open to every origin, as the Supabase gateway: the page can reach the server
  expect(await fetchFromPage(page, `${MAIL_EMULATOR}/health`)).toMatchObject({ status: 200 });

  for (const emulator of [MAIL_EMULATOR, EMULATOR]) {
    expect(await fetchFromPage(page, `${emulator}/_/inbox/api/v1/messages`)).toHaveProperty('refused');
    expect(await fetchFromPage(page, `${emulator}/_/inbox/api/v1/message/latest/auth`)).toHaveProperty('refused');
    expect(await fetchFromPage(page, `${emulator}/_/inbox/api/v1/messages`, { method: 'DELETE' })).toHaveProperty('refused');
    const auth = `Bearer ${SERVICE_ROLE_KEY}`;
    expect(await fetchFromPage(page, `${emulator}/_/control/state`, { authorization: auth })).toHaveProperty('refused');
    expect(await fetchFromPage(page, `${emulator}/_/control/reset`, { method: 'POST', authorization: auth })).toHaveProperty('refused');
  }

  // nothing was reset or deleted: the mail is still there for its owner
  const search = await request.get(`${MAIL_EMULATOR}/_/inbox/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`);
  expect((await search.json()).messages).toHaveLength(1);

  // the origin the mail emulator lists (AUTHLAB_INBOX_ALLOWED_ORIGINS in playwright.config.ts) reads it
  await page.goto(LISTED_SITE);
  const listed = await fetchFromPage(page, `${MAIL_EMULATOR}/_/inbox/api/v1/messages`);
  expect(listed).toMatchObject({ status: 200 });
  // but the control API has its own list, which is empty
  expect(await fetchFromPage(page, `${MAIL_EMULATOR}/_/control/state`, { authorization: `Bearer ${SERVICE_ROLE_KEY}` })).toHaveProperty('refused');
});

test('the explorer served by the emulator still reads its mail and its control API', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'same');
  await openFlow(page, 'magic-link', 'mail');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Send the magic link').getByRole('button', { name: 'Send magic link' }).click();
  await expect(mailBeside(page, 'Send the magic link')).toContainText(email);
  expect(await codeInMail(page, 'Send the magic link')).toMatch(/^\d{6}$/);

  expect(await fetchFromPage(page, `${MAIL_EMULATOR}/_/control/clock`, { authorization: `Bearer ${SERVICE_ROLE_KEY}` })).toMatchObject({ status: 200 });
  expect(await fetchFromPage(page, `${MAIL_EMULATOR}/_/inbox/api/v1/messages`)).toMatchObject({ status: 200 });
});
