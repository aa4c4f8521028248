import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, type Browser } from './support/browser';
import { login, logout } from './support/app';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Set TANSIQ_E2E_SHOTS to a folder to keep screenshots of the pages (for looking at them, not for asserting).
const SHOTS = process.env.TANSIQ_E2E_SHOTS;
const UN_XML = fileURLToPath(new URL('../../shared/data/watchlists/un-consolidated-2026-02-27.xml', import.meta.url));
const LIST = 'DGSN local list (e2e)';

/** Four individuals of the real UN list with their Arabic names, cut down here (never copied into the repository). */
function unSample(): Buffer {
  const xml = readFileSync(UN_XML, 'utf8');
  const blocks = (xml.match(/<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/g) ?? []).filter((b) => /<REFERENCE_NUMBER>(IQi\.001|IQi\.004|IQi\.006|IQi\.013)<\/REFERENCE_NUMBER>/.test(b));
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST><INDIVIDUALS>${blocks.join('\n')}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n`);
}

async function shot(b: Browser, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await b.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('watchlist entries', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('an agency administrator imports a small list, finds an entry by name in Latin and Arabic script, opens it; an officer opens it from a screening candidate; the administrator deletes the list and the hit says so', async () => {
    const { page } = b;
    await login(page, baseUrl, 'admin@dgsn.demo', password);
    await page.getByRole('link', { name: 'Watchlists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Watchlists' }).waitFor();
    await page.getByRole('button', { name: 'Import a list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a list' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'un-sample.xml', mimeType: 'application/xml', buffer: unSample() });
    await dialog.getByLabel('Name').fill(LIST);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Version 1 imported').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: LIST }).waitFor();
    await shot(b, 'watchlists-en');

    // Open the list: its entries, 4 of them.
    await page.getByRole('row', { name: new RegExp(LIST.replace(/[()]/g, '\\$&')) }).getByRole('link', { name: 'Entries' }).click();
    await page.getByRole('heading', { level: 1, name: LIST }).waitFor();
    await page.getByText('Entries found: 4').waitFor();

    // A Latin fragment in lower case finds the entry written in capitals.
    await page.getByLabel('Search a name').fill('saddam hussein');
    await page.getByText('Entries found: 1').waitFor();
    await page.getByRole('cell', { name: 'IQi.001' }).waitFor();
    await shot(b, 'watchlist-entries-en');

    // An Arabic fragment finds the original-script name; the type filter keeps persons.
    await page.getByLabel('Search a name').fill('الدوري');
    await page.getByRole('cell', { name: 'IQi.006' }).waitFor();
    expect(await page.getByRole('cell', { name: 'IQi.001' }).count()).toBe(0);
    await page.getByLabel('Search a name').fill('');
    await page.getByText('Entries found: 4').waitFor();

    // Open an entry: every field, the original-script name among its names.
    await page.getByRole('button', { name: 'SADDAM HUSSEIN AL-TIKRITI' }).click();
    const drawer = page.getByRole('dialog', { name: 'SADDAM HUSSEIN AL-TIKRITI' });
    await drawer.getByText('صدام حسين التكريتي').waitFor();
    await drawer.getByText('Original script').waitFor();
    await drawer.getByText('On the list since version 1').waitFor();
    expect(await drawer.getByText('Dates of birth').count()).toBe(1);
    await shot(b, 'watchlist-entry-en');
    await page.keyboard.press('Escape');

    // The same page in Arabic, right to left.
    await page.getByLabel('Language').selectOption('ar');
    await page.getByText('القيود المطابقة: ٤').or(page.getByText('القيود المطابقة: 4')).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    await page.getByLabel('البحث عن اسم').fill('التكريتي');
    await page.getByRole('cell', { name: 'IQi.004' }).waitFor();
    await shot(b, 'watchlist-entries-ar');
    await page.getByLabel('البحث عن اسم').fill('');
    await page.getByLabel('اللغة').selectOption('en');

    await logout(page);

    // An officer of the agency screens the Arabic name and opens the list entry from the candidate.
    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await page.getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('صدام حسين التكريتي');
    await page.getByLabel('Purpose').fill('Border check, flight AT 501');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const card = page.locator('.mantine-Card-root', { hasText: `${LIST} · IQi.001` }).first();
    await card.waitFor();
    await card.getByRole('link', { name: 'Open the list entry' }).click();
    await page.getByRole('dialog', { name: 'SADDAM HUSSEIN AL-TIKRITI' }).getByText('Original script').waitFor();
    // An officer reads the list but may not delete it, and goes back to screening.
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: '← Screening' }).waitFor();
    await logout(page);

    // Back to the administrator: delete, confirming with the list's name; the button stays disabled until it is typed.
    await login(page, baseUrl, 'admin@dgsn.demo', password);
    await page.getByRole('link', { name: 'Watchlists' }).click();
    await page.getByRole('row', { name: new RegExp(LIST.replace(/[()]/g, '\\$&')) }).getByRole('link', { name: 'Entries' }).click();
    await page.getByRole('heading', { level: 1, name: LIST }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: /Delete .*DGSN local list/ });
    await confirm.getByText(/The 4 entries of/).waitFor();
    const go = confirm.getByRole('button', { name: 'Delete the list and its 4 entries' });
    expect(await go.isDisabled()).toBe(true);
    await confirm.getByRole('textbox').fill(LIST);
    await shot(b, 'watchlist-delete-en');
    await go.click();
    await page.getByRole('heading', { level: 1, name: 'Watchlists' }).waitFor();
    await page.getByText(/DGSN local list \(e2e\).* was deleted\./).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(LIST.replace(/[()]/g, '\\$&')) }).count()).toBe(0);
    await logout(page);

    // The officer's hit on the deleted list is still there, saying so.
    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await page.getByRole('link', { name: 'Hits' }).click();
    await page.getByText(/IQi\.001/).first().waitFor();
    await page.getByText('List deleted').first().waitFor();
    await shot(b, 'hit-list-deleted-en');
    await logout(page);
  });
});
