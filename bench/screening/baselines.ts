/** Baselines a user might pick instead: PostgreSQL pg_trgm similarity and fuse.js. */
import Fuse from 'fuse.js';
import pg from 'pg';

export interface Hit {
  id: string;
  score: number;
}

export interface IndexedName {
  id: string;
  names: string[];
}

export interface Baseline {
  name: string;
  /** Score from which the system, used with its defaults, reports a match. */
  threshold: number;
  build(entries: IndexedName[]): Promise<void>;
  search(q: string, top: number): Promise<Hit[]>;
  close(): Promise<void>;
}

/**
 * pg_trgm over the same names: GIN trigram index, `name % query` (default similarity_threshold 0.3),
 * best similarity per entity. Runs in a database of its own, dropped at the end.
 */
export async function pgTrgm(url = 'postgres://postgres@127.0.0.1:5432/postgres'): Promise<Baseline> {
  const dbName = `tansiq_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  const db = new pg.Client({ connectionString: u.toString() });
  await db.connect();
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await db.query('CREATE TABLE names (entity_id text NOT NULL, name text NOT NULL)');
  await db.query('CREATE INDEX names_trgm ON names USING gin (name gin_trgm_ops)');
  return {
    name: 'pg_trgm',
    threshold: 0.3,
    async build(entries) {
      await db.query('TRUNCATE names');
      const ids: string[] = [];
      const names: string[] = [];
      for (const e of entries) for (const n of e.names) {
        ids.push(e.id);
        names.push(n);
      }
      for (let i = 0; i < ids.length; i += 20000) {
        await db.query('INSERT INTO names SELECT * FROM unnest($1::text[], $2::text[])', [ids.slice(i, i + 20000), names.slice(i, i + 20000)]);
      }
      await db.query('ANALYZE names');
    },
    async search(q, top) {
      const r = await db.query<{ entity_id: string; s: number }>(
        'SELECT entity_id, max(similarity(name, $1)) AS s FROM names WHERE name % $1 GROUP BY entity_id ORDER BY s DESC LIMIT $2',
        [q, top],
      );
      return r.rows.map((x) => ({ id: x.entity_id, score: Number(x.s) }));
    },
    async close() {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    },
  };
}

/** fuse.js with its defaults (threshold 0.6), one record per name; score reported as 1 − fuse score. */
export function fuseBaseline(): Baseline {
  let fuse: Fuse<{ id: string; name: string }> | undefined;
  return {
    name: 'fuse.js',
    threshold: 0.4,
    build(entries) {
      const rows: { id: string; name: string }[] = [];
      for (const e of entries) for (const n of e.names) rows.push({ id: e.id, name: n });
      fuse = new Fuse(rows, { keys: ['name'], includeScore: true });
      return Promise.resolve();
    },
    search(q, top) {
      const out: Hit[] = [];
      const seen = new Set<string>();
      for (const r of fuse?.search(q, { limit: top * 4 }) ?? []) {
        if (seen.has(r.item.id)) continue;
        seen.add(r.item.id);
        out.push({ id: r.item.id, score: 1 - (r.score ?? 1) });
        if (out.length >= top) break;
      }
      return Promise.resolve(out);
    },
    close() {
      return Promise.resolve();
    },
  };
}
