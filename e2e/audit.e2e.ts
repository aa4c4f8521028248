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

    // Who: part of a name typed in the filter bar, or a name clicked in the table (that person exactly).
    const actors = () => table.locator('tbody tr td:nth-child(3)').allTextContents();
    const me = (await actors())[0] ?? '';
    expect(me).not.toBe('');
    await page.getByLabel('Action').fill('');
    await page.getByLabel('Actor (name or e-mail)').fill(me.slice(0, Math.max(4, Math.ceil(me.length / 2))).toLowerCase());
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => [...new Set(await actors())], { timeout: 15_000 }).toEqual([me]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(async () => new Set(await actors()).size, { timeout: 15_000 }).toBeGreaterThan(1);
    await table.getByRole('button', { name: me }).first().click();
    await expect.poll(() => page.getByLabel('Actor (name or e-mail)').inputValue(), { timeout: 15_000 }).toBe(me);
    await expect.poll(async () => [...new Set(await actors())], { timeout: 15_000 }).toEqual([me]);
    await page.getByLabel('Action').fill('auth.login');
    await page.getByRole('button', { name: 'Apply' }).click();
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
