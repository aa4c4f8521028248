import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { syntheticPortrait } from '../server/demo/png';
import { login, logout, useEnglish } from './support/app';
import { openBrowser, type Browser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Screenshots of the pages in English and Arabic, to look at (TANSIQ_E2E_SHOTS, or /tmp/shots/notices).
const SHOTS = process.env.TANSIQ_E2E_SHOTS ?? '/tmp/shots/notices';
mkdirSync(SHOTS, { recursive: true });

// A run-unique date of birth keeps this notice apart from any earlier run against the same server.
const day = String(1 + (Date.now() % 27)).padStart(2, '0');
const BIRTH = `1978-04-${day}`;
const ARABIC = 'عبد الرحيم الوزاني';
const LATIN = 'Abderrahim El Ouazzani';
const PASSENGERS = `name,birth_date,nationality,document_number\nAbderrahim Louazani,${BIRTH},MA,TK4471920\nMarie Lefèvre,1990-02-11,FR,19AB12345\nJonas Becker,1985-07-30,DE,C01X00T47\n`;
let noticePath = '';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Takes the same page in Arabic (and checks it mirrors), then back to English. */
async function arabicShot(page: Page, name: string, heading?: string) {
  await page.locator('select[name="language"]').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await shot(page, `${name}-ar`);
  await useEnglish(page);
}

async function uploadPassengers(page: Page, purpose: string) {
  await page.goto(`${baseUrl}/screening?tab=lists`);
  await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: `passengers-ib3310-${Date.now()}.csv`, mimeType: 'text/csv', buffer: Buffer.from(PASSENGERS) });
  await page.getByLabel('Purpose').fill(purpose);
  await page.getByRole('button', { name: 'Screen the list' }).click();
  // The job runs; its results open when it is done (3 rows).
  await page.getByText(/Rows: 3/).waitFor({ timeout: 60_000 });
}

describe('notices: a Red Notice from request to hit, and no arrest alert once suspended', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });
  // Each step signs in afresh, so that one failing step does not leave the next one signed in as someone else.
  beforeEach(async () => {
    await b.context.clearCookies();
  });

  it("Spain's NCB drafts a Red Notice with the name in Arabic and Latin script and submits it", async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notices and diffusions' }).waitFor();
    await page.getByRole('link', { name: 'Request a notice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Request a notice or diffusion' }).waitFor();

    // Nothing typed: the form says what is missing, beside the fields, and keeps what was typed.
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Some fields need attention').waitFor();

    await page.getByRole('radio', { name: 'Red' }).check();
    await page.getByRole('textbox', { name: 'Name 1' }).fill(ARABIC);
    await page.getByRole('textbox', { name: 'Script' }).first().fill('ar');
    await page.getByRole('button', { name: 'Add a name' }).click();
    await page.getByRole('textbox', { name: 'Name 2' }).fill(LATIN);
    await page.getByRole('textbox', { name: 'Script' }).nth(1).fill('Latn');
    await page.getByRole('combobox', { name: 'Dates of birth' }).fill(BIRTH);
    await page.getByRole('combobox', { name: 'Dates of birth' }).press('Enter');
    await page.getByRole('combobox', { name: 'Nationalities' }).fill('MA');
    await page.getByRole('combobox', { name: 'Nationalities' }).press('Enter');
    await page.getByRole('textbox', { name: 'Offence' }).fill('Leader of a migrant smuggling network across the Strait of Gibraltar (go-fast boats, Tangier–Algeciras), 2023–2025; trafficking in human beings.');
    await page.getByRole('textbox', { name: 'Legal basis' }).fill('Articles 318 bis and 177 bis of the Spanish Criminal Code; 1957 European Convention on Extradition.');
    await shot(page, 'form-en');
    await arabicShot(page, 'form', 'طلب نشرة أو تعميم');

    // Save and submit without the warrant: the server refuses the step and says which fields, the draft is kept.
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.getByText('A Red Notice needs the reference of the arrest warrant or judicial decision.').waitFor();
    await page.getByRole('textbox', { name: 'Arrest warrant reference' }).fill('Orden europea y nacional de detención 112/2025, Juzgado Central de Instrucción n.º 4');
    await page.getByRole('textbox', { name: 'Authority that issued the warrant' }).fill('Audiencia Nacional, Juzgado Central de Instrucción n.º 4, Madrid');
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();

    await page.locator('[data-banner="awaiting-approval"]').waitFor();
    noticePath = new URL(page.url()).pathname;
    expect(noticePath).toMatch(/^\/notices\/[0-9a-f-]{36}$/);
    // Both names, the Arabic one rendered right to left on its own.
    expect(await page.locator(`[data-name="${ARABIC}"]`).getAttribute('dir')).toBe('auto');
    await page.locator(`[data-name="${LATIN}"]`).waitFor();
    await page.getByText('Submitted to the NCB supervisor').waitFor();
    // Only the supervisor approves: the drafter has no button for it.
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await logout(page);
  });

  it("the NCB supervisor approves it; the General Secretariat publishes it", async () => {
    const { page } = b;
    await login(page, baseUrl, 'supervisor@policia.demo', password);
    await page.getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('tab', { name: 'Awaiting my approval' }).click();
    await page.getByRole('link', { name: new RegExp(ARABIC) }).first().click();
    await page.getByRole('button', { name: 'Approve and send to the General Secretariat' }).click();
    await page.locator('[data-banner="requested"]').waitFor();
    await page.getByText('Approved and sent to the General Secretariat').waitFor();
    await logout(page);

    await login(page, baseUrl, 'reviewer@interpol.demo', password);
    await page.getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('tab', { name: 'Awaiting review' }).click();
    await page.getByRole('link', { name: new RegExp(ARABIC) }).first().click();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('[data-banner="wanted"]').waitFor();
    await page.getByText('Published by the General Secretariat').waitFor();
    await shot(page, 'notice-en');
    await arabicShot(page, 'notice', ARABIC);

    await page.getByRole('link', { name: '← All notices' }).click();
    await page.getByRole('tab', { name: 'All' }).click();
    await page.getByRole('link', { name: new RegExp(ARABIC) }).first().waitFor();
    await page.getByText('What the colours mean').click();
    await page.getByText('Arrest with a view to extradition').first().waitFor();
    await shot(page, 'gallery-en');
    await arabicShot(page, 'gallery', 'النشرات والتعاميم');
    await logout(page);
  });

  it('a DGSN border officer screens a passenger list, the Red Notice hits under a French spelling, and he confirms it', async () => {
    const { page } = b;
    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await uploadPassengers(page, 'Border check, ferry Algeciras–Tanger Med, crossing of 14:00');
    const noticeId = noticePath.split('/').pop()!;
    await page.locator(`[data-candidate-notice="${noticeId}"] [data-arrest-alert]`).first().waitFor();
    await page.getByText('Abderrahim Louazani').first().waitFor();
    await shot(page, 'screening-alert-en');
    await page.locator(`[data-candidate-notice="${noticeId}"]`).first().getByRole('link', { name: 'Review hit' }).click();

    await page.locator('[data-arrest-alert]').first().waitFor();
    await shot(page, 'hit-en');
    await arabicShot(page, 'hit');
    await page.getByRole('button', { name: 'Confirm hit' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('Passport TK4471920 and face match the notice; fingerprints taken.');
    await page.getByRole('textbox', { name: 'Where' }).fill('Tanger Med port, ferry terminal');
    await page.getByRole('button', { name: 'Confirm hit' }).click();
    await page.getByText('Requesting NCB informed').waitFor();
    await page.locator('[data-hit-state="confirmed"]').first().waitFor();

    await page.getByRole('link', { name: 'Hits', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hits' }).waitFor();
    await page.getByText('All', { exact: true }).click();
    await page.locator('[data-hit-state="confirmed"]').first().waitFor();
    await shot(page, 'hits-en');
    await arabicShot(page, 'hits', 'التطابقات');
    await logout(page);
  });

  it('the Spanish NCB sees the hit on its notice and finds the message in the case', async () => {
    const { page } = b;
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}${noticePath}`);
    await page.getByRole('heading', { level: 2, name: 'Hits on this notice' }).waitFor();
    await page.locator('[data-hit-state="confirmed"]').first().waitFor();
    await page.getByRole('link', { name: 'Open the case' }).first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const hitMessage = page.getByRole('link', { name: /^Hit confirmed: Red Notice R-/ }).first();
    await hitMessage.waitFor();
    await hitMessage.click();
    await page.getByRole('heading', { level: 1, name: /^Hit confirmed: Red Notice R-/ }).waitFor();
    await page.getByText('Tanger Med port, ferry terminal').waitFor();
    await page.getByText(/Abderrahim Louazani/).first().waitFor();

    // Its hits page, tab "hits on our notices": the DGSN's confirmation, without the DGSN's own record of the person.
    await page.getByRole('link', { name: 'Hits', exact: true }).click();
    await page.getByRole('tab', { name: 'Hits on our notices' }).click();
    const theirs = page.locator(`[data-hit][data-notice="${noticePath.split('/').pop()!}"]`).first();
    await theirs.locator('[data-hit-state="confirmed"]').waitFor();
    await theirs.getByText(/^Screened by .*\(DGSN\)/).waitFor();
    await shot(page, 'hits-on-our-notices-en');
    await arabicShot(page, 'hits-on-our-notices', 'التطابقات');
    await logout(page);
  });

  it('after the General Secretariat suspends the notice, the same list raises no arrest alert', async () => {
    const { page } = b;
    await login(page, baseUrl, 'reviewer@interpol.demo', password);
    await page.goto(`${baseUrl}${noticePath}`);
    await page.getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suspend' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Article 3 review of the Rules: information on a possible political character received; suspended pending review.');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await page.locator('[data-banner="suspended"]').waitFor();
    await page.getByText('No action may be taken on this notice.').waitFor();
    await shot(page, 'notice-suspended-en');
    await logout(page);

    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await uploadPassengers(page, 'Border check, ferry Algeciras–Tanger Med, crossing of 18:00');
    const noticeId = noticePath.split('/').pop()!;
    // The list was screened (its rows are there), and nothing on it calls for an arrest on the strength of this notice.
    await page.getByText('Marie Lefèvre').first().waitFor();
    expect(await page.locator(`[data-candidate-notice="${noticeId}"] [data-arrest-alert]`).count()).toBe(0);
    await shot(page, 'screening-after-suspension-en');
    // The earlier, confirmed hit now shows the notice's current status: struck through, no arrest.
    await page.getByRole('link', { name: 'Hits', exact: true }).click();
    await page.getByText('All', { exact: true }).click();
    const earlier = page.locator(`[data-hit][data-notice="${noticeId}"]`).first();
    await earlier.locator('[data-no-arrest]').waitFor();
    expect(await earlier.locator('[data-arrest-alert]').count()).toBe(0);
    await shot(page, 'hits-after-suspension-en');
    await logout(page);
  });

  it("a diffusion goes from Morocco's NCB straight to Spain's once approved; the BKA does not see it", async () => {
    const { page } = b;
    const subject = `Youssef Benali ${Date.now().toString(36)}`;
    await login(page, baseUrl, 'liaison@dgsn.demo', password);
    await page.goto(`${baseUrl}/notices/new`);
    await page.getByText('Diffusion', { exact: true }).click();
    await page.getByRole('radio', { name: 'Blue' }).check();
    await page.getByRole('textbox', { name: 'Name 1' }).fill(subject);
    await page.getByRole('combobox', { name: 'Nationalities' }).fill('MA');
    await page.getByRole('combobox', { name: 'Nationalities' }).press('Enter');
    await page.getByRole('textbox', { name: 'Reason' }).fill('Locate: suspected recruiter for the go-fast network, believed to travel between Tangier and Algeciras.');
    // No addressee: the server says so on the field, and the draft is kept.
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.getByText('Choose the agencies this diffusion goes to.').waitFor();
    await page.getByRole('combobox', { name: 'Addressee agencies' }).click();
    await page.getByRole('option', { name: /Policía Nacional/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.locator('[data-banner="awaiting-approval"]').waitFor();
    const path = new URL(page.url()).pathname;
    await logout(page);

    await login(page, baseUrl, 'supervisor@dgsn.demo', password);
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('button', { name: 'Approve and send the diffusion' }).click();
    await page.getByText('Approved and sent to the addressees').waitFor();
    await page.locator('[data-state="published"]').first().waitFor();
    await logout(page);

    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}/notices?kind=diffusion`);
    await page.getByRole('link', { name: new RegExp(subject) }).waitFor();
    await logout(page);

    await login(page, baseUrl, 'liaison@bka.demo', password);
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.goto(`${baseUrl}/notices?kind=diffusion`);
    await page.getByRole('heading', { level: 1, name: 'Notices and diffusions' }).waitFor();
    // The list has answered (a count, or nothing to show) before we look for the diffusion in it.
    await page.getByText(/^\d+ notices?$|^No notice/).first().waitFor();
    expect(await page.getByRole('link', { name: new RegExp(subject) }).count()).toBe(0);
    await logout(page);
  });

  it('the NCB supervisor sends a draft back with a reason; the drafter edits it and submits it again', async () => {
    const { page } = b;
    const child = `Salma Idrissi ${Date.now().toString(36)}`;
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}/notices/new`);
    await page.getByRole('radio', { name: 'Yellow' }).check();
    await page.getByRole('textbox', { name: 'Name 1' }).fill(child);
    await page.getByRole('combobox', { name: 'Dates of birth' }).fill('2012-03-09');
    await page.getByRole('combobox', { name: 'Dates of birth' }).press('Enter');
    await page.getByRole('textbox', { name: 'Reason' }).fill('Missing since 2 November 2026, last seen at Algeciras port.');
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.locator('[data-banner="awaiting-approval"]').waitFor();
    const path = new URL(page.url()).pathname;
    await logout(page);

    await login(page, baseUrl, 'supervisor@policia.demo', password);
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole('button', { name: 'Send back to the drafter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send back to the drafter' });
    // No reason: the dialog says it is needed and sends nothing.
    await dialog.getByRole('button', { name: 'Send back to the drafter' }).click();
    await dialog.getByText('Give the reason (at least 3 characters)').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Add the place of birth and the clothes she wore.');
    await dialog.getByRole('button', { name: 'Send back to the drafter' }).click();
    await page.locator('[data-banner="draft"]').waitFor();
    await page.getByText('Sent back to the drafter').waitFor();
    await logout(page);

    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}${path}`);
    await page.locator('[data-banner="draft"]').getByText(/Add the place of birth/).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Place of birth' }).fill('Tangier');
    await page.getByRole('textbox', { name: 'Distinguishing marks' }).fill('Blue school uniform, red backpack.');
    await page.getByRole('button', { name: 'Save and submit for approval' }).click();
    await page.locator('[data-banner="awaiting-approval"]').waitFor();
    await page.getByText('Tangier', { exact: true }).waitFor();
    await logout(page);
  });

  it("the NCB adds the subject's photo to a draft (a refused file said plainly), replaces and removes it; a published notice shows its photo to readers", async () => {
    const { page } = b;
    const subject = `Karim Haddou ${Date.now().toString(36)}`;
    const loaded = (sel: string) => page.waitForFunction((s) => { const i = document.querySelector<HTMLImageElement>(s); return !!i && i.complete && i.naturalWidth > 0; }, sel);
    await login(page, baseUrl, 'liaison@policia.demo', password);
    await page.goto(`${baseUrl}/notices/new`);
    await page.getByText('You can add the subject\'s photo once the draft is saved.').waitFor();
    await page.getByRole('radio', { name: 'Blue' }).check();
    await page.getByRole('textbox', { name: 'Name 1' }).fill(subject);
    await page.getByRole('textbox', { name: 'Reason' }).fill('Locate: suspected courier of the go-fast network between Tangier and Algeciras.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('[data-banner="draft"]').waitFor();
    const editor = page.getByTestId('photo-editor');
    await editor.locator('[data-photo="none"]').waitFor();

    // A text file named .jpg reaches the server, which judges the content and refuses it; the page says why.
    await editor.locator('input[type=file]').setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Not a picture at all.\n') });
    await editor.getByText('Only JPEG, PNG or WebP images are accepted, and this file is none of them.').waitFor();
    // A synthetic picture (a drawn silhouette of nobody) is accepted and shown from the API.
    await editor.locator('input[type=file]').setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: syntheticPortrait() });
    await editor.getByRole('button', { name: 'Replace the photo' }).waitFor();
    await loaded('[data-testid="photo-editor"] img[data-photo="shown"]');
    expect(await editor.locator('[data-photo-error]').count()).toBe(0);
    // Choosing the file scrolled the page: back to the top, so that the full-page picture has the header in place.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'notice-photo-draft-en');
    await arabicShot(page, 'notice-photo-draft', subject);

    // Replaced by another picture, then removed.
    await editor.locator('input[type=file]').setInputFiles({ name: 'other.png', mimeType: 'image/png', buffer: syntheticPortrait(200, 250) });
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('[data-testid="photo-editor"] img[data-photo="shown"]')?.naturalWidth === 200);
    // The edit page has the same control above the form.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Photo of the subject' }).waitFor();
    await loaded('[data-testid="photo-editor"] img[data-photo="shown"]');
    await shot(page, 'notice-photo-edit-en');
    // The gallery shows a thumbnail.
    await page.goto(`${baseUrl}/notices?scope=mine`);
    await page.getByRole('link', { name: new RegExp(subject) }).locator('img[data-photo="shown"]').waitFor();
    await loaded('a[data-notice] img[data-photo="shown"]');
    await shot(page, 'notice-photo-gallery-en');
    await page.getByRole('link', { name: new RegExp(subject) }).click();
    await editor.getByRole('button', { name: 'Remove the photo' }).click();
    await editor.locator('[data-photo="none"]').waitFor();
    await logout(page);

    // A reader in another agency sees the demo Red Notice's (synthetic) photo beside the subject.
    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await page.goto(`${baseUrl}/notices`);
    await page.getByRole('link', { name: /Rachid Boukhari Amrani/ }).locator('img[data-photo="shown"]').waitFor();
    await page.getByRole('link', { name: /Rachid Boukhari Amrani/ }).click();
    await loaded('img[data-photo="shown"]');
    expect(await page.getByTestId('photo-editor').count()).toBe(0);
    await shot(page, 'notice-photo-en');
    await arabicShot(page, 'notice-photo', 'Rachid Boukhari Amrani');
    await logout(page);
  });
});
