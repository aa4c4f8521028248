import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, buildAgency, buildUser, signIn, call, type TestEnv, type BuiltAgency, type BuiltUser, type Session } from '../../../test/harness';
import { withActor, type Actor } from '../../../platform/db';
import { enqueueJob } from '../../../platform/jobs';
import { join } from 'node:path';
import { applyVersion, backfillEntrySearch, IMPORT_JOB, LiveIndex, liveIndexFor, parseWatchlist, stx } from '..';
import { UN_XML, upload, waitJob } from './fixtures';

let env: TestEnv;
let agencyA: BuiltAgency;
let adminAUser: BuiltUser;
let adminA: Session;
let officerA: Session;
let adminB: Session;
let officerB: Session;
let platform: Session;
let unId: string;
let localId: string;

const PURPOSE = 'Border check, flight AT 501';

/**
 * Individuals and one entity of the real UN consolidated list, cut down in the test (never copied into the
 * repository), with their original-script names.
 */
function unSampleWithEntity(refs: string[], entityRefs: string[]): Buffer {
  const xml = readFileSync(UN_XML, 'utf8');
  const pick = (tag: string, ref: string) => {
    const b = (xml.match(new RegExp(`<${tag}>[\\s\\S]*?<\\/${tag}>`, 'g')) ?? []).find((x) => x.includes(`<REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER>`));
    if (!b) throw new Error(`no ${ref} in the UN list`);
    return b;
  };
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n${refs.map((r) => pick('INDIVIDUAL', r)).join('\n')}\n</INDIVIDUALS>\n<ENTITIES>\n${entityRefs.map((r) => pick('ENTITY', r)).join('\n')}\n</ENTITIES>\n</CONSOLIDATED_LIST>\n`);
}

/** 120 local entries (more than two pages), one of them a person searched by name below. */
function localCsv(extra = ''): string {
  const rows = ['id,name,birth_date,nationality'];
  for (let i = 1; i <= 120; i++) rows.push(`loc-${String(i).padStart(3, '0')},Person Number${i} Testfamily,19${50 + (i % 40)},MA`);
  rows.push('loc-900,Karim Hammouchi,1984-05-06,MA');
  return rows.join('\n') + '\n' + extra;
}

async function importAs(as: Session, name: string, body: Buffer | string, scope = 'agency') {
  const res = await upload(env, as, `/api/watchlists?name=${encodeURIComponent(name)}&scope=${scope}`, body, { contentType: 'text/csv' });
  expect(res.statusCode, res.body).toBe(202);
  const job = await waitJob(env, as, res.json().job.id);
  expect(job.state, job.error ?? '').toBe('succeeded');
  return job.result!.watchlistId as string;
}

const entries = (as: Session | null, id: string, qs = '') => call(env, as, 'GET', `/api/watchlists/${id}/entries${qs}`);

beforeAll(async () => {
  env = await createTestEnv();
  agencyA = await buildAgency(env);
  const agencyB = await buildAgency(env);
  adminAUser = await buildUser(env, agencyA, { roles: ['agency-admin'] });
  adminA = await signIn(env, adminAUser);
  officerA = await signIn(env, await buildUser(env, agencyA, { roles: ['officer'] }));
  adminB = await signIn(env, await buildUser(env, agencyB, { roles: ['agency-admin'] }));
  officerB = await signIn(env, await buildUser(env, agencyB, { roles: ['officer'] }));
  const plat = await buildAgency(env, { type: 'platform' });
  platform = await signIn(env, await buildUser(env, plat, { roles: ['platform-admin'] }));
  unId = await importAs(platform, 'UN Security Council', unSampleWithEntity(['IQi.001', 'IQi.006', 'IQi.013', 'QDi.001'], ['QDe.001']), 'global');
  localId = await importAs(adminA, 'DGSN persons of interest', localCsv());
});
afterAll(async () => env?.close());

describe('browsing a watchlist’s entries', () => {
  it('a Latin fragment finds the entry whatever its case; an Arabic fragment finds the original-script name', async () => {
    const latin = await entries(officerA, unId, '?q=saddam%20HUSSEIN');
    expect(latin.statusCode, latin.body).toBe(200);
    expect(latin.json().entries.map((e: { sourceId: string }) => e.sourceId)).toEqual(['IQi.001']);
    expect(latin.json().total).toBe(1);

    const arabic = (await entries(officerA, unId, `?q=${encodeURIComponent('الدوري')}`)).json();
    expect(arabic.entries.map((e: { sourceId: string }) => e.sourceId)).toEqual(['IQi.006']);
    // Folded as the engine folds: إبراهيم with its hamza finds ابراهيم written without it (IQi.006) and with it (IQi.013).
    const hamza = (await entries(officerA, unId, `?q=${encodeURIComponent('إبراهيم')}`)).json();
    expect(hamza.entries.map((e: { sourceId: string }) => e.sourceId)).toEqual(['IQi.006', 'IQi.013']);
    // An agency list, searched in the folded form of its Latin names.
    const local = (await entries(adminA, localId, '?q=HAMMOUCHI')).json();
    expect(local.entries).toEqual([expect.objectContaining({ sourceId: 'loc-900', name: 'Karim Hammouchi', birthDates: ['1984-05-06'], nationalities: ['MA'], version: 1 })]);
    // The source's own id, and LIKE's wildcards taken literally.
    expect((await entries(officerA, unId, '?q=QDi.0')).json().entries.map((e: { sourceId: string }) => e.sourceId)).toEqual(['QDi.001']);
    expect((await entries(officerA, unId, '?q=%25')).json().total).toBe(0);
  });

  it('filters by kind of entity and pages 50 at a time in the source’s id order', async () => {
    const orgs = (await entries(officerA, unId, '?kind=organization')).json();
    expect(orgs.entries.map((e: { sourceId: string; kind: string }) => [e.sourceId, e.kind])).toEqual([['QDe.001', 'organization']]);
    expect((await entries(officerA, unId, '?kind=person')).json().total).toBe(4);
    const p1 = (await entries(adminA, localId)).json();
    expect([p1.total, p1.pageSize, p1.entries.length, p1.entries[0].sourceId, p1.watchlist.entries]).toEqual([121, 50, 50, 'loc-001', 121]);
    const p3 = (await entries(adminA, localId, '?page=3')).json();
    expect(p3.entries.map((e: { sourceId: string }) => e.sourceId)).toEqual([...Array.from({ length: 20 }, (_, i) => `loc-${101 + i}`), 'loc-900']);
    expect((await entries(adminA, localId, '?page=9')).json().entries).toEqual([]);
    const bad = await entries(adminA, localId, '?page=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Pages start at 1.');
    expect((await entries(adminA, localId, '?kind=planet')).statusCode).toBe(400);
  });

  it('one entry shows every field of the source and the versions that added and last changed it', async () => {
    const res = await call(env, officerA, 'GET', `/api/watchlists/${unId}/entries/IQi.001`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json().entry;
    expect(e).toMatchObject({ sourceId: 'IQi.001', name: 'SADDAM HUSSEIN AL-TIKRITI', kind: 'person', firstVersion: 1, version: 1, watchlist: { id: unId, scope: 'global' } });
    expect(e.aliases).toContainEqual({ name: 'صدام حسين التكريتي', type: 'original_script' });
    expect(e.birthDates).toEqual(['1937-04-28']);
    expect(e.nationalities.length).toBeGreaterThan(0);
    expect(e.extra.un_list_type).toBe('Iraq');
    expect(e.versionAt).toMatch(/^\d{4}-/);
    // A second version changes one local entry: it shows version 2, first seen in version 1.
    await importAs(adminA, 'DGSN persons of interest', localCsv().replace('Karim Hammouchi,1984-05-06', 'Karim Hammouchi,1984-05-07'));
    const changed = (await call(env, adminA, 'GET', `/api/watchlists/${localId}/entries/loc-900`)).json().entry;
    expect([changed.firstVersion, changed.version, changed.birthDates]).toEqual([1, 2, ['1984-05-07']]);
    expect((await call(env, adminA, 'GET', `/api/watchlists/${localId}/entries/loc-999`)).statusCode).toBe(404);
  });

  it('each read is audited with references only, never the fragment searched', async () => {
    await entries(officerA, unId, '?q=saddam&kind=person');
    const ev = await stx(env.db.unsafeOwner).selectFrom('audit_events' as never).selectAll().where('action' as never, 'in', ['watchlist.entries_read', 'watchlist.entry_read'] as never).execute() as unknown as { action: string; object_id: string; details: Record<string, unknown> }[];
    expect(ev.some((x) => x.action === 'watchlist.entry_read' && x.object_id === unId && x.details.entry === 'IQi.001')).toBe(true);
    const last = ev.filter((x) => x.action === 'watchlist.entries_read').at(-1)!;
    expect(last.details).toMatchObject({ page: 1, rows: 1, filtered: true, kind: 'person' });
    expect(JSON.stringify(ev).toLowerCase()).not.toContain('saddam');
  });

  it('entries imported before the search column existed get it from the backfill', async () => {
    await stx(env.db.unsafeOwner).updateTable('watchlist_entries').set({ search_text: null, kind: null }).where('watchlist_id', '=', unId).execute();
    expect((await entries(officerA, unId, `?q=${encodeURIComponent('الدوري')}`)).json().total).toBe(0);
    expect(await backfillEntrySearch(env.db)).toBe(5);
    expect((await entries(officerA, unId, `?q=${encodeURIComponent('الدوري')}`)).json().entries.map((e: { sourceId: string }) => e.sourceId)).toEqual(['IQi.006']);
    expect((await entries(officerA, unId, '?kind=organization')).json().total).toBe(1);
    expect(await backfillEntrySearch(env.db)).toBe(0);
  });

  it('attacks: unauthenticated 401; another agency gets 404 on an agency list, its entries and one entry, with no count', async () => {
    for (const url of [`/api/watchlists/${localId}/entries`, `/api/watchlists/${localId}/entries/loc-001`]) expect((await call(env, null, 'GET', url)).statusCode).toBe(401);
    expect((await call(env, null, 'DELETE', `/api/watchlists/${localId}`)).statusCode).toBe(401);
    const missing = await entries(adminB, '00000000-0000-4000-8000-000000000000');
    for (const as of [adminB, officerB, platform]) {
      const list = await entries(as, localId, '?q=Hammouchi');
      expect(list.statusCode).toBe(404);
      // Exactly the answer for a list that does not exist: no name, no count.
      expect(list.body).toBe(missing.body);
      expect(list.body).not.toMatch(/121|DGSN|total/);
      expect((await call(env, as, 'GET', `/api/watchlists/${localId}/entries/loc-900`)).statusCode).toBe(404);
    }
    // A global list is read by every signed-in user.
    expect((await entries(officerB, unId)).statusCode).toBe(200);
    expect((await entries(adminA, 'not-a-uuid')).statusCode).toBe(400);
  });
});

describe('deleting a watchlist', () => {
  it('only whoever keeps it may delete it: officers, other agencies, an agency admin on a global list, the platform admin on an agency list get 404; no CSRF token is 403', async () => {
    expect((await call(env, officerA, 'DELETE', `/api/watchlists/${localId}`)).statusCode).toBe(404);
    expect((await call(env, adminB, 'DELETE', `/api/watchlists/${localId}`)).statusCode).toBe(404);
    expect((await call(env, platform, 'DELETE', `/api/watchlists/${localId}`)).statusCode).toBe(404);
    expect((await call(env, adminA, 'DELETE', `/api/watchlists/${unId}`)).statusCode).toBe(404);
    expect((await call(env, officerA, 'DELETE', `/api/watchlists/${unId}`)).statusCode).toBe(404);
    expect((await call(env, adminA, 'DELETE', `/api/watchlists/${localId}`, undefined, { csrf: false })).statusCode).toBe(403);
    expect((await entries(adminA, localId)).json().total).toBe(121);
    const lists = (await call(env, adminA, 'GET', '/api/watchlists')).json().watchlists as { id: string; abilities: { delete: boolean } }[];
    expect(lists.find((w) => w.id === localId)!.abilities.delete).toBe(true);
    expect(lists.find((w) => w.id === unId)!.abilities.delete).toBe(false);
  });

  it('an agency administrator deletes the list: screening stops finding it, hits and batch results stay readable marked "list deleted", the deletion is audited, and a new import of the name is a fresh list', async () => {
    // Before: the name alerts (a hit is recorded) and a batch finds it.
    const before = await call(env, officerA, 'POST', '/api/screening/match', { name: 'Karim Hammouchi', birthDate: '1984-05-07', purpose: PURPOSE });
    const cand = before.json().candidates.find((c: { watchlist: { id: string } }) => c.watchlist.id === localId);
    expect(cand).toMatchObject({ id: 'loc-900', alert: true });
    expect(cand.hitId).toBeTruthy();
    const b = await upload(env, officerA, `/api/screening/batches?purpose=${encodeURIComponent(PURPOSE)}`, 'name,birth_date\nKarim Hammouchi,1984-05-07\n', { contentType: 'text/csv' });
    expect(b.statusCode, b.body).toBe(202);
    const batchId = b.json().batch.id;
    expect((await waitJob(env, officerA, batchId)).state).toBe('succeeded');

    const del = await call(env, adminA, 'DELETE', `/api/watchlists/${localId}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().deleted).toMatchObject({ id: localId, entries: 121 });

    // Gone from the lists, its entries and one entry 404, a second delete 404.
    expect((await call(env, adminA, 'GET', '/api/watchlists')).json().watchlists.map((w: { id: string }) => w.id)).not.toContain(localId);
    expect((await entries(adminA, localId)).statusCode).toBe(404);
    expect((await call(env, adminA, 'GET', `/api/watchlists/${localId}/entries/loc-900`)).statusCode).toBe(404);
    expect((await call(env, adminA, 'DELETE', `/api/watchlists/${localId}`)).statusCode).toBe(404);
    // The entries themselves are deleted, and the process's index dropped them.
    expect((await stx(env.db.unsafeOwner).selectFrom('watchlist_entries').select('source_id').where('watchlist_id', '=', localId).execute()).length).toBe(0);
    const li = liveIndexFor(env.db, env.config.dataDir);
    expect(li.index.has(`${localId}:loc-900`)).toBe(false);
    expect(li.versions().has(localId)).toBe(false);

    const after = await call(env, officerA, 'POST', '/api/screening/match', { name: 'Karim Hammouchi', birthDate: '1984-05-07', purpose: PURPOSE });
    expect(after.statusCode).toBe(200);
    expect(after.json().candidates.filter((c: { watchlist: { id: string } }) => c.watchlist.id === localId)).toEqual([]);

    const hit = await call(env, officerA, 'GET', `/api/hits/${cand.hitId}`);
    expect(hit.statusCode, hit.body).toBe(200);
    expect(hit.json().hit).toMatchObject({ matchedName: 'Karim Hammouchi', watchlist: { id: localId, name: 'DGSN persons of interest', entryId: 'loc-900', deleted: true } });
    const rows = (await call(env, officerA, 'GET', `/api/screening/batches/${batchId}/results`)).json().rows;
    expect(rows[0].candidates.find((c: { id: string }) => c.id === 'loc-900').watchlist).toEqual({ id: localId, name: 'DGSN persons of interest', deleted: true });

    const audit = await stx(env.db.unsafeOwner).selectFrom('audit_events' as never).selectAll().where('action' as never, '=', 'watchlist.deleted' as never).execute() as unknown as { object_id: string; actor_id: string; details: Record<string, unknown> }[];
    expect(audit).toEqual([expect.objectContaining({ object_id: localId, details: expect.objectContaining({ entries: 121, rows: 122, scope: 'agency' }) })]);

    const fresh = await importAs(adminA, 'DGSN persons of interest', 'id,name\nnew-1,Karim Hammouchi\n');
    expect(fresh).not.toBe(localId);
    expect((await entries(adminA, fresh)).json()).toMatchObject({ total: 1, watchlist: { currentVersion: 1, entries: 1 } });
    const again = (await call(env, officerA, 'POST', '/api/screening/match', { name: 'Karim Hammouchi', purpose: PURPOSE })).json().candidates;
    expect(again.some((c: { watchlist: { id: string }; id: string }) => c.watchlist.id === fresh && c.id === 'new-1')).toBe(true);
  });

  it('an import queued before the deletion does not bring the list back', async () => {
    const id = await importAs(adminA, 'Short-lived list', 'id,name\ns-1,Omar Tazi\n');
    const actor: Actor = { userId: adminAUser.id, agencyId: agencyA.id, roles: ['agency-admin'], deskIds: [] };
    // A job row standing for an import queued now (of a kind no handler runs, so it stays as it is).
    const job = await withActor(env.db, actor, null, (ctx) => enqueueJob(ctx, { kind: 'test.parked', params: {} }));
    expect((await call(env, adminA, 'DELETE', `/api/watchlists/${id}`)).statusCode).toBe(200);
    const file = Buffer.from('id,name\ns-1,Omar Tazi\ns-2,Yusuf Haddad\n');
    const params = { name: 'short-lived LIST', scope: 'agency' as const, agencyId: agencyA.id };
    const { format, entries: parsed } = await parseWatchlist(file, params);
    await expect(withActor(env.db, actor, null, (ctx) => applyVersion(ctx, params, file, format, parsed, job.id))).rejects.toThrow(/deleted after this import was queued/);
    const live = await stx(env.db.unsafeOwner).selectFrom('watchlists').select('id').where('name', 'ilike', 'short-lived list').where('deleted_at', 'is', null).execute();
    expect(live).toEqual([]);
  });

  it('an import of the list still running elsewhere is asked to stop', async () => {
    const id = await importAs(adminA, 'Busy list', 'id,name\nb-1,Omar Tazi\n');
    // A version import held by another process (a live lease, so this process's runner leaves it alone).
    const t = stx(env.db.unsafeOwner);
    const running = await t.insertInto('jobs').values({
      kind: IMPORT_JOB, agency_id: agencyA.id, user_id: adminAUser.id, state: 'running', lease_owner: 'another-process', lease_expires_at: new Date(Date.now() + 3_600_000),
      params: JSON.stringify({ name: 'busy LIST', scope: 'agency', agencyId: agencyA.id }),
    }).returning('id').executeTakeFirstOrThrow();
    const other = await t.insertInto('jobs').values({
      kind: IMPORT_JOB, agency_id: agencyA.id, user_id: adminAUser.id, state: 'running', lease_owner: 'another-process', lease_expires_at: new Date(Date.now() + 3_600_000),
      params: JSON.stringify({ name: 'Another list', scope: 'agency', agencyId: agencyA.id }),
    }).returning('id').executeTakeFirstOrThrow();
    const del = await call(env, adminA, 'DELETE', `/api/watchlists/${id}`);
    expect(del.json().deleted).toMatchObject({ entries: 1, cancelledImports: 1 });
    const jobs = await t.selectFrom('jobs').select(['id', 'cancel_requested']).where('id', 'in', [running.id, other.id]).execute();
    expect(Object.fromEntries(jobs.map((j) => [j.id, j.cancel_requested]))).toEqual({ [running.id]: true, [other.id]: false });
    await t.updateTable('jobs').set({ state: 'cancelled', lease_owner: null, lease_expires_at: null }).where('id', 'in', [running.id, other.id]).execute();
  });

  it('the platform administrator deletes a global list; everyone stops screening against it, and an index restored from an older snapshot drops it', async () => {
    const li = liveIndexFor(env.db, env.config.dataDir);
    await li.current(0);
    expect(li.versions().has(unId)).toBe(true);
    const snapshot = join(env.config.dataDir, 'entries-test.snapshot');
    const before = new LiveIndex(env.db, snapshot);
    await before.start();
    await before.saveSnapshot();
    await before.stop();
    const q = { name: 'Saddam Hussein al-Tikriti', purpose: PURPOSE };
    expect((await call(env, officerB, 'POST', '/api/screening/match', q)).json().candidates.some((c: { watchlist: { id: string } }) => c.watchlist.id === unId)).toBe(true);
    expect((await call(env, platform, 'DELETE', `/api/watchlists/${unId}`)).statusCode).toBe(200);
    expect((await call(env, officerB, 'POST', '/api/screening/match', q)).json().candidates.some((c: { watchlist: { id: string } }) => c.watchlist.id === unId)).toBe(false);
    expect((await entries(officerB, unId)).statusCode).toBe(404);
    // A process starting from a snapshot taken before the deletion drops the list at its first sync.
    const restored = new LiveIndex(env.db, snapshot);
    await restored.start();
    expect(restored.versions().has(unId)).toBe(false);
    expect([...restored.index.entries()].some((e) => e.source === unId)).toBe(false);
    await restored.stop();
  });
});
