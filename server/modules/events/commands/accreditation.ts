import type { PeopleRow, ScreeningQuery } from '../../../../match';
import { ACCREDITATION_CATEGORIES, type AccreditationCategory, type TAccreditationDecisionRequest } from '../../../../common';
import type { Ctx, Database } from '../../../platform/db';
import { notFound } from '../../../platform/http';
import type { JobContext, JobRunner } from '../../../platform/jobs';
import { checkDocuments, documentCandidate } from '../../documents';
import { recordHits } from '../../hits';
import { loadThresholds, readPeopleInput, screenOne } from '../../screening';
import { liveIndexFor } from '../../watchlists';
import { committeeAgencyIds } from '../queries';
import { etx } from '../schema';

export const ACCREDITATION_JOB = 'events.accreditation';

export interface AccreditationParams {
  eventId: string;
  listId: string;
  purpose: string;
}

const CHUNK = 250;
const TOP = 5;

const CATEGORY_WORDS: Record<string, AccreditationCategory> = {
  staff: 'staff', volunteer: 'volunteer', volunteers: 'volunteer', media: 'media', press: 'media', journalist: 'media',
  delegation: 'delegation', team: 'delegation', 'team delegation': 'delegation', contractor: 'contractor', contractors: 'contractor',
};

/** The accreditation category of a row: one of the known ones (the charts group by them), else `other`. */
export function categoryOf(v: unknown): AccreditationCategory {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if ((ACCREDITATION_CATEGORIES as readonly string[]).includes(s)) return s as AccreditationCategory;
  return CATEGORY_WORDS[s] ?? 'other';
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 300) : null);

function queryOf(r: PeopleRow): ScreeningQuery {
  const { line: _l, extra: _e, ...q } = r;
  return q;
}

/**
 * The accreditation job: every person on the list is screened with the screening engine (screen.ts: the same index,
 * thresholds and agency access as a screening batch), as the user who uploaded it. No hit proposes approve; a hit above
 * the alert threshold, or a travel document registered as stolen or lost (server/modules/documents), proposes refer.
 * Every alert is recorded as a hit (server/modules/hits) for the uploading officer to confirm or discard. Re-run after a
 * restart, it goes on after the last chunk written.
 */
export function registerAccreditationJob(runner: JobRunner, db: Database, dataDir: string | null): void {
  runner.register(ACCREDITATION_JOB, async (jc: JobContext) => {
    const p = jc.job.params as unknown as AccreditationParams;
    const agencyId = jc.job.agency_id;
    if (!agencyId || !jc.actor) throw new Error('An accreditation list belongs to a user of an agency.');
    const rows = await readPeopleInput(jc);
    const index = liveIndexFor(db, dataDir);
    await index.current(0);
    // Started again after a restart: each chunk's people and hits were written together, so it goes on after the last
    // chunk written rather than screening those people (and raising their hits) twice.
    const resume = await jc.run(async (ctx) => {
      const r = await etx(ctx.tx).selectFrom('event_accreditations')
        .select((eb) => [eb.fn.max('row_no').as('last'), eb.fn.sum<string>(eb.case().when('proposal', '=', 'refer').then(1).else(0).end()).as('referred')])
        .where('list_id', '=', p.listId).executeTakeFirst();
      return { th: await loadThresholds(ctx), done: Number(r?.last ?? 0), referred: Number(r?.referred ?? 0) };
    });
    const th = resume.th;
    let referred = resume.referred;
    jc.progress(resume.done, rows.length);
    for (let i = resume.done; i < rows.length; i += CHUNK) {
      jc.throwIfStopped();
      const chunk = rows.slice(i, i + CHUNK);
      const screened = chunk.map((r) => screenOne(index, agencyId, queryOf(r), TOP, th));
      await jc.run(async (ctx) => {
        // Registered stolen and lost travel documents: one probe per document, hit/no-hit through the registry's check.
        const keys = chunk.map((r) => ({ number: r.documents?.[0]?.number ?? '', issuingState: r.documents?.[0]?.country ?? '' }));
        const docHits = await checkDocuments(ctx, keys);
        const out = [];
        for (const [k, r] of chunk.entries()) {
          const candidates = screened[k]!;
          const matches = docHits.filter((d) => d.key === k);
          const docs = matches.map(({ key: _k, ...d }) => d);
          const refer = candidates.some((c) => c.alert) || docs.length > 0;
          const doc = r.documents?.[0];
          const rowNo = i + k + 1;
          if (refer) {
            referred++;
            // Each alert (a registered document, a watchlist entry or notice above the alert threshold) becomes a hit of
            // the uploading officer, to confirm or discard like any other: a confirmed notice hit tells the requesting
            // NCB. The candidates kept with the person carry the hit's id.
            const person: Record<string, unknown> = {
              name: r.name.slice(0, 300), ...(r.birthDates?.[0] ? { birth_date: r.birthDates[0] } : {}), ...(r.nationalities?.length ? { nationality: r.nationalities.join(';') } : {}),
              ...(doc?.number ? { document_number: doc.number } : {}), ...(doc?.country ? { document_country: doc.country } : {}),
            };
            const docCandidates = matches.map(documentCandidate);
            await recordHits(ctx, [...docCandidates, ...candidates], { origin: 'accreditation', query: person, purpose: p.purpose, jobId: jc.job.id, rowNo });
          }
          out.push({
            list_id: p.listId, event_id: p.eventId, agency_id: agencyId, row_no: rowNo, name: r.name.slice(0, 300),
            birth_date: r.birthDates?.[0] ?? null, nationality: r.nationalities?.join(';') ?? null,
            document_number: doc?.number ?? null, document_country: doc?.country ?? null,
            category: categoryOf(r.extra.category), organisation: text(r.extra.organisation),
            top_score: candidates[0]?.score ?? 0, candidates: JSON.stringify(candidates), document_hits: JSON.stringify(docs),
            proposal: refer ? ('refer' as const) : ('approve' as const),
          });
        }
        await etx(ctx.tx).insertInto('event_accreditations').values(out).onConflict((oc) => oc.columns(['list_id', 'row_no']).doNothing()).execute();
      });
      jc.progress(Math.min(rows.length, i + CHUNK), rows.length);
      await new Promise((r) => setImmediate(r));
    }
    await jc.run(async (ctx) => {
      ctx.audit({ action: 'event.accreditation_screened', objectType: 'event', objectId: p.eventId, purpose: p.purpose, details: { listId: p.listId, jobId: jc.job.id, people: rows.length, referred } });
      ctx.emit({ topic: 'event.accreditation', id: p.eventId, audience: { agencyIds: await committeeAgencyIds(ctx, p.eventId) } });
    });
    return { people: rows.length, referred };
  });
}

/** The committee's decision on one person (a supervisor of a chair or member agency; the route has checked). */
export async function decideAccreditation(ctx: Ctx, eventId: string, id: string, body: TAccreditationDecisionRequest): Promise<void> {
  const t = etx(ctx.tx);
  const a = await t.selectFrom('event_accreditations').select(['id', 'decision']).where('id', '=', id).where('event_id', '=', eventId).forUpdate().executeTakeFirst();
  if (!a) throw notFound('accreditation');
  await t.updateTable('event_accreditations').set({
    decision: body.decision, decision_reason: body.reason || null, decided_by: ctx.actor.userId, decided_agency_id: ctx.actor.agencyId, decided_at: new Date(),
  }).where('id', '=', id).execute();
  // The reason can name facts about the person: the audit keeps the decision only.
  ctx.audit({ action: 'event.accreditation_decided', objectType: 'event_accreditation', objectId: id, details: { eventId, decision: body.decision, previous: a.decision } });
  ctx.emit({ topic: 'event.accreditation', id: eventId, audience: { agencyIds: await committeeAgencyIds(ctx, eventId) } });
}
