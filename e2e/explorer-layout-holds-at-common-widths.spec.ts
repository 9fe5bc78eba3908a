import { expect, test, type Page } from '@playwright/test';
import { openFlow, step, uniqueEmail } from './support/explorer.js';

const WIDTHS = [1024, 1280, 1440] as const;

/**
 * What sticks out, read in the page: the document scrolling sideways, any element running past
 * its parent's box, and any content running past its own box (a label printed over the value
 * beside it). Boxes that scroll on purpose (pre, textarea) and text cut with an ellipsis are meant
 * to hold more than they show.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    if (document.documentElement.scrollWidth > window.innerWidth) {
      found.push(`the document scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    }
    const scrollsOnPurpose = (el: Element, style: CSSStyleDeclaration) =>
      el.matches('pre, textarea, iframe, input, select') || style.textOverflow === 'ellipsis';
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || style.position === 'fixed' || style.position === 'absolute') continue;
      if (!scrollsOnPurpose(el, style) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
        found.push(`${name(el)}: content ${el.scrollWidth} px in a ${el.clientWidth} px box`);
      }
      const parent = el.parentElement;
      if (!parent || parent === document.body) continue;
      const parentStyle = getComputedStyle(parent);
      // a parent that scrolls or clips is checked by the rule above, as itself
      if (parentStyle.overflowX !== 'visible' || parentStyle.display === 'contents') continue;
      const inner = parent.getBoundingClientRect();
      const right = inner.left + parent.clientLeft + parent.clientWidth;
      if (box.right > right + 1 && parent.clientWidth > 0) found.push(`${name(el)}: ${Math.round(box.right - right)} px past ${name(parent)}`);
    }
    return found;
  });
}

test('every screen fits 1024, 1280 and 1440 px without sideways scrolling, and the token panel shows only beside a token', async ({ page }, testInfo) => {
  test.slow();
  await openFlow(page, 'password');
  // a signed-in device and a step result: the token panel, the pills and a user's JSON are laid out too
  await page.getByLabel('Email').fill(uniqueEmail(testInfo, 'layout'));
  await page.getByLabel('Password', { exact: true }).fill('secret-123');
  const signUp = step(page, 'Sign up');
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  await expect(signUp.getByRole('status')).toContainText('Succeeded');

  const links = page.getByRole('navigation', { name: 'Flows' }).getByRole('list').getByRole('link');
  const screens = await links.evaluateAll((anchors) => anchors.map((a) => ({ name: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
  const base = page.url().split('#')[0];
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const screen of screens) {
      await page.goto(`${base}${screen.href}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.name);
      await page.waitForLoadState('networkidle');
      for (const problem of await overflowing(page)) found.push(`${width} px, ${screen.name}: ${problem}`);
    }
  }
  expect(found).toEqual([]);

  // the tools show no device's token: the panel would only take their width
  await page.goto(`${base}#/audit`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  await expect(page.getByRole('complementary', { name: 'Access token' })).toHaveCount(0);
  await page.goto(`${base}#/password`);
  await expect(page.getByRole('complementary', { name: 'Access token' })).toBeVisible();
});

test('a step beside its mail keeps its labels apart from their values at 1280 px', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openFlow(page, 'magic-link', 'mail');
  await page.getByLabel('Email').first().fill(uniqueEmail(testInfo, 'narrow'));
  const send = step(page, 'Send the magic link');
  await send.getByRole('button', { name: 'Send magic link' }).click();
  await expect(send.getByRole('table', { name: 'PKCE challenge' })).toContainText('s256');
  await page.waitForLoadState('networkidle');
  expect(await overflowing(page)).toEqual([]);
});
