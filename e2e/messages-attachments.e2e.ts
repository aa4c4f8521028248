import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, login } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// The DGSN–Policía Nacional joint team (server/demo/cases.ts), and the Policía Nacional's own case with the BKA.
const CASE = 'Go-fast boat network across the Strait (Tangier–Algeciras)';
const DRUG_CASE = 'Cocaine and hashish route Algeciras – Rhine-Ruhr';
const run = Date.now().toString(36);
const SUBJECT = `Boat owner behind the go-fast fleet ${run}`;
const SHOTS = process.env.TANSIQ_E2E_SHOTS ?? '/tmp/shots/messages';
mkdirSync(SHOTS, { recursive: true });
let messagePath = '';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Switches the interface language and waits until the page follows. */
async function useLanguage(page: Page, lang: string): Promise<void> {
  await page.locator('select[name="language"]').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Opens a message page and waits for its title; keeps a screenshot if it does not come. */
async function openMessage(page: Page, path: string, title: string | RegExp, name: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor().catch(async (e: unknown) => {
    await shot(page, `failed-${name}`);
    throw e;
  });
}

describe('attachments and passing information on', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the DGSN sends an H2 request to the Policía Nacional in the joint team', async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    const cases = (await apiCall<{ cases: { id: string; title: string; agencies: { id: string; name: string }[] }[] }>(page, 'GET', '/api/cases')).cases;
    const joint = cases.find((c) => c.title === CASE)!;
    const policia = joint.agencies.find((a) => /Policía/.test(a.name))!;
    const sent = await apiCall<{ message: { id: string } }>(page, 'POST', `/api/cases/${joint.id}/messages`, {
      subject: SUBJECT, body: 'The four boats are registered to one company in Tangier. Who owns the warehouses they supply in Spain?',
      recipients: [{ agencyId: policia.id }], handlingCode: 'H2', tlp: 'GREEN', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal', isRequest: true,
    });
    messagePath = `/messages/${sent.message.id}`;
  });

  it('a Spanish officer answers with an attachment (upload progress, then the DGSN downloads it)', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'officer@policia.demo', password);
    await page.goto(`${baseUrl}${messagePath}`);
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor().catch(async (e: unknown) => {
      await shot(page, 'failed-open-message');
      throw e;
    });
    await page.getByRole('button', { name: 'Reply' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reply' });
    await dialog.getByRole('textbox', { name: 'Text' }).fill('The company leases two warehouses in Algeciras: the lease contracts are attached.');
    // A real (small) PDF, chosen through the file button.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles({ name: 'contratos-arrendamiento.pdf', mimeType: 'application/pdf', buffer: pdf });
    await dialog.getByText('Uploaded and encrypted').waitFor();
    await dialog.getByText('PDF ·', { exact: false }).waitFor();
    // A program is refused with the reason, whatever its name.
    const chooser2 = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser2).setFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) });
    await dialog.getByText('This type of file is not accepted', { exact: false }).waitFor();
    await shot(page, 'en-compose-attachments');
    await dialog.getByRole('button', { name: 'Remove setup.exe' }).click();
    await dialog.getByRole('radiogroup', { name: 'Source reliability' }).getByText('B', { exact: true }).click();
    await dialog.getByRole('radiogroup', { name: 'Information accuracy' }).getByText('2', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });

    await context.clearCookies();
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.getByRole('link', { name: /^Inbox/ }).click();
    await page.getByRole('table', { name: 'Inbox' }).getByRole('link', { name: `Re: ${SUBJECT}` }).click();
    const files = page.getByRole('region', { name: 'Attachments' });
    await files.getByText('contratos-arrendamiento.pdf').waitFor();
    const download = page.waitForEvent('download');
    await files.getByRole('link', { name: 'Download contratos-arrendamiento.pdf' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('contratos-arrendamiento.pdf');
    expect(readFileSync((await file.path())!).equals(pdf)).toBe(true);
    await shot(page, 'en-message-attachment');
    await useLanguage(page, 'ar');
    await page.locator('html[dir="rtl"]').waitFor();
    await shot(page, 'ar-message-attachment');
    await useLanguage(page, 'en');
  });

  it('an H2 message cannot be passed on to Germany until the DGSN grants it', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await openMessage(page, messagePath, SUBJECT, 'pass-on-1');
    await page.getByRole('button', { name: 'Pass on' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pass this information on' });
    await dialog.getByRole('combobox', { name: 'Case' }).click();
    await page.getByRole('option', { name: DRUG_CASE }).click();
    const bka = dialog.getByTestId('onward-target').filter({ hasText: 'Bundeskriminalamt' });
    await bka.getByText('Not allowed').waitFor();
    await bka.getByText('H2: the original provider must allow it first.').waitFor();
    expect(await bka.getByRole('checkbox').isDisabled()).toBe(true);
    await bka.getByRole('button', { name: 'Ask the provider' }).click();
    await bka.getByLabel('Why this agency needs it').fill('The BKA follows the Duisburg warehouses supplied by the same company.');
    await bka.getByRole('button', { name: 'Send the request' }).click();
    await bka.getByText('Awaiting the provider').waitFor();
    await shot(page, 'en-pass-on-refused');
    await useLanguage(page, 'ar');
    await shot(page, 'ar-pass-on-refused');
    await useLanguage(page, 'en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The DGSN, the original provider, decides.
    await context.clearCookies();
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.getByRole('link', { name: 'Permission requests' }).click();
    const row = page.getByTestId('permission-row').filter({ hasText: 'The BKA follows the Duisburg warehouses' });
    await row.getByText('Pending', { exact: true }).waitFor();
    await shot(page, 'en-permissions');
    await useLanguage(page, 'ar');
    await shot(page, 'ar-permissions');
    await useLanguage(page, 'en');
    await row.getByRole('button', { name: 'Grant' }).click();
    const decide = page.getByRole('dialog', { name: 'Grant the permission' });
    await decide.getByLabel('Conditions (optional)').fill('For the drug-route case only.');
    await decide.getByRole('button', { name: 'Grant' }).click();
    await row.getByText('Granted').waitFor();

    // Now the Policía Nacional passes it on, and the BKA reads the copy.
    await context.clearCookies();
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await openMessage(page, messagePath, SUBJECT, 'pass-on-2');
    await page.getByRole('button', { name: 'Pass on' }).click();
    await dialog.getByRole('combobox', { name: 'Case' }).click();
    await page.getByRole('option', { name: DRUG_CASE }).click();
    await bka.getByText('Granted').waitFor();
    await bka.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Pass on' }).click();
    await page.getByRole('heading', { level: 1, name: `Fwd: ${SUBJECT}` }).waitFor();
    const copyPath = new URL(page.url()).pathname;

    await context.clearCookies();
    await login(page, baseUrl, 'officer@bka.demo', password);
    await page.goto(`${baseUrl}${copyPath}`);
    await page.getByRole('heading', { level: 1, name: `Fwd: ${SUBJECT}` }).waitFor();
    await page.getByText('The four boats are registered to one company in Tangier.', { exact: false }).waitFor();
  });
  it('H1: a Spanish officer asks the DGSN for use in court; the DGSN sees it among its permission requests', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    const cases = (await apiCall<{ cases: { id: string; title: string; agencies: { id: string; name: string }[] }[] }>(page, 'GET', '/api/cases')).cases;
    const joint = cases.find((c) => c.title === CASE)!;
    const policia = joint.agencies.find((a) => /Policía/.test(a.name))!;
    const h1 = await apiCall<{ message: { id: string } }>(page, 'POST', `/api/cases/${joint.id}/messages`, {
      subject: `Phone records of the skipper ${run}`, body: 'Call records obtained under the Moroccan warrant.',
      recipients: [{ agencyId: policia.id }], handlingCode: 'H1', tlp: 'AMBER', sourceReliability: 'A', infoAccuracy: 1, priority: 'normal',
    });

    await context.clearCookies();
    await login(page, baseUrl, 'officer@policia.demo', password);
    await page.goto(`${baseUrl}/messages/${h1.message.id}`);
    await page.getByRole('button', { name: 'Ask for use in court' }).click();
    const dialog = page.getByRole('dialog', { name: 'Use in judicial proceedings' });
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await dialog.getByText('Give a reason (at least 3 characters).').waitFor();
    await dialog.getByLabel('Proceedings and why the information is needed').fill('Trial of the skipper before the Audiencia Provincial de Cádiz.');
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await dialog.getByText('Request sent to the original provider.', { exact: false }).waitFor();
    await shot(page, 'en-judicial-request');

    await context.clearCookies();
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.getByRole('link', { name: 'Permission requests' }).click();
    const row = page.getByTestId('permission-row').filter({ hasText: 'Audiencia Provincial de Cádiz' });
    await row.getByText('Use in judicial proceedings').waitFor();
    await row.getByRole('button', { name: 'Refuse' }).click();
    const decide = page.getByRole('dialog', { name: 'Refuse the permission' });
    await decide.getByRole('button', { name: 'Refuse' }).click();
    await decide.getByText('State the ground of refusal.').waitFor();
    await decide.getByLabel('Ground of refusal').fill('The warrant does not cover use abroad.');
    await decide.getByRole('button', { name: 'Refuse' }).click();
    await row.getByText('Refused').waitFor();
  });
});
