#!/usr/bin/env node
// Builds the web application when web/dist is missing or older than its sources, so that
// `npm install && npm start` works on a fresh clone and later starts stay fast.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

if (!existsSync(join(web, 'index.html'))) process.exit(0);
const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(root, 'common')), newest(join(web, 'vite.config.ts')));
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);

process.stderr.write('Building the web application (first start or changed sources)…\n');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  process.stderr.write('vite is not installed: run `npm install` first.\n');
  process.exit(1);
}
const r = spawnSync(process.execPath, [vite, 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
