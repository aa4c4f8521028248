import { existsSync } from 'node:fs';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

// The same suite runs on embedded PGlite always and on a real PostgreSQL server when DATABASE_URL is set
// (CI sets it and TANSIQ_REQUIRE_ALL=1, so nothing is skipped silently there). Browser tests run when
// Chromium is installed, and are required under TANSIQ_REQUIRE_ALL.
const requireAll = process.env.TANSIQ_REQUIRE_ALL === '1';
const unit = ['common/**/*.test.ts', 'match/**/*.test.ts', 'server/**/*.test.ts', 'bin/**/*.test.ts', 'web/src/**/*.test.ts'];
const projects: TestProjectConfiguration[] = [
  { extends: true, test: { name: 'pglite', include: unit, env: { TANSIQ_TEST_DB: 'pglite' } } },
];
if (process.env.DATABASE_URL) {
  projects.push({ extends: true, test: { name: 'postgres', include: ['server/**/*.test.ts'], env: { TANSIQ_TEST_DB: 'postgres' } } });
} else if (requireAll) {
  throw new Error('TANSIQ_REQUIRE_ALL=1 but DATABASE_URL is not set: the PostgreSQL half of the suite cannot run.');
} else {
  process.stderr.write('\n[tansiq] DATABASE_URL is not set: the suite runs on embedded PGlite only. Set it to also run on a PostgreSQL server.\n\n');
}
const chromium = process.env.TANSIQ_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium) && existsSync('e2e')) {
  // One real server for the browser run (e2e/support/global-setup.ts), one file at a time.
  projects.push({ extends: true, test: { name: 'browser', include: ['e2e/**/*.e2e.ts'], globalSetup: ['e2e/support/global-setup.ts'], maxWorkers: 1, fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 } });
  if (process.env.DATABASE_URL) {
    // The issues' end-to-end scenarios again on a server backed by PostgreSQL, after everything else (one browser at a
    // time on this 2-core machine).
    const scenarios = ['cases', 'messages', 'messages-attachments', 'clarification', 'notices', 'documents', 'events', 'screening'].map((f) => `e2e/${f}.e2e.ts`);
    projects.push({ extends: true, test: { name: 'browser-postgres', include: scenarios, globalSetup: ['e2e/support/global-setup-postgres.ts'], maxWorkers: 1, fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000, sequence: { groupOrder: 1 } } });
  }
} else if (requireAll) {
  throw new Error(`TANSIQ_REQUIRE_ALL=1 but Chromium is missing at ${chromium}: install it (apt-get install -y chromium).`);
} else {
  process.stderr.write(`\n[tansiq] Chromium not found at ${chromium}: browser tests are not run. Install it with apt-get install -y chromium.\n\n`);
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects,
  },
});
