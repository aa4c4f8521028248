import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash, sign, verify as verifySig } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db';
import type { AuditKey } from '../crypto';

export const GENESIS = '0'.repeat(64);

interface Row {
  seq: string;
  id: string;
  at_text: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  actor_label: string | null;
  subject_agency_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  purpose: string | null;
  ip: string | null;
  details_text: string;
  prev_hash: string;
  hash: string;
}

/**
 * The canonical form hashed for one event. It mirrors tansiq_audit_canonical() in the migrations, but is
 * computed here so that verification does not trust any function stored in the database it checks.
 */
export function canonical(r: Omit<Row, 'prev_hash' | 'hash'>): string {
  return [
    r.seq, r.id, r.at_text, r.actor_user_id ?? '', r.actor_agency_id ?? '', r.actor_label ?? '', r.subject_agency_id ?? '',
    r.action, r.object_type ?? '', r.object_id ?? '', r.purpose ?? '', r.ip ?? '', r.details_text,
  ].join('\x1f');
}

export function eventHash(prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  return createHash('sha256').update(prevHash + '\n' + canonical(r), 'utf8').digest('hex');
}

function checkpointMessage(seq: string, hash: string): Buffer {
  return Buffer.from(`tansiq-audit-checkpoint\n${seq}\n${hash}\n`, 'utf8');
}

/** Where checkpoints are also written outside the database: beside the key, so deleting rows is not enough. */
export function checkpointLogFile(keyFile: string): string {
  return `${keyFile}.checkpoints.jsonl`;
}

export interface CheckpointResult {
  seq: string;
  hash: string;
  keyId: string;
  created: boolean;
}

/** Signs the current chain head with the Ed25519 key and records it in the database and in the log file. */
export async function checkpoint(db: Database, key: AuditKey, keyFile: string): Promise<CheckpointResult | null> {
  return db.unsafeOwner.transaction().execute(async (tx) => {
    // Taking the chain lock freezes the head while it is signed.
    await sql`SELECT pg_advisory_xact_lock(7424873)`.execute(tx);
    const head = (await sql<{ seq: string; hash: string }>`SELECT seq::text AS seq, hash FROM audit_events ORDER BY audit_events.seq DESC LIMIT 1`.execute(tx)).rows[0];
    if (!head) return null;
    const existing = (await sql<{ seq: string }>`SELECT seq::text AS seq FROM audit_checkpoints WHERE seq = ${head.seq}::bigint`.execute(tx)).rows[0];
    if (existing) return { seq: head.seq, hash: head.hash, keyId: key.id, created: false };
    const signature = sign(null, checkpointMessage(head.seq, head.hash), key.privateKey).toString('base64');
    await sql`INSERT INTO audit_checkpoints (seq, hash, key_id, signature) VALUES (${head.seq}::bigint, ${head.hash}, ${key.id}, ${signature})`.execute(tx);
    appendFileSync(checkpointLogFile(keyFile), JSON.stringify({ seq: head.seq, hash: head.hash, keyId: key.id, signature, at: new Date().toISOString() }) + '\n', { mode: 0o600 });
    return { seq: head.seq, hash: head.hash, keyId: key.id, created: true };
  });
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  checkpoints: number;
  /** The first broken event's sequence number and what is wrong with it. */
  problem?: { seq: string | null; reason: string };
}

interface Checkpoint {
  seq: string;
  hash: string;
  key_id: string;
  signature: string;
}

/**
 * Verifies the whole chain: each event's hash and link to its predecessor, gap-free sequence numbers,
 * every checkpoint's signature, and that every checkpoint (in the database or in the log file beside the key)
 * still matches the chain — which catches an edit, a deletion, a recomputed chain and a truncation.
 */
export async function verifyChain(db: Database, key: AuditKey, keyFile: string, onProgress?: (done: number) => void): Promise<VerifyResult> {
  const dbCheckpoints = (await sql<Checkpoint>`SELECT seq::text AS seq, hash, key_id, signature FROM audit_checkpoints ORDER BY audit_checkpoints.seq`.execute(db.unsafeOwner)).rows;
  const fileCheckpoints: Checkpoint[] = [];
  const logFile = checkpointLogFile(keyFile);
  if (existsSync(logFile)) {
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { seq: string; hash: string; keyId: string; signature: string };
      fileCheckpoints.push({ seq: c.seq, hash: c.hash, key_id: c.keyId, signature: c.signature });
    }
  }
  const checkpoints = new Map<string, Checkpoint>();
  for (const c of [...dbCheckpoints, ...fileCheckpoints]) {
    const ok = c.key_id === key.id && verifySig(null, checkpointMessage(c.seq, c.hash), key.publicKey, Buffer.from(c.signature, 'base64'));
    if (!ok) return { ok: false, events: 0, checkpoints: checkpoints.size, problem: { seq: c.seq, reason: `checkpoint at event ${c.seq} has an invalid signature` } };
    const seen = checkpoints.get(c.seq);
    if (seen && seen.hash !== c.hash) return { ok: false, events: 0, checkpoints: checkpoints.size, problem: { seq: c.seq, reason: `two signed checkpoints disagree at event ${c.seq}` } };
    checkpoints.set(c.seq, c);
  }
  for (const f of fileCheckpoints) {
    if (!dbCheckpoints.some((d) => d.seq === f.seq)) return { ok: false, events: 0, checkpoints: checkpoints.size, problem: { seq: f.seq, reason: `checkpoint at event ${f.seq} was deleted from the database` } };
  }

  let prev = GENESIS;
  let expected = 1n;
  let count = 0;
  const batch = 5000;
  let after = 0n;
  for (;;) {
    const rows = (await sql<Row>`
      SELECT seq::text AS seq, id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
             actor_user_id::text AS actor_user_id, actor_agency_id::text AS actor_agency_id, actor_label,
             subject_agency_id::text AS subject_agency_id, action, object_type, object_id, purpose, ip,
             details::text AS details_text, prev_hash, hash
      FROM audit_events WHERE seq > ${after.toString()}::bigint ORDER BY audit_events.seq LIMIT ${batch}`.execute(db.unsafeOwner)).rows;
    for (const r of rows) {
      if (BigInt(r.seq) !== expected) return { ok: false, events: count, checkpoints: checkpoints.size, problem: { seq: expected.toString(), reason: `event ${expected} is missing (deleted)` } };
      if (r.prev_hash !== prev) return { ok: false, events: count, checkpoints: checkpoints.size, problem: { seq: r.seq, reason: `event ${r.seq} does not link to the event before it` } };
      if (eventHash(prev, r) !== r.hash) return { ok: false, events: count, checkpoints: checkpoints.size, problem: { seq: r.seq, reason: `event ${r.seq} was altered (its hash does not match its content)` } };
      const cp = checkpoints.get(r.seq);
      if (cp && cp.hash !== r.hash) return { ok: false, events: count, checkpoints: checkpoints.size, problem: { seq: r.seq, reason: `event ${r.seq} differs from the signed checkpoint (the chain was recomputed)` } };
      prev = r.hash;
      expected += 1n;
      count += 1;
    }
    onProgress?.(count);
    if (rows.length < batch) break;
    after = BigInt(rows[rows.length - 1]!.seq);
  }
  const last = [...checkpoints.keys()].map((s) => BigInt(s)).reduce((m, s) => (s > m ? s : m), 0n);
  if (last >= expected) {
    return { ok: false, events: count, checkpoints: checkpoints.size, problem: { seq: expected.toString(), reason: `events from ${expected} up to the checkpoint at ${last} are missing (truncated)` } };
  }
  return { ok: true, events: count, checkpoints: checkpoints.size };
}
