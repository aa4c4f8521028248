import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkDigit } from '../common/mrz';
import { openBrowser, type Browser } from './support/browser';
import { login, logout } from './support/app';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Screenshots for looking at the pages (not for asserting): TANSIQ_E2E_SHOTS, or /tmp/shots.
const SHOTS = process.env.TANSIQ_E2E_SHOTS ?? '/tmp/shots';

async function shot(b: Browser, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await b.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A TD3 passport zone with its check digits computed (the birth date's digit can be made wrong on purpose). */
function td3(o: { state: string; number: string; surname: string; given: string; birth: string; expiry: string; breakBirthDigit?: boolean }): string {
  const l1 = `P<${o.state.padEnd(3, '<')}${`${o.surname}<<${o.given.replace(/ /g, '<')}`.padEnd(39, '<')}`;
  const num = o.number.padEnd(9, '<');
  const bd = checkDigit(o.birth);
  const body = `${num}${checkDigit(num)}${o.state.padEnd(3, '<')}${o.birth}${o.breakBirthDigit ? String((Number(bd) + 3) % 10) : bd}M${o.expiry}${checkDigit(o.expiry)}${'<'.repeat(14)}0`;
  return `${l1}\n${body}${checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43))}`;
}

describe('document check', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a border officer pastes a zone with a bad check digit: the field is named, and the result is flagged unreliable', async () => {
    const { page } = b;
    await login(page, baseUrl, 'officer@bundespolizei.demo', password);
    await page.getByRole('link', { name: 'Document check' }).click();
    await page.getByRole('heading', { level: 1, name: 'Document check' }).waitFor();
    await page.getByTestId('purpose-input').fill('Entry check, Frankfurt airport, flight AT 810');
    // Pasted as a scanner gives it: lower case, with spaces.
    const zone = td3({ state: 'MAR', number: 'RK7730512', surname: 'EL AMRANI'.replace(' ', '<'), given: 'YOUSSEF', birth: '880517', expiry: '310102', breakBirthDigit: true });
    await page.getByTestId('mrz-input').fill(zone.toLowerCase().replace(/(.{11})/g, '$1 '));
    // Parsed in the browser as it is typed: the birth date's digit is red, the others green.
    await page.getByTestId('check-birthDate').waitFor();
    expect(await page.getByTestId('check-birthDate').getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('check-documentNumber').getAttribute('data-valid')).toBe('true');
    await page.getByText(/Check digit of the Date of birth field is wrong/).waitFor();
    await page.getByRole('button', { name: 'Check document and holder' }).click();
    await page.getByTestId('unreliable').waitFor();
    await page.getByTestId('document-no-hit').waitFor();
    await shot(b, 'documents-bad-digit-en');
  });

  it('the same officer pastes the zone of a passport the DGSN registered as stolen: a stolen banner naming the DGSN', async () => {
    const { page } = b;
    const zone = td3({ state: 'MAR', number: 'TM4826173', surname: 'BENNANI', given: 'KARIM', birth: '850314', expiry: '310520' });
    await page.getByTestId('mrz-input').fill(zone);
    expect(await page.getByTestId('check-composite').getAttribute('data-valid')).toBe('true');
    await page.getByRole('button', { name: 'Check document and holder' }).click();
    const banner = page.getByTestId('document-hit');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/STOLEN passport/);
    expect(await banner.textContent()).toContain('DGSN');
    expect(await page.getByTestId('unreliable').count()).toBe(0);
    await page.getByText('Holder screened against watchlists and notices').waitFor();
    await shot(b, 'documents-stolen-en');

    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'فحص الوثائق' }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    await page.getByTestId('document-hit').getByText('جواز سفر مسروق').waitFor();
    // The zone stays left to right inside the right-to-left page.
    expect(await page.getByTestId('mrz-lines').getAttribute('dir')).toBe('ltr');
    await shot(b, 'documents-stolen-ar');
    await page.locator('select[name="language"]').selectOption('en');
    await logout(page);
  });

  it('the DGSN officer sees the stolen passport in the registered documents and registers another', async () => {
    const { page } = b;
    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await page.getByRole('link', { name: 'Registered documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registered documents' }).waitFor();
    await page.getByRole('row', { name: /MAR TM4826173/ }).waitFor();
    await page.getByTestId('register-number').fill('TM9911204');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByText('Registered: checks now answer hit.').waitFor();
    await page.getByRole('row', { name: /MAR TM9911204/ }).waitFor();
    await shot(b, 'documents-registry-en');
    await page.locator('select[name="language"]').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'الوثائق المسجّلة' }).waitFor();
    await shot(b, 'documents-registry-ar');
    await page.locator('select[name="language"]').selectOption('en');
    await logout(page);
  });
});
