/**
 * Benchmark dispatcher: `npm run bench -- NAME [args]` runs bench/NAME/index.ts with the remaining
 * arguments. Each bench exports `main(args: string[]): Promise<void>`.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Benchmarks allocate millions of short-lived objects: a larger young generation spares the GC.
setFlagsFromString('--max-semi-space-size=64');

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((d) => {
  try {
    return statSync(join(here, d, 'index.ts')).isFile();
  } catch {
    return false;
  }
});

const [name, ...args] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [args]`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(join(here, name, 'index.ts')).href)) as { main: (args: string[]) => Promise<void> };
await mod.main(args);
