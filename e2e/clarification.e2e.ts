import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { apiCall, login, useEnglish } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// A demo case of the Policía Nacional with the BKA, whose partnership follows Directive (EU) 2023/977.
const CASE = 'Cocaine and hashish route Algeciras – Rhine-Ruhr';
const SUBJECT = `Lease holders of the Duisburg warehouses ${Date.now().toString(36)}`;
const QUESTION = 'Which of the three warehouses do you mean: Ruhrort, Hochfeld or Neuenkamp?';
let requestPath = '';
// Set TANSIQ_E2E_SHOTS to a folder to keep screenshots (English and Arabic) of the question on the request.
const SHOTS = process.env.TANSIQ_E2E_SHOTS;

describe('a request under Directive 2023/977: the requested side asks for clarification, the requesting side is shown what to answer', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the BKA asks the Policía Nacional to clarify its request; the clock stops', async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@policia.demo', password);
    const cases = await apiCall<{ cases: { id: string; title: string }[] }>(page, 'GET', '/api/cases');
    const theCase = cases.cases.find((c) => c.title === CASE)!;
    const detail = (await apiCall<{ case: { participants: { agency: { id: string; name: string } }[] } }>(page, 'GET', `/api/cases/${theCase.id}`)).case;
    const bka = detail.participants.find((p) => p.agency.name.includes('Bundeskriminalamt'))!.agency.id;
    const sent = await apiCall<{ message: { id: string } }>(page, 'POST', `/api/cases/${theCase.id}/messages`, {
      subject: SUBJECT, body: 'Please tell us who holds the lease of the warehouse.', recipients: [{ agencyId: bka }],
      handlingCode: 'H0', tlp: 'AMBER', sourceReliability: 'B', infoAccuracy: 2, priority: 'normal', isRequest: true, purpose: 'Drug-trafficking investigation',
    });
    requestPath = `/messages/${sent.message.id}`;

    await b.context.clearCookies();
    await login(page, baseUrl, 'liaison@bka.demo', password);
    await page.goto(`${baseUrl}${requestPath}`);
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    await page.getByRole('button', { name: 'Ask for clarification' }).click();
    await page.getByLabel('What needs clarifying').fill(QUESTION);
    await page.getByRole('button', { name: 'Send the question' }).click();
    await page.getByText('Deadline clock stopped (Directive 2023/977)').waitFor();
  });

  it('the Policía Nacional sees the question on its request, answers it from there, and the request is open again', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}${requestPath}`);
    const hint = page.getByTestId('clarification-to-answer');
    await hint.getByText(QUESTION).waitFor();
    await hint.getByText('The deadline clock stands still until you answer (Directive 2023/977).').waitFor();
    expect(await hint.textContent()).toContain('asks for clarification before answering');
    if (SHOTS) {
      await page.screenshot({ path: join(SHOTS, 'clarification-en.png') });
      await page.locator('select[name="language"]').selectOption('ar');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.screenshot({ path: join(SHOTS, 'clarification-ar.png') });
      await useEnglish(page);
    }

    await hint.getByRole('button', { name: /^Answer / }).click();
    const dialog = page.getByRole('dialog', { name: 'Reply' });
    await dialog.waitFor();
    // Addressed to the agency that asked.
    expect(await dialog.getByRole('checkbox', { name: 'Bundeskriminalamt', exact: false }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Text' }).fill('The warehouse in Duisburg-Ruhrort, Hafenstraße.');
    await dialog.getByRole('radiogroup', { name: 'Source reliability' }).getByText('A', { exact: true }).click();
    await dialog.getByRole('radiogroup', { name: 'Information accuracy' }).getByText('1', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => page.getByTestId('clarification-to-answer').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('table', { name: 'Receipts' }).getByText(/^Clarified /).waitFor();
  });
});
