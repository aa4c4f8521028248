import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const run = Date.now().toString(36);

describe('administration', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('an agency administrator creates, renames and disables a desk', async () => {
    const { page } = b;
    await login(page, baseUrl, 'admin@bka.demo', password);
    await page.getByRole('link', { name: 'Desks' }).click();
    await page.getByRole('button', { name: 'New desk' }).click();
    let dialog = page.getByRole('dialog', { name: 'New desk' });
    await dialog.getByLabel('Name').fill('Cyber Unit');
    await dialog.getByLabel('Code').fill(`cyber-${run}`);
    await dialog.getByRole('button', { name: 'Create desk' }).click();
    const row = page.getByRole('row').filter({ hasText: `cyber-${run}` });
    await row.getByText('Cyber Unit').waitFor();

    await page.getByRole('button', { name: 'Edit Cyber Unit' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Cyber Unit' });
    await dialog.getByLabel('Name').fill('Cybercrime Unit');
    await dialog.getByRole('switch', { name: 'Desk disabled' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Cybercrime Unit').waitFor();
    await row.getByText('Disabled').waitFor();
  });

  it('an agency administrator changes a user\u2019s roles and disables the account', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Edit Analyst · BKA' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Supervisor' }).check();
    await dialog.getByRole('switch', { name: 'Account disabled' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ hasText: 'analyst@bka.demo' });
    await row.getByText('Supervisor').waitFor();
    await row.getByText('Disabled').waitFor();

    // The disabled user can no longer sign in.
    const r = await page.request.post(`${baseUrl}/api/auth/login`, { data: { email: 'analyst@bka.demo', password } });
    expect(r.status()).toBe(401);
  });

  it('the platform administrator creates an agency and issues its first administrator\u2019s link', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'platform@tansiq.demo', password);
    await page.getByRole('link', { name: 'Agencies' }).click();
    await page.getByRole('button', { name: 'New agency' }).click();
    const dialog = page.getByRole('dialog', { name: 'New agency' });
    await dialog.getByLabel('Name').fill('Guardia Civil');
    await dialog.getByLabel('Code', { exact: true }).fill(`guardia-${run}`);
    await dialog.getByLabel('Country code').fill('ES');
    await dialog.getByLabel('Type').selectOption('border');
    await dialog.getByRole('checkbox', { name: 'Spanish' }).check();
    await dialog.getByRole('button', { name: 'Create agency' }).click();
    const row = page.getByRole('row').filter({ hasText: `guardia-${run}` });
    await row.getByText('Spain').waitFor();

    await page.getByRole('button', { name: 'Issue an enrolment link for Guardia Civil' }).click();
    const link = page.getByRole('dialog');
    await link.getByLabel('E-mail').fill(`jefe.${run}@guardiacivil.demo`);
    await link.getByRole('button', { name: 'Issue link' }).click();
    expect(await link.getByTestId('one-time-secret').textContent()).toMatch(/\/enrol\//);
  });
});
