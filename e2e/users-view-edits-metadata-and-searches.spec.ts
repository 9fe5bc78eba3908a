import { expect, test } from '../emulator/src/adapters/playwright.js';
import { searchUsers, userDetails } from './support/admin.js';
import { saveScreenshot } from './support/explorer.js';

/**
 * The Users view as Studio's auth page for local work: find a user by name, phone or id (GoTrue's
 * ?filter= knows only the email and full name), edit their metadata as JSON, read the raw user.
 */

test.use({ authlabConfig: { bcryptCost: 4 } });

test('an admin finds users by name, phone and id, and edits user and app metadata as JSON', async ({ page, authlab }, testInfo) => {
  const ada = await authlab.createUser({ email: 'ada@example.com', phone: '15550100', password: 'secret-123', user_metadata: { full_name: 'Ada Lovelace', plan: 'free' } });
  await authlab.createUser({ email: 'lin@example.com', phone: '15550199', password: 'secret-123' });
  await page.goto(`${authlab.url}/_/#/users`);
  const users = page.getByRole('table', { name: 'Users' });

  await searchUsers(page, 'Lovelace');
  await expect(users.getByRole('row')).toHaveCount(2);
  await expect(users).toContainText('ada@example.com');

  // GoTrue's filter ignores phones: the view walks the users itself
  await searchUsers(page, '+1 555 0199');
  await expect(page.getByLabel('User count')).toContainText('1 user matching “+1 555 0199” (by phone)');
  await expect(users).toContainText('lin@example.com');
  await expect(users).not.toContainText('ada@example.com');

  await searchUsers(page, ada.id);
  await expect(page.getByLabel('User count')).toContainText('(by id)');
  const lookup = page.getByRole('region', { name: 'User list' }).getByRole('group', { name: `GET /auth/v1/admin/users/${ada.id}` });
  await expect(lookup.getByTestId('exchange-status')).toHaveText('200');
  await users.getByRole('button', { name: 'ada@example.com' }).click();

  const details = userDetails(page);
  const userMetadata = details.getByLabel('user_metadata (JSON)');
  const appMetadata = details.getByLabel('app_metadata (JSON)');
  const save = details.getByRole('button', { name: 'Save metadata' });
  await expect(userMetadata).toHaveValue(/"full_name": "Ada Lovelace"/);
  await expect(save).toBeDisabled(); // nothing changed yet

  await userMetadata.fill('{ "full_name": "Ada King", }');
  await expect(details.getByRole('alert')).toContainText('user_metadata is not valid JSON');
  await expect(userMetadata).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  await userMetadata.fill('["Ada King"]');
  await expect(details.getByRole('alert')).toHaveText('user_metadata must be a JSON object ({ … }), not an array');

  // plan is left out: GoTrue merges key by key, so the view sends it as null to remove it
  await userMetadata.fill('{ "full_name": "Ada King" }');
  const app = JSON.parse(await appMetadata.inputValue()) as Record<string, unknown>;
  await appMetadata.fill(JSON.stringify({ ...app, team: 'engines' }, null, 2));
  await expect(details.getByRole('alert')).toHaveCount(0);
  await expect(details).toContainText('"plan":null');
  await save.click();
  const lastAction = details.getByLabel('Last action');
  await expect(lastAction).toContainText('Saved the metadata of ada@example.com');
  await expect(lastAction.getByRole('group', { name: /^PUT \/auth\/v1\/admin\/users\// }).getByTestId('exchange-status')).toHaveText('200');

  await details.getByText('Raw JSON').click();
  const raw = details.getByLabel('Raw user JSON');
  await expect(raw).toContainText('"full_name": "Ada King"');
  await expect(raw).toContainText('"team": "engines"');
  await expect(raw).not.toContainText('"plan"');
  await saveScreenshot(page, testInfo, 'users-metadata-edited');

  // what the server keeps, read back over the admin API
  const stored = await page.request.get(`${authlab.url}/auth/v1/admin/users/${ada.id}`, {
    headers: { apikey: authlab.serviceRoleKey, authorization: `Bearer ${authlab.serviceRoleKey}` },
  });
  const user = (await stored.json()) as { user_metadata: Record<string, unknown>; app_metadata: Record<string, unknown> };
  expect(user.user_metadata).toEqual({ full_name: 'Ada King' });
  expect(user.app_metadata).toMatchObject({ provider: 'email', team: 'engines' });
});
