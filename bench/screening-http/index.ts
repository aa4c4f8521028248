/**
 * Single-query screening rate through the HTTP API: `npm run bench -- screening-http --url URL --password PW
 * [--seconds 20] [--concurrency 8]` against a running server with demo data (start it with
 * TANSIQ_TRUST_PROXY=true: each request carries its own X-Forwarded-For so the per-address rate limit does not
 * cap the measurement). Imports the UN list and the OFAC SDN list (with its alias and address files) from
 * ../shared/data as global watchlists when they are not there yet, then screens names of the UN list (Latin and
 * Arabic) as liaison@dgsn.demo for the given time and prints requests per second and latency percentiles.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'watchlists');

function arg(args: string[], name: string, d: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : d;
}

async function login(url: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`sign-in of ${email} failed: ${r.status} ${await r.text()}`);
  const j = (await r.json()) as { csrfToken: string };
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: j.csrfToken };
}

async function importList(url: string, s: { cookie: string; csrf: string }, name: string, form: FormData): Promise<void> {
  const r = await fetch(`${url}/api/watchlists?name=${encodeURIComponent(name)}&scope=global`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: form });
  if (r.status !== 202) throw new Error(`import of ${name}: ${r.status} ${await r.text()}`);
  const { job } = (await r.json()) as { job: { id: string } };
  for (;;) {
    await new Promise((res) => setTimeout(res, 500));
    const j = ((await (await fetch(`${url}/api/jobs/${job.id}`, { headers: { cookie: s.cookie } })).json()) as { job: { state: string; error: string | null; result: unknown } }).job;
    if (j.state === 'succeeded') return void console.log(`${name}: ${JSON.stringify(j.result)}`);
    if (j.state !== 'queued' && j.state !== 'running') throw new Error(`import of ${name} ${j.state}: ${j.error}`);
  }
}

const file = (p: string) => new Blob([readFileSync(join(DATA, p))]);

export async function main(args: string[]): Promise<void> {
  const url = arg(args, 'url', 'http://127.0.0.1:8080').replace(/\/$/, '');
  const password = arg(args, 'password', process.env.TANSIQ_DEMO_PASSWORD ?? '');
  const seconds = Number(arg(args, 'seconds', '20'));
  const concurrency = Number(arg(args, 'concurrency', '8'));

  const admin = await login(url, 'platform@tansiq.demo', password);
  const lists = ((await (await fetch(`${url}/api/watchlists`, { headers: { cookie: admin.cookie } })).json()) as { watchlists: { name: string }[] }).watchlists.map((w) => w.name);
  if (!lists.includes('UN (bench)')) {
    const f = new FormData();
    f.append('file', file('un-consolidated-2026-02-27.xml'), 'un.xml');
    await importList(url, admin, 'UN (bench)', f);
  }
  if (!lists.includes('OFAC SDN (bench)')) {
    const f = new FormData();
    f.append('file', file('ofac-sdn-2021-sdn.csv'), 'sdn.csv');
    f.append('alt', file('ofac-sdn-2021-alt.csv'), 'alt.csv');
    f.append('add', file('ofac-sdn-2021-add.csv'), 'add.csv');
    await importList(url, admin, 'OFAC SDN (bench)', f);
  }

  const xml = readFileSync(join(DATA, 'un-consolidated-2026-02-27.xml'), 'utf8');
  const names = [
    ...[...xml.matchAll(/<FIRST_NAME>([^<]+)<\/FIRST_NAME>\s*<SECOND_NAME>([^<]+)<\/SECOND_NAME>/g)].map((m) => `${m[1]} ${m[2]}`),
    ...[...xml.matchAll(/<NAME_ORIGINAL_SCRIPT>([^<]+)<\/NAME_ORIGINAL_SCRIPT>/g)].map((m) => m[1]!),
  ];
  const officer = await login(url, 'liaison@dgsn.demo', password);
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      const i = n++;
      const t0 = performance.now();
      const r = await fetch(`${url}/api/screening/match`, {
        method: 'POST',
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({ name: names[i % names.length], purpose: 'HTTP benchmark', top: 10 }),
      });
      await r.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (r.status !== 200) errors++;
    }
  }));
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(`| requests | errors | seconds | concurrency | req/s | p50 ms | p90 ms | p99 ms |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  console.log(`| ${latencies.length} | ${errors} | ${elapsed.toFixed(1)} | ${concurrency} | ${(latencies.length / elapsed).toFixed(0)} | ${pct(50)} | ${pct(90)} | ${pct(99)} |`);
}
