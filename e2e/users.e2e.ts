import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';
import { login } from './support/app';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const EMAIL = `nadia.${Date.now().toString(36)}@dgsn.demo`;

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

    // The link works: the enrolment page names the agency and the address.
    const enrol = await b.context.newPage();
    await enrol.goto(`${baseUrl}${new URL(url).pathname}`);
    await enrol.getByRole('heading', { name: 'Set up your account' }).waitFor();
    await enrol.getByText(EMAIL).waitFor();
    await enrol.close();
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
