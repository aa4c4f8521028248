import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// A demo joint team of the DGSN and the Policía Nacional (server/demo/cases.ts), under their bilateral partnership.
const CASE = 'Go-fast boat network across the Strait (Tangier–Algeciras)';
const SUBJECT = `Skippers of the intercepted boats ${Date.now().toString(36)}`;
const RESTRICTION = 'Not to be shared with the Guardia Civil before the joint operation of 12 December.';
let messagePath = '';

describe('case messages', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('a DGSN liaison officer writes an H3 message to the Policía Nacional from the case page', async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.goto(`${baseUrl}/cases`);
    await page.getByRole('link', { name: CASE }).click();
    const section = page.getByRole('region', { name: 'Messages' });
    await section.waitFor();
    await section.getByRole('button', { name: 'New message' }).click();

    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByRole('checkbox', { name: 'Policía Nacional', exact: false }).waitFor();
    // Nothing filled in: the fields say what is missing, in words.
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByText('A subject is needed.').waitFor();

    await dialog.getByLabel('Subject').fill(SUBJECT);
    await dialog.getByRole('textbox', { name: 'Text' }).fill('The two skippers are **Karim B.** and **Youssef A.**\n\n<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>\n\n- boat one: *Sea Hawk*\n- boat two: unnamed');
    await dialog.getByRole('tab', { name: 'Preview' }).click();
    await dialog.locator('strong', { hasText: 'Karim B.' }).waitFor();
    await dialog.getByText('H3 · Other restriction').click();
    await dialog.getByText('H3: other restrictions, stated in its text; each reader acknowledges them before reading.').waitFor();
    await dialog.getByLabel('Text of the restriction').fill(RESTRICTION);
    await dialog.getByText('TLP:AMBER+STRICT').click();
    await dialog.getByText('Only within the recipient agency.').waitFor();
    await dialog.getByRole('radiogroup', { name: 'Source reliability' }).getByText('B', { exact: true }).click();
    await dialog.getByText('A source whose information has in most instances proved reliable.').waitFor();
    await dialog.getByRole('radiogroup', { name: 'Information accuracy' }).getByText('2', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });

    await section.getByRole('link', { name: SUBJECT }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    messagePath = new URL(page.url()).pathname;
    expect(messagePath).toMatch(/^\/messages\/[0-9a-f-]{36}$/);
    // The sender reads its own message; the receipts name the Policía Nacional, not yet read.
    await page.locator('article strong', { hasText: 'Karim B.' }).waitFor();
    const receipts = page.getByRole('table', { name: 'Receipts' });
    await receipts.getByText('Policía Nacional', { exact: false }).waitFor();
    await receipts.getByText('Not yet').first().waitFor();
  });

  it('a Policía Nacional officer finds it in the inbox and acknowledges the H3 restriction before the text shows', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'officer@policia.demo', password);
    await page.getByRole('link', { name: /^Inbox/ }).click();
    const list = page.getByRole('table', { name: 'Inbox' });
    const row = list.getByRole('row').filter({ hasText: SUBJECT });
    await row.waitFor();
    expect(await row.getAttribute('data-unread')).toBe('true');
    await row.getByText('TLP:AMBER+STRICT').waitFor();
    await row.getByText('H3', { exact: true }).waitFor();

    await row.getByRole('link', { name: SUBJECT }).click();
    const panel = page.getByRole('region', { name: /^Restriction set by / });
    await panel.getByText(RESTRICTION).waitFor();
    // Until acknowledged, the text never reaches the browser.
    expect(await page.getByText('Karim B.').count()).toBe(0);
    await panel.getByRole('button', { name: 'I acknowledge' }).click();
    await page.locator('article strong', { hasText: 'Karim B.' }).waitFor();
    await page.getByText(`H3 restriction you acknowledged: ${RESTRICTION}`).waitFor();
    // Raw HTML in the body is neither rendered nor run.
    expect(await page.locator('article img, article script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Acknowledge receipt' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Reply' }).waitFor();
  });

  it('a Bundespolizei officer gets "not found" on its address', async () => {
    const { page, context } = b;
    await context.clearCookies();
    await login(page, baseUrl, 'officer@bundespolizei.demo', password);
    await page.goto(`${baseUrl}${messagePath}`);
    await page.getByRole('heading', { level: 1, name: 'Message not found' }).waitFor();
    expect(await page.getByText(SUBJECT).count()).toBe(0);
    expect(await page.getByText(RESTRICTION).count()).toBe(0);
  });
});
