import type { PJob } from '../../../common';
import type { Actor } from '../db';
import { jobPolicy } from './policy';
import type { JobRow } from './runner';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The only place a job row becomes JSON: parameters and inputs stay on the server. */
export function presentJob(actor: Actor, j: JobRow): PJob {
  const rec = { agencyId: j.agency_id ?? '', userId: j.user_id, state: j.state };
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    progress: { done: Number(j.progress_done), total: j.progress_total === null ? null : Number(j.progress_total) },
    result: (j.result as Record<string, unknown> | null) ?? null,
    error: j.error,
    createdAt: iso(j.created_at)!,
    startedAt: iso(j.started_at),
    finishedAt: iso(j.finished_at),
    abilities: { cancel: jobPolicy.can(actor, 'cancel', rec) },
  };
}
