import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { ZAccreditationDecisionRequest, ZAccreditationQuery, ZAccreditationUploadQuery, ZUuid, type AccreditationDecision, type PAccreditation, type PAccreditationList, type PAccreditationPage, type TAccreditationDecisionRequest, type TAccreditationQuery, type TAccreditationUploadQuery } from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { conflict, notFound, type App } from '../../../platform/http';
import { enqueueJob, jobRunnerFor, jobsTx } from '../../../platform/jobs';
import { hitsOfJobRows } from '../../hits';
import { precheckPeople } from '../../screening';
import { acceptUploads, readUpload } from '../../watchlists';
import { ACCREDITATION_JOB, decideAccreditation, type AccreditationParams } from '../commands/accreditation';
import { eventPolicy } from '../policies/event.policy';
import { presentAccreditation } from '../presenters';
import { agencyBriefs, loadEvent, purgeDay } from '../queries';
import { etx } from '../schema';
import { eventFor } from './events.routes';

const ZId = z.object({ id: ZUuid });
const ZPerson = z.object({ id: ZUuid, personId: ZUuid });
const iso = (d: Date | string) => new Date(d).toISOString();

/** The hits of each person (by id), through the list's screening job and the person's row. */
async function hitsOfPeople(ctx: Ctx, people: { id: string; list_id: string; row_no: number }[]): Promise<Map<string, PAccreditation['hits']>> {
  const out = new Map<string, PAccreditation['hits']>(people.map((p) => [p.id, []]));
  if (!people.length) return out;
  const lists = await etx(ctx.tx).selectFrom('event_accreditation_lists').select(['id', 'job_id']).where('id', 'in', [...new Set(people.map((p) => p.list_id))]).execute();
  const jobOf = new Map(lists.flatMap((l) => (l.job_id ? [[l.id, l.job_id] as const] : [])));
  const hits = await hitsOfJobRows(ctx, [...jobOf.values()], people.map((p) => p.row_no));
  for (const p of people) {
    const job = jobOf.get(p.list_id);
    out.set(p.id, hits.filter((h) => h.jobId === job && h.rowNo === p.row_no).map((h) => ({ id: h.id, state: h.state, abilities: { open: h.readable } })));
  }
  return out;
}

/** Lists, the summary chart's figures, and one page of people (referrals first). */
async function accreditationPage(ctx: Ctx, eventId: string, q: TAccreditationQuery): Promise<PAccreditationPage> {
  const { row, record } = await eventFor(ctx, eventId, 'readAccreditation');
  const t = etx(ctx.tx);
  const lists = await t.selectFrom('event_accreditation_lists').selectAll().where('event_id', '=', eventId).orderBy('created_at', 'desc').execute();
  // Jobs are visible to their own agency only (row-level security on jobs): others see the counts.
  const jobIds = lists.flatMap((l) => (l.job_id && l.agency_id === ctx.actor.agencyId ? [l.job_id] : []));
  const jobs = new Map((jobIds.length ? await jobsTx(ctx.tx).selectFrom('jobs').selectAll().where('id', 'in', jobIds).execute() : []).map((j) => [j.id, j]));
  const perList = new Map((await sql<{ list_id: string; n: number }>`SELECT list_id, count(*)::int AS n FROM event_accreditations WHERE event_id = ${eventId} GROUP BY 1`.execute(ctx.tx)).rows.map((r) => [r.list_id, Number(r.n)]));
  const purged = row.accreditation_purged_at !== null;
  const byCategory = purged
    ? (await t.selectFrom('event_accreditation_stats').select(['category', 'decision', sql<number>`sum(people)::int`.as('count')]).where('event_id', '=', eventId).groupBy(['category', 'decision']).execute())
    : (await sql<{ category: string; decision: string; count: number }>`SELECT category, coalesce(decision, 'pending') AS decision, count(*)::int AS count FROM event_accreditations WHERE event_id = ${eventId} GROUP BY 1, 2 ORDER BY 1, 2`.execute(ctx.tx)).rows;
  const referred = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_accreditations WHERE event_id = ${eventId} AND proposal = 'refer'`.execute(ctx.tx)).rows[0]?.n ?? 0);
  let s = t.selectFrom('event_accreditations').selectAll().where('event_id', '=', eventId);
  if (q.status === 'pending') s = s.where('decision', 'is', null);
  if (q.status === 'refer') s = s.where('proposal', '=', 'refer');
  const total = Number((await s.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
  const people = await s.orderBy('proposal', 'desc').orderBy('top_score', 'desc').orderBy('row_no').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const refs = await agencyBriefs(ctx, [...lists.map((l) => l.agency_id), ...people.map((p) => p.decided_agency_id)]);
  const canDecide = eventPolicy.can(ctx.actor, 'decideAccreditation', record);
  const hits = await hitsOfPeople(ctx, people);
  const presentedLists: PAccreditationList[] = lists.map((l) => {
    const j = l.job_id ? jobs.get(l.job_id) : undefined;
    return {
      id: l.id,
      agency: refs.get(l.agency_id) ?? { id: l.agency_id, code: '', name: '', country: '' },
      fileName: l.file_name,
      createdAt: iso(l.created_at),
      job: j ? { id: j.id, state: j.state, progress: { done: Number(j.progress_done), total: j.progress_total === null ? null : Number(j.progress_total) }, error: j.error } : null,
      people: perList.get(l.id) ?? 0,
    };
  });
  return {
    lists: presentedLists,
    summary: {
      byCategory: byCategory.map((b) => ({ category: b.category, decision: b.decision as AccreditationDecision | 'pending', count: Number(b.count) })),
      total: byCategory.reduce((n, b) => n + Number(b.count), 0),
      referred,
      purged,
      purgeOn: purgeDay(row.ends_on, row.retention_days),
    },
    page: q.page,
    pageSize: q.pageSize,
    total,
    people: people.map((p) => presentAccreditation(p, canDecide, refs, hits.get(p.id) ?? [])),
  };
}

/** Accreditation: upload a list of people to screen, follow it, and decide on each person. */
export async function accreditationRoutes(app: App): Promise<void> {
  const { deps } = app;

  await app.register(async (scope) => {
    acceptUploads(scope);
    scope.post('/api/major-events/:id/accreditation', {
      schema: { tags: ['events'], summary: 'Upload a list of people to accredit (CSV: name, birth_date, nationality, document_number, document_country, category, organisation), screened as a job', params: ZId, querystring: ZAccreditationUploadQuery },
    }, async (req, reply) => {
      const { id } = req.params as z.infer<typeof ZId>;
      const q = req.query as TAccreditationUploadQuery;
      // Authorize before reading the file's content; a list taken in after the retention period would outlive its purpose.
      await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
        const { row, record } = await loadEvent(ctx, id);
        if (!eventPolicy.can(ctx.actor, 'uploadAccreditation', { ...record, accreditationOpen: true })) throw notFound('event');
        if (!record.accreditationOpen) {
          throw conflict(`The accreditation data of this event was due for deletion on ${purgeDay(row.ends_on, row.retention_days)}: no list can be added after its retention period.`);
        }
      });
      const up = await readUpload(req);
      const { columns } = precheckPeople(up.file);
      const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
        await eventFor(ctx, id, 'uploadAccreditation');
        const listId = randomUUID();
        const params: AccreditationParams = { eventId: id, listId, purpose: q.purpose };
        const job = await enqueueJob(ctx, { kind: ACCREDITATION_JOB, params: params as unknown as Record<string, unknown>, input: up.file });
        await etx(ctx.tx).insertInto('event_accreditation_lists').values({ id: listId, event_id: id, agency_id: ctx.actor.agencyId!, job_id: job.id, file_name: up.fileName, uploaded_by: ctx.actor.userId }).execute();
        ctx.audit({ action: 'event.accreditation_uploaded', objectType: 'event', objectId: id, purpose: q.purpose, details: { listId, jobId: job.id, bytes: up.file.length, columns: columns.length } });
        return { list: { id: listId, jobId: job.id } };
      });
      jobRunnerFor(deps.db).wake();
      return reply.status(202).send(out);
    });
  });

  app.get('/api/major-events/:id/accreditation', { schema: { tags: ['events'], summary: 'Accreditation lists, the summary by category and decision, and a page of people (referrals first)', params: ZId, querystring: ZAccreditationQuery } }, async (req) => {
    const { id } = req.params as z.infer<typeof ZId>;
    const q = req.query as TAccreditationQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const out = await accreditationPage(ctx, id, q);
      ctx.audit({ action: 'event.accreditation_read', objectType: 'event', objectId: id, details: { page: q.page, rows: out.people.length } });
      return out;
    });
  });

  app.post('/api/major-events/:id/accreditation/:personId/decision', { schema: { tags: ['events'], summary: 'The committee’s decision on a person: approve, refer or deny (with a reason)', params: ZPerson, body: ZAccreditationDecisionRequest } }, async (req) => {
    const { id, personId } = req.params as z.infer<typeof ZPerson>;
    const body = req.body as TAccreditationDecisionRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const { record } = await loadEvent(ctx, id);
      if (!eventPolicy.can(ctx.actor, 'decideAccreditation', record)) throw notFound('accreditation');
      await decideAccreditation(ctx, id, personId, body);
      const p = await etx(ctx.tx).selectFrom('event_accreditations').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
      return { person: presentAccreditation(p, true, await agencyBriefs(ctx, [p.decided_agency_id]), (await hitsOfPeople(ctx, [p])).get(p.id) ?? []) };
    });
  });
}
