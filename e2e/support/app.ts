import type { Page } from 'playwright-core';

/**
 * Signs in through the login page; with `totp`, answers the second step too. Waits for the home page, which opens in
 * the account's language, then switches the interface to English so that tests can select by English names.
 */
export async function login(page: Page, baseUrl: string, email: string, password: string, totp?: () => string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp) {
    await page.getByLabel('Verification code').waitFor();
    await page.getByLabel('Verification code').fill(totp());
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL((u) => u.pathname === '/');
  await page.locator('h1').waitFor();
  await useEnglish(page);
  await page.getByRole('heading', { level: 1, name: /^Welcome,/ }).waitFor();
}

/** Chooses English in the language switcher, whatever the interface language is now. */
export async function useEnglish(page: Page): Promise<void> {
  await page.locator('select[name="language"]').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** Signs out through the account menu and waits for the login page. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** An API call from the signed-in page (the CSRF token from /api/me), for setting the scene quickly; throws on an error. */
export async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, path, body }) => {
    const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
    const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }, { method, path, body }) as Promise<T>;
}
