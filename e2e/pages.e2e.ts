import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Set TANSIQ_SCREENSHOTS to a folder to keep a picture of every page in every language tested.
const shotsDir = process.env.TANSIQ_SCREENSHOTS;

async function signIn(page: Page, email: string): Promise<string> {
  const r = await page.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  expect(r.status()).toBe(200);
  return ((await r.json()) as { csrfToken: string }).csrfToken;
}

/** Resets the second factor of one user (harmless: none is enrolled), which notifies the agency's administrators. */
async function resetSecondFactor(page: Page, csrf: string, email: string): Promise<void> {
  const users = (await (await page.request.get(`${baseUrl}/api/users`)).json()) as { users: { id: string; email: string }[] };
  const user = users.users.find((u) => u.email === email);
  expect(user).toBeDefined();
  const r = await page.request.post(`${baseUrl}/api/users/${user?.id}/reset`, { data: { kind: 'totp' }, headers: { 'X-CSRF-Token': csrf } });
  expect(r.status()).toBe(200);
}

async function visit(page: Page, path: string, name: string, lang: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('h1, h2').first().waitFor();
  await page.waitForLoadState('networkidle');
  // No page falls back to raw keys or English headings in another language.
  const headings = await page.locator('h1, h2').allTextContents();
  for (const h of headings) expect(h).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
  expect(await page.evaluate(() => document.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  if (shotsDir) {
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(shotsDir, `${lang}-${name}.png`), fullPage: true });
  }
}

describe.each(['ar', 'fr'])('every page in %s', (lang) => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
    await b.page.goto(`${baseUrl}/login`);
    await b.page.evaluate((l) => localStorage.setItem('tansiq.locale', l), lang);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('login page', async () => {
    await visit(b.page, '/login', 'login', lang);
  });

  it('agency administrator pages', async () => {
    const csrf = await signIn(b.page, 'admin@dgsn.demo');
    await resetSecondFactor(b.page, csrf, 'dpo@dgsn.demo');
    for (const [path, name] of [
      ['/', 'home'],
      ['/notifications', 'notifications'],
      ['/account', 'account'],
      ['/admin/desks', 'desks'],
      ['/audit', 'audit'],
      ['/admin/users', 'users'],
    ] as const) {
      await visit(b.page, path, name, lang);
    }
    await b.page.getByRole('button', { name: lang === 'ar' ? 'مستخدم جديد' : 'Nouvel utilisateur' }).click();
    await b.page.getByRole('dialog').waitFor();
    if (shotsDir) await b.page.screenshot({ path: join(shotsDir, `${lang}-user-dialog.png`) });
    await b.page.keyboard.press('Escape');
  });

  it('platform administrator pages', async () => {
    await b.context.clearCookies();
    await signIn(b.page, 'platform@tansiq.demo');
    await visit(b.page, '/admin/agencies', 'agencies', lang);
    await visit(b.page, '/', 'home-platform', lang);
  });

  it('an invalid enrolment link explains what to do', async () => {
    await b.context.clearCookies();
    await visit(b.page, '/enrol/not-a-real-token-0000', 'enrol-invalid', lang);
  });
});
