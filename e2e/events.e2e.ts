import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { login, logout } from './support/app';
import { demoSessions } from './support/session';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
// Set TANSIQ_E2E_SHOTS to a folder to keep screenshots of the pages (for looking at them, not for asserting).
const SHOTS = process.env.TANSIQ_E2E_SHOTS;
const WORLD_CUP = 'FIFA World Cup 2030';
// DGSN's own watchlist names him in the French transliteration; the accreditation list, drawn up in Spain, in the Spanish one.
const LISTED = 'Youssef Benjelloun';
const SPANISH = 'Yusef Benyelún';
const INCIDENT = 'Flares thrown from the south stand';
const EDITED = 'Twenty stadiums in seventeen cities; the committee meets daily at 08:00 UTC during the tournament.';

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Sends an API request from the signed-in page, with the session's CSRF token (test set-up only). */
async function apiFromPage(page: Page, method: string, path: string, body: string, contentType: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async ({ method, path, body, contentType }) => {
    const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
    const res = await fetch(path, { method, headers: { 'content-type': contentType, 'x-csrf-token': me.csrfToken }, body });
    return { status: res.status, body: await res.text() };
  }, { method, path, body, contentType });
}

async function openWorldCup(page: Page) {
  await page.getByRole('link', { name: 'Major events' }).click();
  await page.getByRole('heading', { level: 1, name: 'Major events' }).waitFor();
  await page.getByRole('link', { name: WORLD_CUP }).click();
  await page.getByRole('heading', { level: 1, name: WORLD_CUP }).waitFor();
}

describe('major-event security: accreditation, a live board shared by the committee, nothing for others', () => {
  const { browsers, signIn } = demoSessions();

  it('a committee member uploads an accreditation list; the listed person under a Spanish spelling is referred', async () => {
    const page = await signIn('admin@dgsn.demo');
    const wl = await apiFromPage(page, 'POST', `/api/watchlists?name=${encodeURIComponent('DGSN major-event watchlist (e2e)')}&scope=agency`, `id,name,birth_date,nationality\nev-1,${LISTED},1990-04-12,MA\n`, 'text/csv');
    expect(wl.status, wl.body).toBe(202);
    // Wait for the import job to finish before screening against it.
    const jobId = (JSON.parse(wl.body) as { job: { id: string } }).job.id;
    await expect.poll(async () => page.evaluate(async (id) => ((await (await fetch(`/api/jobs/${id}`)).json()) as { job: { state: string } }).job.state, jobId), { timeout: 30_000 }).toBe('succeeded');

    await page.goto(`${baseUrl}/`);
    await logout(page);

    await login(page, baseUrl, 'officer@dgsn.demo', password);
    await openWorldCup(page);
    await page.getByRole('tab', { name: 'Accreditation' }).click();
    await page.getByTestId('retention').waitFor();
    expect(await page.getByTestId('retention').textContent()).toMatch(/60 days after the event/);
    const csv = [
      'name,birth_date,nationality,document_number,document_country,category,organisation',
      `${SPANISH},1990-04-12,MA,YB4410992,MA,contractor,Restauración Estadios SL`,
      'Lucía Fernández Gómez,1992-07-01,ES,PAB771023,ES,volunteer,Voluntarios Madrid 2030',
      'Jonas Becker,1985-11-20,DE,C01X00T48,D,media,Deutsche Presse-Agentur',
    ].join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'accreditation-contractors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload and screen' }).click();
    await page.getByText('People screened: 3').waitFor({ timeout: 60_000 });
    const first = page.getByTestId('accreditation-row').first();
    await expect.poll(async () => first.textContent()).toContain(SPANISH);
    expect(await first.textContent()).toContain('Hit: refer');
    expect(await first.textContent()).toContain(LISTED);
    const others = await page.getByTestId('accreditation-row').allTextContents();
    expect(others.filter((t) => t.includes('No hit: approve'))).toHaveLength(2);
    await page.getByTestId('accreditation-summary').locator('svg.recharts-surface').first().waitFor();
    await shot(page, 'events-accreditation-en');
    // The referral is a hit of the officer who uploaded the list: the row links to it, to confirm or discard.
    await first.getByRole('link', { name: 'Open hit: confirm or discard' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(LISTED) }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Accreditation');
    await page.goBack();
    await page.getByTestId('accreditation-people').waitFor();
  });

  it('an incident logged at a venue appears on another member’s board without reload', async () => {
    const spain = await signIn('officer@policia.demo');
    await openWorldCup(spain);
    await spain.getByTestId('venue-map').waitFor();
    const markers = await spain.getByTestId('incident-marker').count();
    // A flag in the window: a reload would clear it.
    await spain.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const morocco = browsers[0]!.page;
    await morocco.getByRole('tab', { name: 'Committee and venues' }).click();
    await morocco.getByTestId('venues').waitFor();
    await morocco.getByRole('combobox', { name: 'Link a case' }).waitFor();
    await shot(morocco, 'events-committee-en');
    await morocco.getByRole('tab', { name: 'Situation board' }).click();
    await morocco.getByRole('button', { name: 'Log an incident' }).click();
    const dialog = morocco.getByRole('dialog', { name: 'Log an incident' });
    await dialog.getByLabel('What happened').fill(INCIDENT);
    await dialog.getByRole('combobox', { name: 'Category' }).click();
    await morocco.getByRole('option', { name: 'Hooliganism' }).click();
    await dialog.getByRole('combobox', { name: 'Severity' }).click();
    await morocco.getByRole('option', { name: 'High' }).click();
    await dialog.getByRole('combobox', { name: 'Venue' }).fill('Camp Nou');
    await morocco.getByRole('option', { name: /Camp Nou/ }).click();
    await dialog.getByRole('combobox', { name: 'Linked case' }).fill('Go-fast');
    await morocco.getByRole('option', { name: /Go-fast boat network/ }).click();
    await dialog.getByRole('button', { name: 'Log incident' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await spain.getByTestId('incident-log').getByText(INCIDENT).waitFor({ timeout: 20_000 });
    expect(await spain.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // Spain's officer works on the linked case too, so sees its title.
    await spain.getByTestId('incident-log').getByText(/Case: Go-fast boat network/).waitFor();
    await expect.poll(async () => spain.getByTestId('incident-marker').count()).toBe(markers + 1);
    await spain.getByTestId('chart-category').locator('svg.recharts-surface').waitFor();
    await shot(spain, 'events-board-en');

    // Spain posts an update in the thread; Morocco sees it.
    await spain.getByTestId('incident-log').getByText(INCIDENT).click();
    const drawer = spain.getByTestId('incident-detail');
    await drawer.getByLabel('Update').fill('Mossos and Policía Nacional units moved into the south stand; two people detained.');
    await drawer.getByRole('combobox', { name: 'Status' }).click();
    await spain.getByRole('option', { name: 'In progress' }).click();
    expect(await drawer.getByTestId('incident-linked-case').textContent()).toMatch(/Go-fast boat network/);
    await drawer.getByRole('button', { name: 'Post update' }).click();
    await drawer.getByText('Status: Open → In progress').waitFor();
    await shot(spain, 'events-incident-en');
    await spain.keyboard.press('Escape');

    await spain.locator('select[name="language"]').selectOption('ar');
    await spain.waitForFunction(() => document.documentElement.dir === 'rtl');
    await spain.getByRole('heading', { level: 1, name: WORLD_CUP }).waitFor();
    await spain.getByTestId('chart-category').locator('svg.recharts-surface').waitFor();
    await shot(spain, 'events-board-ar');
    await spain.getByRole('tab', { name: 'الاعتماد' }).click();
    await spain.getByTestId('accreditation-people').waitFor();
    await shot(spain, 'events-accreditation-ar');
    await spain.getByRole('tab', { name: 'اللجنة والمواقع' }).click();
    await spain.getByTestId('venues').waitFor();
    await shot(spain, 'events-committee-ar');
    await spain.locator('select[name="language"]').selectOption('en');
  });

  it('a non-member agency sees nothing: no event listed, the event’s address is not found', async () => {
    const spainUrl = browsers[1]!.page.url().split('?')[0]!;
    const page = await signIn('officer@anticorruption.demo');
    await page.getByRole('link', { name: 'Major events' }).click();
    await page.getByText('No events').waitFor();
    expect(await page.getByTestId('event-card').count()).toBe(0);
    await page.goto(spainUrl);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.content()).not.toContain(INCIDENT);
    const api = await page.evaluate(async (path) => (await fetch(path)).status, `/api/major-events/${spainUrl.split('/').pop()}/board`);
    expect(api).toBe(404);
  });
  it('the chair’s supervisor edits the event and switches a committee seat; a member’s officer is offered neither', async () => {
    const page = await signIn('supervisor@dgsn.demo');
    await openWorldCup(page);
    await page.getByRole('button', { name: 'Edit event' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the event' });
    expect(await dialog.getByLabel('Name').inputValue()).toBe(WORLD_CUP);
    await dialog.getByLabel('Description').fill(EDITED);
    await shot(page, 'events-edit-en');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(EDITED).waitFor();

    await page.getByRole('tab', { name: 'Committee and venues' }).click();
    const seat = page.getByTestId('committee').getByRole('radiogroup', { name: 'Seat of Bundespolizei' });
    expect(await seat.getByRole('radio', { name: 'Observer' }).isChecked()).toBe(true);
    await seat.locator('label', { hasText: 'Member' }).click();
    await expect.poll(async () => seat.getByRole('radio', { name: 'Member' }).isChecked()).toBe(true);
    await page.getByTestId('venues').waitFor();
    await shot(page, 'events-committee-chair-en');
    await seat.locator('label', { hasText: 'Observer' }).click();
    await expect.poll(async () => seat.getByRole('radio', { name: 'Observer' }).isChecked()).toBe(true);

    await page.locator('select[name="language"]').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('venues').waitFor();
    await shot(page, 'events-committee-chair-ar');
    await page.getByRole('button', { name: 'تعديل التظاهرة' }).click();
    await page.getByRole('dialog', { name: 'تعديل التظاهرة' }).waitFor();
    await shot(page, 'events-edit-ar');
    await page.keyboard.press('Escape');
    await page.locator('select[name="language"]').selectOption('en');

    // Spain's officer (a member) sees the new description but no edit button and no seat switches.
    const spain = browsers[1]!.page;
    await spain.reload();
    await spain.getByText(EDITED).waitFor();
    expect(await spain.getByRole('button', { name: 'Edit event' }).count()).toBe(0);
    await spain.getByRole('tab', { name: 'Committee and venues' }).click();
    await spain.getByTestId('committee').waitFor();
    expect(await spain.getByTestId('committee').getByRole('radiogroup').count()).toBe(0);
    expect(await spain.getByTestId('committee').getByRole('button', { name: /^Remove/ }).count()).toBe(0);
  });
});
