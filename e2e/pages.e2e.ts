import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ar from '../web/src/locales/ar.json';
import fr from '../web/src/locales/fr.json';
import { openBrowser, type Browser } from './support/browser';

const STRINGS = { ar, fr };

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

async function shot(page: Page, lang: string, name: string): Promise<void> {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `${lang}-${name}.png`), fullPage: true });
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

describe.each(['ar', 'fr'] as const)('every page in %s', (lang) => {
  const s = STRINGS[lang];
  let b: Browser;
  let enrolmentUrl = '';
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
    await b.page.getByRole('button', { name: s.users.create }).click();
    const dialog = b.page.getByRole('dialog');
    await dialog.getByLabel(s.auth.email).fill(`tour.${lang}.${Date.now().toString(36)}@dgsn.demo`);
    await dialog.getByLabel(s.users.displayName).fill(lang === 'ar' ? 'سلمى العلوي' : 'Camille Martin');
    await dialog.getByRole('checkbox', { name: s.roles.analyst }).check();
    await shot(b.page, lang, 'user-dialog');
    await dialog.getByRole('button', { name: s.users.createSubmit }).click();
    enrolmentUrl = (await dialog.getByTestId('one-time-secret').textContent()) ?? '';
    await shot(b.page, lang, 'user-created');
    await dialog.getByRole('button', { name: s.common.done }).click();

    await b.page.getByRole('button', { name: s.users.resetNamed.replace('{{name}}', 'Officer · DGSN') }).click();
    await b.page.getByRole('dialog').waitFor();
    await shot(b.page, lang, 'user-reset');
    await b.page.keyboard.press('Escape');

    await visit(b.page, '/account', 'account', lang);
    await b.page.getByLabel(s.tokens.name).fill('watchlist-sync');
    await b.page.getByRole('button', { name: s.tokens.create }).click();
    await b.page.getByTestId('one-time-secret').waitFor();
    await b.page.getByRole('button', { name: s.account.totpSetup }).click();
    await b.page.getByTestId('totp-secret').waitFor();
    await shot(b.page, lang, 'account-totp-token');
  });

  it('platform administrator pages', async () => {
    await b.context.clearCookies();
    await signIn(b.page, 'platform@tansiq.demo');
    await visit(b.page, '/admin/agencies', 'agencies', lang);
    await b.page.getByRole('button', { name: s.agencies.create }).click();
    await b.page.getByRole('dialog').getByLabel(s.agencies.countryCode).fill('MA');
    await b.page.getByRole('dialog').getByRole('button', { name: s.agencies.createSubmit }).click();
    await shot(b.page, lang, 'agency-dialog-errors');
    await b.page.keyboard.press('Escape');
    await b.page.getByRole('button', { name: s.agencies.linkNamed.replace('{{name}}', 'Bundespolizei') }).click();
    await b.page.getByRole('dialog').getByLabel(s.auth.email).fill(`chief.${lang}.${Date.now().toString(36)}@bundespolizei.demo`);
    await b.page.getByRole('dialog').getByRole('button', { name: s.agencies.linkSubmit }).click();
    await b.page.getByTestId('one-time-secret').waitFor();
    await shot(b.page, lang, 'agency-link');
    await b.page.keyboard.press('Escape');
    await visit(b.page, '/', 'home-platform', lang);
  });

  it('officer pages: notices, hits, documents, major events', async () => {
    await b.context.clearCookies();
    await signIn(b.page, 'officer@dgsn.demo');
    for (const [path, name] of [
      ['/notices', 'notices'],
      ['/hits', 'hits'],
      ['/documents/check', 'document-check'],
      ['/documents/registry', 'document-registry'],
      ['/events', 'events'],
      ['/permissions', 'permission-requests'],
    ] as const) {
      await visit(b.page, path, name, lang);
    }
  });

  it('enrolment pages: a valid link and an invalid one', async () => {
    await b.context.clearCookies();
    expect(enrolmentUrl).toMatch(/\/enrol\//);
    await visit(b.page, new URL(enrolmentUrl).pathname, 'enrol', lang);
    await b.page.getByRole('button', { name: s.enrol.submit }).click();
    await shot(b.page, lang, 'enrol-errors');
    await visit(b.page, '/enrol/not-a-real-token-0000', 'enrol-invalid', lang);
  });
});
