import { sql } from 'kysely';
import { unsafeWithOwner, type Database } from '../../../platform/db';
import { jobsTx, recurringJob, type JobRunner, type RecurringJob } from '../../../platform/jobs';
import { etx } from '../schema';

export const RETENTION_JOB = 'events.accreditation_retention';

/**
 * Purpose limitation: once an event is over by its retention days, its accreditation data is reduced to statistics
 * (people by category, proposal and decision) and the people, the uploaded files, their screening results and their
 * undecided or discarded hits are deleted. Runs as the owner (the application role has no DELETE on these tables). Returns the events purged.
 */
export async function purgeExpiredAccreditations(db: Database, today?: string): Promise<{ events: number; people: number }> {
  return unsafeWithOwner(db, 'system', async (ctx) => {
    const t = etx(ctx.tx);
    const day = today ?? new Date().toISOString().slice(0, 10);
    const due = await t.selectFrom('events').select(['id', 'organiser_agency_id'])
      .where('accreditation_purged_at', 'is', null)
      .where(sql<boolean>`ends_on + retention_days < ${day}::date`)
      .execute();
    let people = 0;
    for (const e of due) {
      await sql`INSERT INTO event_accreditation_stats (event_id, category, proposal, decision, people)
        SELECT event_id, category, proposal, coalesce(decision, 'pending'), count(*)::int FROM event_accreditations WHERE event_id = ${e.id}
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (event_id, category, proposal, decision) DO UPDATE SET people = event_accreditation_stats.people + excluded.people`.execute(ctx.tx);
      const gone = await t.deleteFrom('event_accreditations').where('event_id', '=', e.id).executeTakeFirst();
      const jobs = (await t.selectFrom('event_accreditation_lists').select('job_id').where('event_id', '=', e.id).execute()).flatMap((l) => (l.job_id ? [l.job_id] : []));
      if (jobs.length) await jobsTx(ctx.tx).deleteFrom('job_inputs').where('job_id', 'in', jobs).execute();
      // The hits the screening raised hold the person's record too: open and discarded ones go with the people; a
      // confirmed hit has become an exchange with the requesting NCB (a case and a message) and stays under their rules.
      const hits = jobs.length
        ? (await sql`DELETE FROM hits WHERE origin = 'accreditation' AND job_id = ANY(${jobs}::uuid[]) AND state <> 'confirmed'`.execute(ctx.tx)).numAffectedRows
        : 0n;
      await t.updateTable('events').set({ accreditation_purged_at: new Date() }).where('id', '=', e.id).execute();
      people += Number(gone.numDeletedRows);
      ctx.audit({ action: 'event.accreditation_purged', objectType: 'event', objectId: e.id, subjectAgencyId: e.organiser_agency_id, details: { people: Number(gone.numDeletedRows), hits: Number(hits ?? 0) } });
    }
    return { events: due.length, people };
  });
}

/** Registers the retention job and queues it hourly (once at start) unless one is already waiting. */
export function registerRetention(runner: JobRunner, db: Database): RecurringJob {
  return recurringJob(runner, db, RETENTION_JOB, 60 * 60 * 1000, async () => purgeExpiredAccreditations(db));
}
