import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { DEMO_PASSWORD, startServer } from './server';

/**
 * The same browser scenarios against a Tansiq server on PostgreSQL: a fresh database on the server of DATABASE_URL,
 * demo data loaded with `tansiq demo-data`, dropped at the end of the run.
 */
export default async function setup(project: TestProject) {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('The PostgreSQL browser tests need DATABASE_URL (the owner URL of a PostgreSQL server).');
  const name = `tansiq_e2e_${randomBytes(5).toString('hex')}`;
  const run = async (statement: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const server = await startServer({ databaseUrl: url.toString() });
  project.provide('baseUrl', server.baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  return async () => {
    await server.stop();
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
