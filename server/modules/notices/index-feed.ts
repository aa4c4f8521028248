import { sql } from 'kysely';
import type { EntryName, ScreeningIndex, WatchlistEntry } from '../../../match';
import type { TNoticeSubject } from '../../../common';
import { unsafeWithOwner, type Database } from '../../platform/db';
import type { IndexFeed } from '../watchlists';
import { ntx } from './schema';

/** The screening index's source name for notices and diffusions (watchlists use their own ids). */
export const NOTICE_SOURCE = 'notices';
export const noticeEntryId = (noticeId: string) => `${NOTICE_SOURCE}:${noticeId}`;

/** A transaction that began this long before a sync and commits after it is still seen by the next one. */
const MARGIN_MS = 60_000;

const NON_LATIN = /[\u0590-\u08FF\u0400-\u04FF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;

interface FeedRow {
  id: string;
  reference: string | null;
  colour: string;
  kind: string;
  state: string;
  agency_id: string;
  subject: TNoticeSubject;
  subject_type: string;
  valid_until: string | Date | null;
  updated_at: Date;
}

/** A published notice as the index holds it: its names (originals in their script), identifiers and access rule. */
export function noticeEntry(r: FeedRow, addressees: string[]): WatchlistEntry {
  const names = r.subject.names;
  const primary = names.find((n) => n.kind === 'primary') ?? names[0]!;
  const aliases: EntryName[] = names.filter((n) => n !== primary).map((n) => ({ name: n.full, type: NON_LATIN.test(n.full) ? 'original_script' : 'alias' }));
  const e: WatchlistEntry = {
    id: noticeEntryId(r.id),
    source: NOTICE_SOURCE,
    name: primary.full,
    kind: r.subject_type === 'organisation' ? 'organization' : 'person',
    extra: { noticeId: r.id, reference: r.reference ?? '', colour: r.colour, noticeKind: r.kind, agencyId: r.agency_id },
  };
  if (aliases.length) e.aliases = aliases;
  if (r.subject.birthDates.length) e.birthDates = r.subject.birthDates;
  if (r.subject.nationalities.length) e.nationalities = r.subject.nationalities;
  if (r.subject.gender) e.gender = r.subject.gender;
  if (r.subject.documents.length) e.documents = r.subject.documents.map((d) => ({ number: d.number, ...(d.country ? { country: d.country } : {}) }));
  // A diffusion reaches its addressees (and its own NCB) only: nobody else learns of it, not even as a hit.
  if (r.kind === 'diffusion') e.access = { agencies: [r.agency_id, ...addressees] };
  return e;
}

/**
 * Keeps the screening index in step with the notices: a published notice (or diffusion) enters it, any other state
 * leaves it. Follows changes by time with a margin, so each sync reads only the last minute's changes; validity that
 * ended turns a notice "expired" here (the index polls every few seconds, and every search looks at most a second back).
 */
export class NoticeFeed implements IndexFeed {
  readonly name = NOTICE_SOURCE;
  private since: Date | null = null;
  private seen = new Map<string, number>();
  private lastExpiry = 0;

  async sync(index: ScreeningIndex, db: Database, full: boolean): Promise<boolean> {
    await this.expire(db);
    const t = ntx(db.unsafeOwner);
    const now = (await sql<{ now: Date }>`SELECT now() AS now`.execute(db.unsafeOwner)).rows[0]!.now;
    let q = t.selectFrom('notices').select(['id', 'reference', 'colour', 'kind', 'state', 'agency_id', 'subject', 'subject_type', 'valid_until', 'updated_at']);
    if (full || !this.since) {
      const stale: string[] = [];
      for (const e of index.entries()) if (e.source === NOTICE_SOURCE) stale.push(e.id);
      index.remove(stale);
      this.seen.clear();
      q = q.where('state', '=', 'published');
    } else {
      q = q.where('updated_at', '>', new Date(this.since.getTime() - MARGIN_MS));
    }
    const rows = (await q.execute()) as unknown as FeedRow[];
    this.since = new Date(now);
    const changed = rows.filter((r) => this.seen.get(r.id) !== new Date(r.updated_at).getTime());
    if (!changed.length) return false;
    const diffusions = changed.filter((r) => r.kind === 'diffusion' && r.state === 'published').map((r) => r.id);
    const addressees = new Map<string, string[]>();
    if (diffusions.length) {
      for (const a of await t.selectFrom('notice_addressees').select(['notice_id', 'agency_id']).where('notice_id', 'in', diffusions).execute()) {
        addressees.set(a.notice_id, [...(addressees.get(a.notice_id) ?? []), a.agency_id]);
      }
    }
    const add: WatchlistEntry[] = [];
    const remove: string[] = [];
    for (const r of changed) {
      this.seen.set(r.id, new Date(r.updated_at).getTime());
      if (r.state === 'published') add.push(noticeEntry(r, addressees.get(r.id) ?? []));
      else remove.push(noticeEntryId(r.id));
    }
    index.remove(remove);
    index.add(add);
    return true;
  }

  /** Published notices whose validity ended become "expired" (recorded in their history and the audit). */
  private async expire(db: Database): Promise<void> {
    // Validity is counted in days: a look once a minute is enough, and spares a write on every search.
    if (Date.now() - this.lastExpiry < 60_000) return;
    this.lastExpiry = Date.now();
    await unsafeWithOwner(db, 'system', async (ctx) => {
      const t = ntx(ctx.tx);
      const gone = await t.updateTable('notices').set({ state: 'expired', updated_at: new Date(), state_reason: 'Validity ended.' })
        .where('state', '=', 'published').where('valid_until', '<', sql<string>`current_date`).returning(['id', 'agency_id']).execute();
      for (const n of gone) {
        await t.insertInto('notice_events').values({ notice_id: n.id, action: 'expired', from_state: 'published', to_state: 'expired', actor_user_id: null, actor_agency_id: null, reason: 'Validity ended.' }).execute();
        ctx.audit({ action: 'notice.expired', objectType: 'notice', objectId: n.id, subjectAgencyId: n.agency_id, details: {} });
      }
    });
  }
}
