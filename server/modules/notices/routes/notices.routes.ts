import {
  ZCreateNoticeRequest, ZListNoticesQuery, ZNoticeActionParams, ZNoticeActionRequest, ZNoticeIdParams, ZUpdateNoticeRequest,
  type NoticeAction, type PNotice, type PNoticeAddressee, type PNoticeList, type TCreateNoticeRequest, type TListNoticesQuery,
  type TNoticeActionRequest, type TUpdateNoticeRequest, permissionsOf,
} from '../../../../common';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { refreshLiveIndex } from '../../watchlists';
import { createNotice, updateNotice } from '../commands/draft';
import { transitionNotice } from '../commands/transition';
import { mayDraftNotices, mayReadNotices } from '../policies/notice.policy';
import { presentNotice, presentNoticeSummary } from '../presenters';
import { actorFacts, confirmedHitCount, listNotices, loadNotice, noticeAddressees, noticeHistory } from '../queries';
import { ntx } from '../schema';

export async function fullNotice(ctx: Ctx, id: string): Promise<PNotice> {
  const row = await loadNotice(ctx, id);
  const facts = await actorFacts(ctx);
  const own = row.agency_id === ctx.actor.agencyId;
  return presentNotice(ctx.actor, facts, row, {
    history: await noticeHistory(ctx, id),
    // A diffusion's addressees are the requesting NCB's and the reviewers' business; an addressee sees only itself.
    addressees: own || facts.isGsReviewer ? await noticeAddressees(ctx, id) : [],
    hitCount: own ? await confirmedHitCount(ctx, id) : null,
  });
}

/** The gallery, the request form's data, a notice, and the steps of its life. */
export async function noticeRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/api/notices', { schema: { tags: ['notices'], summary: 'Notices and diffusions you may see, with filters', querystring: ZListNoticesQuery } }, async (req) => {
    const q = req.query as TListNoticesQuery;
    return withActor(deps.db, req.actor!, req.ip, async (ctx): Promise<PNoticeList> => {
      if (!mayReadNotices(ctx.actor)) throw notFound('route');
      const facts = await actorFacts(ctx);
      const { rows, total } = await listNotices(ctx, q, facts);
      const perms = permissionsOf(ctx.actor.roles);
      return { notices: rows.map(presentNoticeSummary), total, abilities: { create: mayDraftNotices(ctx.actor, facts.ncbDeskIds), review: facts.isGsReviewer, approve: perms.has('notice.approve') } };
    });
  });

  app.get('/api/notices/addressees', { schema: { tags: ['notices'], summary: 'Agencies a diffusion can be sent to (those with a National Central Bureau)' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx): Promise<{ agencies: PNoticeAddressee[] }> => {
      if (!ctx.actor.agencyId) throw notFound('route');
      const rows = await ntx(ctx.tx).selectFrom('agencies as a').select(['a.id', 'a.name', 'a.country'])
        .where('a.disabled_at', 'is', null).where('a.id', '<>', ctx.actor.agencyId)
        .where((eb) => eb.exists(eb.selectFrom('desks as d').select('d.id').whereRef('d.agency_id', '=', 'a.id').where('d.is_ncb', '=', true).where('d.disabled_at', 'is', null)))
        .orderBy('a.name').execute();
      return { agencies: rows };
    }),
  );

  app.post('/api/notices', { schema: { tags: ['notices'], summary: 'Draft a notice or diffusion at your NCB desk', body: ZCreateNoticeRequest } }, async (req, reply) => {
    const body = req.body as TCreateNoticeRequest;
    const notice = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const id = await createNotice(ctx, body);
      return fullNotice(ctx, id);
    });
    return reply.code(201).send({ notice });
  });

  app.get('/api/notices/:id', { schema: { tags: ['notices'], summary: 'A notice, its history and what you may do with it', params: ZNoticeIdParams } }, async (req) => {
    const { id } = req.params as { id: string };
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!mayReadNotices(ctx.actor)) throw notFound('notice');
      const notice = await fullNotice(ctx, id);
      // Reading a notice's content is audited (references only), like any personal data.
      ctx.audit({ action: 'notice.read', objectType: 'notice', objectId: id, ...(notice.requestingAgency.id !== ctx.actor.agencyId ? { subjectAgencyId: notice.requestingAgency.id } : {}), details: {} });
      return { notice };
    });
  });

  app.patch('/api/notices/:id', { schema: { tags: ['notices'], summary: 'Change a draft (the requesting NCB only)', params: ZNoticeIdParams, body: ZUpdateNoticeRequest } }, async (req) => {
    const { id } = req.params as { id: string };
    const body = req.body as TUpdateNoticeRequest;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      await updateNotice(ctx, id, body);
      return { notice: await fullNotice(ctx, id) };
    });
  });

  app.post('/api/notices/:id/:action', {
    schema: { tags: ['notices'], summary: 'Take a step: submit, approve, publish, refuse, suspend, reinstate, withdraw, cancel', params: ZNoticeActionParams, body: ZNoticeActionRequest },
  }, async (req) => {
    const { id, action } = req.params as { id: string; action: NoticeAction };
    const body = (req.body ?? {}) as TNoticeActionRequest;
    const out = await withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      const step = await transitionNotice(ctx, id, action, body.reason);
      for (const agencyId of step.audience) ctx.emit({ topic: 'notice', id, audience: { agencyIds: [agencyId] } });
      return { step, notice: await fullNotice(ctx, id) };
    });
    // Published, suspended, withdrawn …: the screening index follows before the answer goes back.
    if (out.step.indexChanged) await refreshLiveIndex(deps.db);
    return { notice: out.notice };
  });
}
