import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mailBeside, openFlow, step, uniqueEmail } from './support/explorer.js';

/** Every screen the sidebar links to, read from the sidebar itself so a new screen is checked too. */
async function screens(page: Page): Promise<{ name: string; href: string }[]> {
  const links = page.getByRole('navigation', { name: 'Flows' }).getByRole('list').getByRole('link');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((anchors) => anchors.map((a) => ({ name: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
}

/** axe's serious and critical findings, one line each, so a failure names the rule and the elements. */
async function seriousViolations(page: Page): Promise<string[]> {
  // the mail body is GoTrue's template in a script-less sandbox, where axe cannot run (it waits for it)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('iframe[title="Mail body"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.any[0]?.message ?? ''})`).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen has no serious or critical axe violation (${colorScheme})`, async ({ page }, testInfo) => {
    // ~16 screens, each loaded and analysed: more than the default 30 s on a busy machine
    test.slow();
    await page.emulateMedia({ colorScheme });
    await openFlow(page, 'password');
    // a signed-in device, so the token panel and the session pills are checked as well
    await page.getByLabel('Email').fill(uniqueEmail(testInfo, `axe-${colorScheme}`));
    await page.getByLabel('Password', { exact: true }).fill('secret-123');
    const signUp = step(page, 'Sign up');
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await expect(signUp.getByRole('status')).toContainText('Succeeded');

    const found: string[] = [];
    for (const screen of await screens(page)) {
      await page.goto(`${page.url().split('#')[0]}${screen.href}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.name);
      // screens load their settings and lists as they open; check what a user reads, not the spinner
      await page.waitForLoadState('networkidle');
      for (const violation of await seriousViolations(page)) found.push(`${screen.name}: ${violation}`);
    }
    expect(found).toEqual([]);
  });
}

test('a step with its result, an opened exchange and the mail beside it has no serious or critical axe violation, light or dark', async ({ page }, testInfo) => {
  test.slow();
  await openFlow(page, 'magic-link', 'mail');
  await page.getByLabel('Email').first().fill(uniqueEmail(testInfo, 'axe-mail'));
  const send = step(page, 'Send the magic link');
  await send.getByRole('button', { name: 'Send magic link' }).click();
  await expect(send.getByRole('status')).toContainText('Succeeded');
  await expect(mailBeside(page, 'Send the magic link')).toContainText('Confirm');
  await send.getByRole('group', { name: /^POST \/auth\/v1\/otp/ }).locator('summary').click();
  await send.getByRole('group', { name: 'Response data' }).locator('summary').click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
});

test('after a step, focus is on its result heading; the skip link jumps past the sidebar by keyboard', async ({ page }, testInfo) => {
  await openFlow(page, 'password');
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'focus'));
  await page.getByLabel('Password', { exact: true }).fill('secret-123');
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).press('Enter');
  await expect(signUp.getByRole('status')).toContainText('Succeeded');
  const result = signUp.getByRole('heading', { name: 'Result' });
  await expect(result).toBeFocused();
  // the next Tab goes on from the result, not back to the top of the page
  await page.keyboard.press('Tab');
  await expect(signUp.locator(':focus')).toHaveCount(1);

  await page.reload();
  await expect(step(page, 'Sign up')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // the next Tab reaches the screen's first input, not a sidebar link
  await page.keyboard.press('Tab');
  await expect(page.getByRole('main').locator(':focus')).toHaveCount(1);
});
