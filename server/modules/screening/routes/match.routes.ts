import { DEFAULT_ALERT_THRESHOLD } from '../../../../match';
import { ZScreeningMatchRequest, ZScreeningSettingsRequest, type PScreeningMatch, type PScreeningSettings, type TScreeningMatchRequest } from '../../../../common';
import type { z } from 'zod';
import { withActor, type Ctx } from '../../../platform/db';
import { notFound, type App } from '../../../platform/http';
import { recordHits } from '../../hits';
import { NOTICE_SOURCE } from '../../notices';
import { liveIndexFor, stx } from '../../watchlists';
import { loadThresholds, screenOne, toQuery } from '../commands/screen';
import { runRowChecks } from '../row-checks';
import { screeningPolicy } from '../policies/screening.policy';

async function settingsOf(ctx: Ctx): Promise<PScreeningSettings> {
  const s = await stx(ctx.tx).selectFrom('screening_settings').select('alert_threshold').where('agency_id', '=', ctx.actor.agencyId!).executeTakeFirst();
  const own = s?.alert_threshold ?? null;
  return {
    alertThreshold: own,
    defaultAlertThreshold: DEFAULT_ALERT_THRESHOLD,
    effectiveAlertThreshold: own ?? DEFAULT_ALERT_THRESHOLD,
    abilities: { update: screeningPolicy.can(ctx.actor, 'updateSettings', { agencyId: ctx.actor.agencyId! }) },
  };
}

/** One name against the watchlists, and the agency's alert threshold. */
export async function matchRoutes(app: App): Promise<void> {
  const { deps } = app;
  const index = liveIndexFor(deps.db, deps.config.dataDir);

  app.post('/api/screening/match', {
    schema: { tags: ['screening'], summary: 'Screen one person or organisation: the top candidates with scores and explanations (the purpose is audited, the name is not)', body: ZScreeningMatchRequest },
  }, async (req) => {
    const body = req.body as TScreeningMatchRequest;
    const actor = req.actor!;
    if (!screeningPolicy.can(actor, 'screen', { agencyId: actor.agencyId ?? '' })) throw notFound('route');
    // Outside the transaction: on embedded PostgreSQL a sync inside it would wait for its own connection.
    await index.current();
    return withActor(deps.db, actor, req.ip, async (ctx): Promise<PScreeningMatch> => {
      const th = await loadThresholds(ctx);
      const query = toQuery(body);
      // Registries checked by exact key (stolen and lost documents) come first: they are certain, names are not.
      const candidates = [...((await runRowChecks(ctx, [query]))[0] ?? []), ...screenOne(index, actor.agencyId!, query, body.top, th)];
      const alerts = candidates.filter((c) => c.alert);
      // Every alert becomes a hit for the officer to confirm or discard (the record screened is kept with it).
      const { purpose: _p, top: _t, ...record } = body;
      await recordHits(ctx, candidates, { origin: 'single', query: record, purpose: body.purpose });
      ctx.audit({
        action: 'screening.match',
        objectType: 'screening',
        purpose: body.purpose,
        // References only: how many candidates and which entries alerted, never the name searched.
        details: { candidates: candidates.length, alerts: alerts.length, alertEntries: alerts.map((c) => `${c.watchlist.id}:${c.id}`), fields: Object.keys(body).filter((k) => k !== 'purpose' && k !== 'top').length },
      });
      let entries = 0;
      for (const l of th.lists.values()) entries += l.entries;
      return { candidates, alertThreshold: th.fallback, searched: { watchlists: [...th.lists.keys()].filter((k) => k !== NOTICE_SOURCE).length, entries } };
    });
  });

  app.get('/api/screening/settings', { schema: { tags: ['screening'], summary: 'Your agency’s alert threshold (and the engine’s default)' } }, async (req) =>
    withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!screeningPolicy.can(ctx.actor, 'readSettings', { agencyId: ctx.actor.agencyId ?? '' })) throw notFound('route');
      return { settings: await settingsOf(ctx) };
    }),
  );

  app.patch('/api/screening/settings', { schema: { tags: ['screening'], summary: 'Set or clear your agency’s alert threshold (agency administrator)', body: ZScreeningSettingsRequest } }, async (req) => {
    const body = req.body as z.infer<typeof ZScreeningSettingsRequest>;
    return withActor(deps.db, req.actor!, req.ip, async (ctx) => {
      if (!screeningPolicy.can(ctx.actor, 'updateSettings', { agencyId: ctx.actor.agencyId ?? '' })) throw notFound('route');
      await stx(ctx.tx).insertInto('screening_settings').values({ agency_id: ctx.actor.agencyId!, alert_threshold: body.alertThreshold })
        .onConflict((oc) => oc.column('agency_id').doUpdateSet({ alert_threshold: body.alertThreshold, updated_at: new Date() })).execute();
      ctx.audit({ action: 'screening.settings_updated', objectType: 'agency', objectId: ctx.actor.agencyId, details: { alertThreshold: body.alertThreshold } });
      return { settings: await settingsOf(ctx) };
    });
  });
}
