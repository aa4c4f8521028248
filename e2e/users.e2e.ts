import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';
import { login } from './support/app';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const EMAIL = `nadia.${Date.now().toString(36)}@dgsn.demo`;
const NEW_PASSWORD = 'Quiet-Harbour-Lantern-42';
let enrolmentPath = '';

describe('agency administrator', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('creates a user and is shown the one-time enrolment link, which opens the enrolment page', async () => {
    const { page } = b;
    await login(page, baseUrl, 'admin@dgsn.demo', password);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('table', { name: 'Users' }).waitFor();

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('E-mail').fill(EMAIL);
    await dialog.getByLabel('Display name').fill('Nadia Benali');
    await dialog.getByRole('checkbox', { name: 'Liaison officer' }).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();

    const link = dialog.getByTestId('one-time-secret');
    await link.waitFor();
    const url = (await link.textContent()) ?? '';
    expect(url).toMatch(/\/enrol\/[A-Za-z0-9_-]{10,}/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row').filter({ hasText: EMAIL }).getByText('Awaiting enrolment').waitFor();

    enrolmentPath = new URL(url).pathname;
  });

  it('the new user enrols through the link, signs in and changes the password', async () => {
    // Another browser: the person receiving the link is not the administrator.
    const other = await openBrowser();
    try {
      const { page } = other;
      await page.goto(`${baseUrl}${enrolmentPath}`);
      await page.getByRole('heading', { name: 'Set up your account' }).waitFor();
      await page.getByText(EMAIL).waitFor();
      await page.getByLabel('Display name').fill('Nadia Benali');
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the password').fill(`${NEW_PASSWORD}x`);
      await page.getByRole('button', { name: 'Create my account' }).click();
      await page.getByText('The two passwords differ.').waitFor();
      await page.getByLabel('Repeat the password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Create my account' }).click();
      await page.getByText('Your account is ready.', { exact: false }).waitFor();
      expect(await page.getByLabel('E-mail').inputValue()).toBe(EMAIL);

      await login(page, baseUrl, EMAIL, NEW_PASSWORD);
      await page.getByText('Liaison officer').first().waitFor();
      // A liaison officer administers nothing: the navigation offers no administration.
      expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);

      await page.getByRole('link', { name: 'Account settings' }).click();
      await page.getByLabel('Current password').fill('wrong-password-123');
      await page.getByLabel('New password', { exact: true }).fill(`${NEW_PASSWORD}-2`);
      await page.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD}-2`);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('The password is not right.').waitFor();
      await page.getByLabel('Current password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Your password has been changed.').waitFor();
    } finally {
      await other.close();
    }
  });

  it('shows a field message from the shared schema for a bad e-mail address', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('E-mail').fill('not-an-address');
    await dialog.getByLabel('Display name').fill('Someone');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('Not a valid e-mail address.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});
