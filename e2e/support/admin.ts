import { expect, type Page } from '@playwright/test';
import { step } from './explorer.js';

/** The Users view's list, searched for one address (the emulators are shared between specs). */
export async function searchUsers(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search users').fill(text);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByLabel('User count')).toContainText(`matching “${text}”`);
}

/** Creates a user from the Users view's "Create a user" step. */
export async function createUser(page: Page, email: string, options: { confirm: boolean }): Promise<void> {
  const create = step(page, 'Create a user');
  await create.getByLabel('Email', { exact: true }).fill(email);
  await create.getByLabel('Confirm the email now').setChecked(options.confirm);
  await create.getByRole('button', { name: 'Create user' }).click();
  await expect(create.getByRole('status')).toContainText('Succeeded');
  await expect(create).toContainText(`Created ${email}`);
}

export function userDetails(page: Page) {
  return page.getByRole('region', { name: 'User details' });
}
