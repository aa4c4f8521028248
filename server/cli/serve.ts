import type { Config } from '../platform/config';
import { checkpoint } from '../platform/audit';
import { buildApp } from '../app';
import { openRuntime } from '../runtime';
import { loadDemoData } from '../demo';

/** Starts Tansiq: lock, migrate, demo data on a first embedded start, HTTP, scheduled audit checkpoints. */
export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const rt = await openRuntime(config);
  const embedded = !config.databaseUrl;
  if (embedded && config.demoKeys) {
    process.stderr.write(`WARNING: demo keys in ${config.masterKeyFile.replace(/\/[^/]+$/, '')} (outside the data folder). For real use set TANSIQ_MASTER_KEY_FILE and TANSIQ_AUDIT_KEY_FILE.\n`);
  }
  let demo: Awaited<ReturnType<typeof loadDemoData>> | null = null;
  if (embedded) demo = await loadDemoData(rt.deps);
  const app = await buildApp(rt.deps);
  const timer = rt.deps.auditKey && config.auditCheckpointMinutes > 0
    ? setInterval(() => {
        checkpoint(rt.db, rt.deps.auditKey!, config.auditKeyFile).catch((e: unknown) => app.log.error({ err: e }, 'audit checkpoint failed'));
      }, config.auditCheckpointMinutes * 60_000)
    : null;
  timer?.unref();
  const stop = async () => {
    if (timer) clearInterval(timer);
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await app.listen({ port: config.port, host: config.host });
  const lines = [
    '',
    `  Tansiq is running: ${config.publicUrl}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Database: ${embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `  API documentation: ${config.publicUrl}/api/docs`,
  ];
  if (demo?.created) {
    lines.push('', '  Demo data loaded. Sign in as, for example:', '    liaison@dgsn.demo, admin@dgsn.demo, officer@bundespolizei.demo, platform@tansiq.demo', `  Password for every demo user: ${demo.password}`);
    if (!config.demoPassword) lines.push('  (generated now and shown once: set TANSIQ_DEMO_PASSWORD to choose it)');
  } else if (embedded) {
    lines.push('  Sign in with your account (demo users: role@agency.demo, e.g. liaison@dgsn.demo).');
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}
