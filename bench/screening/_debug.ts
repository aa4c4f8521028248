import { importWatchlist, ScreeningIndex, type WatchlistEntry } from '../../match/index';
import { dataPath, loadNegatives, splitNegatives } from './data';
const un = (await importWatchlist(dataPath('watchlists/un-consolidated-2026-02-27.xml'))).entries;
const { distractors } = splitNegatives(loadNegatives());
const dist: WatchlistEntry[] = distractors.map((n) => ({ id: `neg:${n.row}`, name: n.fullName }));
const withOriginal = un.filter((e) => e.aliases?.some((a) => a.type === 'original_script'));
const mode = process.argv[2];
const idx = new ScreeningIndex();
if (mode === 'ar') {
  idx.add([...un.map((e) => ({ ...e, aliases: (e.aliases ?? []).filter((a) => a.type !== 'original_script') })), ...dist]);
  for (const e of withOriginal) {
    const q = e.aliases!.find((a) => a.type === 'original_script')!.name;
    const hits = idx.search(q, { top: 10 });
    if (hits[0]?.id !== e.id) {
      const mine = hits.find((h) => h.id === e.id);
      console.log(`${e.id} Q=${q.replace(/\n/g, ' ')} | T=${e.name} | got ${hits[0]?.id} ${hits[0]?.matchedName} ${hits[0]?.score.toFixed(2)} | mine ${mine?.score.toFixed(2)} ${mine ? JSON.stringify(mine.explanation.filter(x=>x.code==='token_match'||x.code==='token_unmatched').map(x => x.code==='token_match' ? `${x.query}=${x.candidate}:${x.sim}` : `-${(x as {token:string}).token}`)) : ''}`);
    }
  }
} else if (mode === 'lat') {
  idx.add([...withOriginal.map((e) => ({ id: e.id, name: e.aliases!.find((a) => a.type === 'original_script')!.name })), ...dist]);
  for (const e of withOriginal) for (const q of [e.name, ...(e.aliases ?? []).filter((a) => a.type === 'alias').map((a) => a.name)]) {
    const hits = idx.search(q, { top: 10 });
    if (hits[0]?.id !== e.id) {
      const mine = hits.find((h) => h.id === e.id);
      console.log(`${e.id} Q=${q} | T=${idx.get(e.id)?.name.replace(/\n/g, ' ')} | got ${hits[0]?.id} ${hits[0]?.name} ${hits[0]?.score.toFixed(2)} | mine ${mine?.score.toFixed(2)} ${mine ? JSON.stringify(mine.explanation.filter(x=>x.code==='token_match'||x.code==='token_unmatched').map(x => x.code==='token_match' ? `${x.query}=${x.candidate}:${x.sim}` : `-${(x as {token:string}).token}`)) : ''}`);
    }
  }
}
