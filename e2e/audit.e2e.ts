import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

describe('audit trail', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a supervisor filters the agency audit by action and exports it as JSON lines', async () => {
    const { page } = b;
    await login(page, baseUrl, 'supervisor@policia.demo', password);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    const table = page.getByRole('table', { name: 'Audit trail' });
    await table.waitFor();

    await page.getByLabel('Action').fill('auth.login');
    await page.getByRole('button', { name: 'Apply' }).click();
    const actions = () => table.locator('tbody tr td:nth-child(4)').allTextContents();
    await expect.poll(async () => [...new Set(await actions())], { timeout: 15_000 }).toEqual(['auth.login']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export (JSON lines)' }).click()]);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect((JSON.parse(line) as { action: string }).action).toBe('auth.login');
  });

  it('an officer has no audit trail: no link, and the address answers like a missing page', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'officer@policia.demo', password);
    expect(await page.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });
});
