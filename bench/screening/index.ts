/**
 * `npm run bench -- screening [quality|speed|all] [--size N] [--singles N] [--batch N]
 *  [--baseline-queries N] [--pg-queries N] [--no-baselines] [--snapshot PATH]`
 */
import os from 'node:os';
import { DEFAULT_ALERT_THRESHOLD } from '../../match/index';
import { runQuality, type Row } from './quality';
import { runSpeed } from './speed';

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : dflt;
}

const pct = (x: number | undefined): string => (x === undefined ? '' : (x * 100).toFixed(1));

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(w[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function main(args: string[]): Promise<void> {
  const what = args.find((a) => !a.startsWith('--') && !/^\d/.test(a)) ?? 'all';
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`command: npm run bench -- screening ${args.join(' ')}`);
  console.log(`default alert threshold: ${DEFAULT_ALERT_THRESHOLD}`);
  if (what === 'quality' || what === 'all') {
    const { rows, ar2en } = await runQuality({
      baselines: !args.includes('--no-baselines'),
      baselineQueries: arg(args, '--baseline-queries', 400),
      pgQueries: arg(args, '--pg-queries', 400),
    });
    console.log('\nQuality (percent; precision/recall at each system\'s default threshold)\n');
    console.log(
      table(
        ['set', 'system', 'queries', 'recall@1', 'recall@10', 'precision', 'recall', 'false alarms (listed)', 'alerts (any)'],
        rows.map((r: Row) => [r.set, r.system, String(r.n), pct(r.r1), pct(r.r10), pct(r.precision), pct(r.recall), pct(r.falseAlarms), pct(r.falseAlarmsAny)]),
      ),
    );
    console.log('\nWord-level transliteration, ar2en-eval.txt\n');
    console.log(table(['measure', 'value'], Object.entries(ar2en).map(([k, v]) => [k, k === 'pairs' ? String(v) : pct(v)])));
  }
  if (what === 'speed' || what === 'all') {
    const snapIdx = args.indexOf('--snapshot');
    const r = await runSpeed({
      size: arg(args, '--size', 1_000_000),
      singles: arg(args, '--singles', 20_000),
      batch: arg(args, '--batch', 100_000),
      ...(snapIdx >= 0 && args[snapIdx + 1] !== undefined ? { snapshot: args[snapIdx + 1] as string } : {}),
    });
    console.log('\nSpeed (in-process, one thread)\n');
    console.log(
      table(
        ['measure', 'value'],
        [
          ['entities', String(r.entities)],
          ['index build (s)', r.buildSeconds.toFixed(1)],
          ['resident memory after build (MiB)', r.rssMiB.toFixed(0)],
          ['JS heap used (MiB)', r.heapMiB.toFixed(0)],
          [`single queries (${r.singleQueries}) per second`, r.qps.toFixed(0)],
          ['single query p50 (ms)', r.p50ms.toFixed(2)],
          ['single query p99 (ms)', r.p99ms.toFixed(2)],
          [`batch (${r.batchQueries} queries) per second`, r.batchQps.toFixed(0)],
          ['projected 1 M batch (min, one thread)', r.projected1MBatchMinutes.toFixed(1)],
          [`listed names with noise (${r.listedQueries} of the single queries): recall@1 / @10 (%)`, `${pct(r.listedRecall1)} / ${pct(r.listedRecall10)}`],
          ...(r.snapshotSaveSeconds !== undefined ? [['snapshot save (s)', r.snapshotSaveSeconds.toFixed(1)]] : []),
          ...(r.snapshotLoadSeconds !== undefined ? [['snapshot load (s)', r.snapshotLoadSeconds.toFixed(1)]] : []),
        ],
      ),
    );
  }
}
