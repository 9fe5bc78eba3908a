import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectStatus, openFlow, saveScreenshot, step, uniqueEmail } from './support/explorer.js';

function device(page: Page, id: 'A' | 'B') {
  return page.getByRole('region', { name: `Device ${id}`, exact: true });
}

/** One user signed in on device A (by signing up) and on device B. */
async function signInOnBothDevices(page: Page, testInfo: TestInfo): Promise<string> {
  const email = uniqueEmail(testInfo, 'grace');
  await openFlow(page, 'sign-out');
  await page.getByLabel('Email').fill(email);
  await step(page, 'Create the user').getByRole('button', { name: 'Sign up' }).click();
  await expect(device(page, 'A')).toContainText(`signed in as ${email}`);
  await device(page, 'B').getByRole('button', { name: 'Sign in' }).click();
  await expect(device(page, 'B')).toContainText(`signed in as ${email}`);
  return email;
}

/** Signs a device out and returns the HTTP status GoTrue answered /logout with. */
async function signOut(page: Page, id: 'A' | 'B', scope: 'global' | 'local' | 'others') {
  const signOutStep = step(page, 'Sign out with a scope');
  await signOutStep.getByRole('radio', { name: `Device ${id}`, exact: true }).check();
  await signOutStep.getByRole('radio', { name: new RegExp(`^${scope}`) }).check();
  await signOutStep.getByRole('button', { name: `Sign out Device ${id} (${scope})` }).click();
  await expect(signOutStep.getByRole('status')).toContainText('Succeeded');
  return signOutStep.getByRole('group', { name: `POST /auth/v1/logout?scope=${scope}` });
}

async function signOutDeviceA(page: Page, scope: 'global' | 'local' | 'others') {
  await expectStatus(await signOut(page, 'A', scope), 204);
}

async function refreshSurvives(page: Page, id: 'A' | 'B', email: string) {
  await device(page, id).getByRole('button', { name: 'Refresh session' }).click();
  await expect(device(page, id).getByRole('status')).toContainText('Succeeded');
  await expect(device(page, id)).toContainText(`signed in as ${email}`);
}

async function refreshIsRefused(page: Page, id: 'A' | 'B') {
  await device(page, id).getByRole('button', { name: 'Refresh session' }).click();
  await expect(device(page, id).getByRole('status')).toContainText('refresh_token_not_found');
  // supabase-js keeps the stored session while its access token is unexpired: the panel says so
  await expect(device(page, id)).toContainText('GoTrue refused this session (refresh_token_not_found)');
}

test('global sign-out on device A ends the session on device B too', async ({ page }, testInfo) => {
  await signInOnBothDevices(page, testInfo);
  await signOutDeviceA(page, 'global');
  await expect(device(page, 'A')).toContainText('Signed out');
  await refreshIsRefused(page, 'B');
  // what an app does next: a local sign-out, which GoTrue refuses (the session is gone) and supabase-js accepts
  await expectStatus(await signOut(page, 'B', 'local'), 403);
  await expect(device(page, 'B')).toContainText('Signed out');
  await expect(page.getByLabel('Device B status')).toHaveText('Device B: signed out');
  await device(page, 'B').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'sign-out-global');
});

test('local sign-out on device A leaves device B signed in', async ({ page }, testInfo) => {
  const email = await signInOnBothDevices(page, testInfo);
  await signOutDeviceA(page, 'local');
  await expect(device(page, 'A')).toContainText('Signed out');
  await refreshSurvives(page, 'B', email);
  await device(page, 'B').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'sign-out-local');
});

test('sign-out of others from device A keeps A and ends B', async ({ page }, testInfo) => {
  const email = await signInOnBothDevices(page, testInfo);
  await signOutDeviceA(page, 'others');
  await refreshSurvives(page, 'A', email);
  await refreshIsRefused(page, 'B');
  await device(page, 'B').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'sign-out-others');
});
