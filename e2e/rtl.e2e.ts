import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

describe('languages', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('switches the login page to Arabic: right to left, translated, remembered after reload', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/login`);
    expect(await page.evaluate(() => document.dir)).toBe('ltr');
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.reload();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    await page.getByLabel('اللغة').selectOption('en');
    expect(await page.evaluate(() => document.dir)).toBe('ltr');
  });

  it('keeps the choice on the account: the next sign-in opens in Arabic', async () => {
    const { page, context } = b;
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: /^مرحبًا/ }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    // Mantine mirrors too: the navbar sits on the right.
    const nav = await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).boundingBox();
    expect(nav && nav.x > 600).toBe(true);

    // A new browser profile (no local choice) takes the account's language at sign-in.
    await context.clearCookies();
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Language').selectOption('en');
    await page.getByLabel('E-mail').fill('liaison@dgsn.demo');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /^مرحبًا/ }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
  });
});
