import { sql } from 'kysely';
import { unsafeWithOwner, type Database } from '../../../platform/db';
import { INTERRUPTED_UPLOAD_MS } from '../../../platform/files';
import { recurringJob, type JobRunner, type RecurringJob } from '../../../platform/jobs';
import { atx } from './schema';

export const UPLOAD_CLEANUP_JOB = 'messages.upload_cleanup';
/** A finished file no message carries this long after it was uploaded was abandoned with its draft. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes what no message will ever carry: uploads cut off before they finished, and files uploaded for a message that
 * was never sent. Until then they are readable only by their uploader; afterwards they hold personal data for no purpose.
 * Runs as the owner (the application role deletes no files). Each purge is one audit event per agency, with counts only.
 */
export async function purgeAbandonedUploads(db: Database, now: Date = new Date()): Promise<{ interrupted: number; abandoned: number }> {
  return unsafeWithOwner(db, 'system', async (ctx) => {
    const t = atx(ctx.tx);
    const cutOff = new Date(now.getTime() - INTERRUPTED_UPLOAD_MS);
    const stale = new Date(now.getTime() - ABANDONED_AFTER_MS);
    const gone = await t.deleteFrom('attachments')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'uploading'), eb('created_at', '<', cutOff)]),
        eb.and([eb('status', '=', 'ready'), eb('created_at', '<', stale), eb.not(eb.exists(eb.selectFrom('message_attachments').select(sql`1`.as('x')).whereRef('message_attachments.attachment_id', '=', 'attachments.id')))]),
      ]))
      .returning(['agency_id', 'status', 'size_bytes'])
      .execute();
    const byAgency = new Map<string, { interrupted: number; abandoned: number; bytes: number }>();
    for (const g of gone) {
      const a = byAgency.get(g.agency_id) ?? { interrupted: 0, abandoned: 0, bytes: 0 };
      if (g.status === 'uploading') a.interrupted++;
      else a.abandoned++;
      a.bytes += Number(g.size_bytes);
      byAgency.set(g.agency_id, a);
    }
    for (const [agency, counts] of byAgency) {
      ctx.audit({ action: 'attachment.purged', objectType: 'attachment', subjectAgencyId: agency, details: counts });
    }
    return { interrupted: gone.filter((g) => g.status === 'uploading').length, abandoned: gone.filter((g) => g.status === 'ready').length };
  });
}

/** Runs the clean-up hourly on the job runner. */
export function registerUploadCleanup(runner: JobRunner, db: Database): RecurringJob {
  return recurringJob(runner, db, UPLOAD_CLEANUP_JOB, 60 * 60 * 1000, async () => purgeAbandonedUploads(db));
}
