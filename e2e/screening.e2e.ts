import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBrowser, type Browser } from './support/browser';
import { login, logout } from './support/app';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Set TANSIQ_E2E_SHOTS to a folder to keep screenshots of the pages (for looking at them, not for asserting).
const SHOTS = process.env.TANSIQ_E2E_SHOTS;
const UN_XML = fileURLToPath(new URL('../../shared/data/watchlists/un-consolidated-2026-02-27.xml', import.meta.url));

/** Three entries of the real UN list, cut down here (never copied into the repository), without their Arabic names. */
function unSample(): Buffer {
  const xml = readFileSync(UN_XML, 'utf8');
  const blocks = (xml.match(/<INDIVIDUAL>[\s\S]*?<\/INDIVIDUAL>/g) ?? []).filter((b) => /<REFERENCE_NUMBER>(IQi\.001|IQi\.002|CDi\.001)<\/REFERENCE_NUMBER>/.test(b));
  const body = blocks.map((b) => b.replace(/\s*<NAME_ORIGINAL_SCRIPT>[^<]*<\/NAME_ORIGINAL_SCRIPT>/g, '')).join('\n');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST><INDIVIDUALS>${body}</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n`);
}

async function shot(b: Browser, name: string) {
  if (SHOTS) await b.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe('screening', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the platform administrator imports a small UN list and sees its first version', async () => {
    const { page } = b;
    await login(page, baseUrl, 'platform@tansiq.demo', password);
    await page.getByRole('link', { name: 'Watchlists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Watchlists' }).waitFor();
    await page.getByRole('button', { name: 'Import a list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a list' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'un-sample.xml', mimeType: 'application/xml', buffer: unSample() });
    await dialog.getByLabel('Name').fill('UN Security Council (e2e)');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Version 1 imported').waitFor();
    expect(await dialog.textContent()).toContain('3 entries: 3 added, 0 removed, 0 changed');
    await shot(b, 'watchlists-import-en');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'UN Security Council (e2e)' }).waitFor();
    await page.getByRole('row', { name: /UN Security Council \(e2e\)/ }).getByRole('button', { name: 'Versions' }).click();
    await page.getByRole('dialog', { name: 'UN Security Council (e2e)' }).getByText('+3').waitFor();
    await shot(b, 'watchlists-versions-en');
    await page.keyboard.press('Escape');
    await logout(page);
  });

  it('an officer screens an Arabic name and sees the Latin entry with its explanation', async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('صدام حسين التكريتي');
    await page.getByLabel('Purpose').fill('Border check, flight AT 501');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const top = page.getByText('SADDAM HUSSEIN AL-TIKRITI').first();
    await top.waitFor();
    await page.getByText(/Possible match/).waitFor();
    // The explanation of the first alert is open: token by token, by transliteration.
    await page.getByText('transliteration').first().waitFor();
    expect(await page.getByText(/UN Security Council \(e2e\) · IQi\.001/).count()).toBeGreaterThan(0);
    await shot(b, 'screening-en');

    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'التدقيق' }).waitFor();
    expect(await page.evaluate(() => document.dir)).toBe('rtl');
    await page.getByRole('textbox', { name: 'الاسم' }).fill('صدام حسين التكريتي');
    await page.getByRole('button', { name: 'دقّق' }).click();
    await page.getByText('نقل حرفي').first().waitFor();
    await shot(b, 'screening-ar');

    await page.getByLabel('اللغة').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Criblage' }).waitFor();
    await page.getByRole('textbox', { name: 'Nom' }).fill('Sadam Husein al Tikriti');
    await page.getByLabel('Date de naissance').fill('1937-04-28');
    await page.getByRole('button', { name: 'Cribler' }).click();
    await page.getByText(/Même date de naissance/).first().waitFor();
    await shot(b, 'screening-fr');
    await page.getByLabel('Langue').selectOption('en');
  });

  it('screens a list: progress, then results with alerts first', async () => {
    const { page } = b;
    await page.getByRole('tab', { name: 'A list of people' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'passengers.csv', mimeType: 'text/csv', buffer: Buffer.from('name,birth_date,seat\nJohn Smith,1980-01-01,12B\nصدام حسين التكريتي,,1A\nMaria Lopez,,3C\n') });
    await page.getByLabel('Purpose').fill('Flight AT 501 passenger list');
    await page.getByRole('button', { name: 'Screen the list' }).click();
    await page.getByRole('cell', { name: 'passengers.csv' }).first().waitFor();
    await page.getByText('Alerts: 1').first().waitFor();
    await page.getByRole('button', { name: 'Results' }).first().click();
    await page.getByText('Rows: 3 · alerts: 1').waitFor();
    // Alerts first: the first row shown is the Arabic name, not the first line of the file.
    const firstRow = await page.locator('text=#2').first().isVisible();
    expect(firstRow).toBe(true);
    await shot(b, 'batch-en');
    await page.getByLabel('Language').selectOption('ar');
    await page.getByText('الأسطر: 3 · التنبيهات: 1').waitFor();
    await shot(b, 'batch-ar');
    await page.getByLabel('اللغة').selectOption('en');
  });
});
