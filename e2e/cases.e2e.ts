import { describe, expect, inject, it } from 'vitest';
import { demoSessions } from './support/session';

const baseUrl = inject('baseUrl');
const TITLE = 'Migrant smuggling network Tangier–Algeciras';
let casePath = '';

describe('a case shared between Morocco and Spain, invisible to Germany', () => {
  const { signIn } = demoSessions();

  it('a DGSN liaison officer opens the case and invites the Policía Nacional', async () => {
    const page = await signIn('liaison@dgsn.demo');
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a case' }).waitFor();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Summary').fill('Night crossings on go-fast boats from the coast east of Tangier to the beaches near Algeciras; organisers on both shores.');
    await page.getByRole('checkbox', { name: 'Migrant smuggling' }).check();
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    casePath = new URL(page.url()).pathname;
    expect(casePath).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('timeline-entry').filter({ hasText: 'opened the case' }).waitFor();

    await page.getByRole('button', { name: 'Invite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a partner agency' });
    await dialog.getByRole('combobox', { name: 'Agency' }).click();
    await page.getByRole('option', { name: /Policía Nacional/ }).click();
    expect(await dialog.getByRole('combobox', { name: 'Agency' }).inputValue()).toContain('Policía Nacional');
    await dialog.getByLabel('Note to the agency').fill('Your UCRIF desk follows the Algeciras side.');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('participant').filter({ hasText: 'Policía Nacional' }).getByText('Invited').waitFor();
    await page.getByTestId('timeline-entry').filter({ hasText: /invited\W+Policía Nacional/ }).waitFor();
  });

  it('a Policía Nacional officer sees the invitation, accepts it and reads the case', async () => {
    const page = await signIn('officer@policia.demo');
    await page.getByRole('link', { name: 'Cases' }).click();
    const invitation = page.getByTestId('invitation').filter({ hasText: TITLE });
    await invitation.waitFor();
    await invitation.getByText('Your UCRIF desk follows the Algeciras side.').waitFor();
    // Before accepting, the case itself is not readable.
    expect((await page.request.get(`${baseUrl}/api${casePath}`)).status()).toBe(404);
    await invitation.getByRole('button', { name: 'Accept' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(casePath);
    await page.getByText('Night crossings on go-fast boats', { exact: false }).waitFor();
    await page.getByTestId('participant').filter({ hasText: 'Policía Nacional' }).getByText('Taking part').waitFor();
    await page.getByTestId('timeline-entry').filter({ hasText: /Policía Nacional\W+accepted the invitation/ }).waitFor();
  });

  it('a Bundespolizei officer cannot find it: not in the list, and its address answers “not found”', async () => {
    const page = await signIn('officer@bundespolizei.demo');
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(TITLE).count()).toBe(0);
    expect((await page.request.get(`${baseUrl}/api${casePath}`)).status()).toBe(404);
    const list = (await (await page.request.get(`${baseUrl}/api/cases`)).json()) as { cases: { title: string }[] };
    expect(list.cases.some((c) => c.title === TITLE)).toBe(false);
    await page.goto(`${baseUrl}${casePath}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByText(TITLE).count()).toBe(0);
  });
});
