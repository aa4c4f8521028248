import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login, logout } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const EMAIL = 'analyst@dgst.demo';

describe('two-step verification', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('enrols a TOTP factor, then signs in again with password and code', async () => {
    const { page } = b;
    await login(page, baseUrl, EMAIL, password);
    await page.getByRole('link', { name: 'Account settings' }).click();
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();

    await page.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
    const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    const totp = new TOTP({ secret: Secret.fromBase32(secret ?? ''), digits: 6, period: 30, algorithm: 'SHA1' });

    await page.getByLabel('Code from the app').fill(totp.generate());
    await page.getByRole('button', { name: 'Confirm and enable' }).click();
    const codes = page.getByTestId('recovery-code');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('Enabled').first().waitFor();

    await logout(page);
    // A code already used is refused (replay): take the next time step, which the server accepts as drift.
    await login(page, baseUrl, EMAIL, password, () => totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('heading', { level: 1, name: /^Welcome,/ }).waitFor();
  });

  it('refuses a wrong code with a translated message', async () => {
    const { page } = b;
    await logout(page);
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Verification code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
