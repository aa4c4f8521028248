import type { Command } from 'commander';
import { sql } from 'kysely';
import { loadConfig } from '../platform/config';
import { unsafeWithOwner, type Database } from '../platform/db';
import { loadMasterKey, pruneMasterKeyFile, rewrapDataKey, rotateMasterKeyFile, seal, unseal, type MasterKey } from '../platform/crypto';
import { openRuntime } from '../runtime';
import { CliError } from './io';

export interface RewrapCounts {
  /** Files: message attachments and notice photos. */
  attachments: number;
  secrets: number;
}

/**
 * Re-encrypts everything the master key protects under the current master key: each attachment's data key (the
 * chunks are untouched; the file id stays bound) and each user's sealed second-factor secrets. Runs as the owner
 * (row-level security does not apply to key maintenance), one audited transaction; counts only, no content.
 */
export async function rewrapUnderCurrentKey(db: Database, master: MasterKey): Promise<RewrapCounts> {
  return unsafeWithOwner(db, 'cli', async (ctx) => {
    // Every file encrypted at rest: message attachments and notice photos (the same format, each its own table).
    let files = 0;
    for (const table of ['attachments', 'notice_photos'] as const) {
      const rows = (await sql<{ id: string; key_id: string; wrapped_key: Buffer }>`SELECT id, key_id, wrapped_key FROM ${sql.table(table)} WHERE key_id <> ${master.id} FOR UPDATE`.execute(ctx.tx)).rows;
      for (const f of rows) {
        const w = rewrapDataKey(master, { keyId: f.key_id, wrapped: f.wrapped_key }, f.id);
        await sql`UPDATE ${sql.table(table)} SET key_id = ${w.keyId}, wrapped_key = ${w.wrapped} WHERE id = ${f.id}`.execute(ctx.tx);
      }
      files += rows.length;
    }
    const current = `v1.${master.id}.`;
    const users = await ctx.tx.selectFrom('users').select(['id', 'totp_secret_enc', 'totp_pending_enc'])
      .where((eb) => eb.or([
        eb.and([eb('totp_secret_enc', 'is not', null), eb('totp_secret_enc', 'not like', `${current}%`)]),
        eb.and([eb('totp_pending_enc', 'is not', null), eb('totp_pending_enc', 'not like', `${current}%`)]),
      ])).forUpdate().execute();
    let secrets = 0;
    for (const u of users) {
      const reseal = (v: string | null, aad: string) => (v === null || v.startsWith(current) ? v : (secrets++, seal(master, unseal(master, v, aad), aad)));
      await ctx.tx.updateTable('users').set({ totp_secret_enc: reseal(u.totp_secret_enc, `totp:${u.id}`), totp_pending_enc: reseal(u.totp_pending_enc, `totp-pending:${u.id}`) }).where('id', '=', u.id).execute();
    }
    ctx.audit({ action: 'keys.rewrapped', details: { keyId: master.id, attachments: files, secrets } });
    return { attachments: files, secrets };
  });
}

/** How many records are still protected by a retired master key (prune refuses while any are). */
async function stillOnOldKeys(db: Database, master: MasterKey): Promise<number> {
  const current = `v1.${master.id}.`;
  const r = await sql<{ n: string }>`SELECT (SELECT count(*) FROM attachments WHERE key_id <> ${master.id})
    + (SELECT count(*) FROM notice_photos WHERE key_id <> ${master.id})
    + (SELECT count(*) FROM users WHERE (totp_secret_enc IS NOT NULL AND totp_secret_enc NOT LIKE ${`${current}%`}) OR (totp_pending_enc IS NOT NULL AND totp_pending_enc NOT LIKE ${`${current}%`})) AS n`.execute(db.unsafeOwner);
  return Number(r.rows[0]?.n ?? 0);
}

/** `tansiq keys rotate | rewrap | prune`: master key rotation. */
export function addKeyCommands(p: Command): void {
  const keys = p.command('keys').description('Master key rotation (TANSIQ_MASTER_KEY_FILE): a new key first in the file, older ones kept until nothing uses them');
  keys.command('rotate').description('Put a new master key first in the key file and rewrap every data key and sealed secret under it (restart running servers afterwards)').action(async () => {
    const config = loadConfig();
    const id = rotateMasterKeyFile(config.masterKeyFile);
    const rt = await openRuntime(config);
    try {
      const n = await rewrapUnderCurrentKey(rt.db, rt.deps.masterKey);
      process.stdout.write(`New master key ${id} in ${config.masterKeyFile}. Rewrapped ${n.attachments} attachment key(s) and ${n.secrets} sealed secret(s).\nRestart running Tansiq servers so that new files use the new key, then run: tansiq keys rewrap && tansiq keys prune\n`);
    } finally {
      await rt.close();
    }
  });
  keys.command('rewrap').description('Rewrap whatever is still under a retired master key (after servers restarted on the new key)').action(async () => {
    const rt = await openRuntime(loadConfig());
    try {
      const n = await rewrapUnderCurrentKey(rt.db, rt.deps.masterKey);
      process.stdout.write(`Rewrapped ${n.attachments} attachment key(s) and ${n.secrets} sealed secret(s) under master key ${rt.deps.masterKey.id}.\n`);
    } finally {
      await rt.close();
    }
  });
  keys.command('prune').description('Remove retired master keys from the key file, once nothing uses them').action(async () => {
    const config = loadConfig();
    const rt = await openRuntime(config);
    try {
      const left = await stillOnOldKeys(rt.db, rt.deps.masterKey);
      if (left > 0) throw new CliError(`${left} record(s) are still protected by a retired master key: run tansiq keys rewrap first.`);
    } finally {
      await rt.close();
    }
    const dropped = pruneMasterKeyFile(config.masterKeyFile);
    process.stdout.write(dropped.length ? `Removed retired master key(s) ${dropped.join(', ')} from ${config.masterKeyFile}.\n` : 'No retired master keys in the file.\n');
    loadMasterKey(config.masterKeyFile, false);
  });
}
