import { readFile, rename, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { analyzeRecord, applyQualifiers, bestNameValue, scoreRecords, type AnalyzedRecord } from '../score/compare';
import { tokenSimilarity, type TokenSimilarity } from '../score/similarity';
import type { TokenInfo } from '../translit/analyze';
import type { NameType } from '../score/types';
import { canSee } from './access';
import type { SearchHit, SearchOptions, ScreeningQuery, WatchlistEntry } from './types';

/** Score from which a candidate is reported as an alert, unless an agency or watchlist sets its own. */
export const DEFAULT_ALERT_THRESHOLD = 0.8;

/** How many candidates from the key lookup are scored in full, at least. */
const RERANK_MIN = 30;
/** Keys of at least this length are also looked up within one edit (typos, dropped letters). */
const FUZZY_MIN_KEY = 3;
const FUZZY_WEIGHT = 0.6;
const SPLIT_WEIGHT = 0.5;
/** A key on more than this share of entries adds no new candidates, it only ranks those found. */
const COMMON_KEY_SHARE = 0.02;
const SNAPSHOT_VERSION = 1;

interface Slot {
  entry: WatchlistEntry;
  rec: AnalyzedRecord;
}

interface SnapshotData {
  version: number;
  alertThreshold: number;
  tokens: TokenInfo[];
  entries: WatchlistEntry[];
  /** Per entry, the analysed names: per form, token ids and particles. */
  names: { name: string; type: NameType; forms: { ids: number[]; particles: string[] }[] }[][];
}

const EXACT_BONUS = 0.05;
const COVER_BONUS = 0.1;

/**
 * Tie-breaker for candidates with the same key score: identical spellings, and names whose every
 * token the query covers (so "Abu Muhammad" prefers the entry called that over every Muhammad X Y).
 */
function tieBreak(rec: AnalyzedRecord, texts: Set<string>, keys: Set<string>): number {
  let best = 0;
  for (const name of rec.names) {
    for (const f of name.forms) {
      let exact = 0;
      let covered = 0;
      for (const t of f.tokens) {
        if (texts.has(t.text)) exact++;
        if (keys.has(t.key) || (t.altKey !== undefined && keys.has(t.altKey))) covered++;
      }
      const v = EXACT_BONUS * exact + (f.tokens.length > 0 ? (COVER_BONUS * covered) / f.tokens.length : 0);
      if (v > best) best = v;
    }
  }
  return best;
}

function differsOnlyAt(a: string, b: string, pos: number): boolean {
  for (let i = 0; i < a.length; i++) if (i !== pos && a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

function deletes(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

/** A small binary min-heap on score, keeping the best `cap` slots. */
class TopHeap {
  readonly slots: number[] = [];
  readonly scores: number[] = [];
  constructor(private readonly cap: number) {}
  get min(): number {
    return this.scores.length < this.cap ? -Infinity : (this.scores[0] ?? -Infinity);
  }
  push(slot: number, score: number): void {
    const s = this.scores;
    const t = this.slots;
    if (s.length < this.cap) {
      s.push(score);
      t.push(slot);
      let i = s.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((s[p] ?? 0) <= score) break;
        s[i] = s[p] ?? 0;
        t[i] = t[p] ?? 0;
        i = p;
      }
      s[i] = score;
      t[i] = slot;
      return;
    }
    if (score <= (s[0] ?? 0)) return;
    let i = 0;
    const n = s.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (s[r] ?? 0) < (s[l] ?? 0) ? r : l;
      if ((s[c] ?? 0) >= score) break;
      s[i] = s[c] ?? 0;
      t[i] = t[c] ?? 0;
      i = c;
    }
    s[i] = score;
    t[i] = slot;
  }
}

/**
 * In-memory screening index: candidate generation on phonetic keys (exact and within one edit),
 * then full scoring with explanations. Entries from any number of sources; add and remove at any
 * time; snapshot to disk for fast restarts. Not safe for concurrent mutation from several threads
 * (JavaScript has none); searches between mutations always see a consistent index.
 */
export class ScreeningIndex {
  /** Score from which a hit is an alert. */
  alertThreshold: number;
  private slots: (Slot | undefined)[] = [];
  private idToSlot = new Map<string, number>();
  private tokens: TokenInfo[] = [];
  private tokenIds = new Map<string, number>();
  private byObject = new Map<TokenInfo, TokenInfo>();
  /** Key → slots; a single slot is stored as a number (most keys are rare: saves an array each). */
  private postings = new Map<string, number | number[]>();
  private deleteIndex = new Map<string, string[]>();
  private dead = 0;
  private acc = new Float64Array(0);
  private mark = new Int32Array(0);
  private stamp = 0;

  constructor(options: { alertThreshold?: number } = {}) {
    this.alertThreshold = options.alertThreshold ?? DEFAULT_ALERT_THRESHOLD;
  }

  /** Number of live entries. */
  get size(): number {
    return this.idToSlot.size;
  }

  /** Whether an entry with this id is indexed. */
  has(id: string): boolean {
    return this.idToSlot.has(id);
  }

  /** The entry with this id, if indexed. */
  get(id: string): WatchlistEntry | undefined {
    const s = this.idToSlot.get(id);
    return s === undefined ? undefined : this.slots[s]?.entry;
  }

  private intern(t: TokenInfo): TokenInfo {
    // Analysis hands out shared token objects: an identity lookup avoids building a string key.
    const same = this.byObject.get(t);
    if (same !== undefined) return same;
    const k = `${t.script}\u0000${t.text}`;
    const id = this.tokenIds.get(k);
    if (id !== undefined) return this.tokens[id] ?? t;
    const copy: TokenInfo = { ...t, id: this.tokens.length };
    this.tokens.push(copy);
    this.tokenIds.set(k, copy.id ?? 0);
    if (this.byObject.size < 2_000_000) this.byObject.set(t, copy);
    return copy;
  }

  private df(key: string): number {
    const p = this.postings.get(key);
    return p === undefined ? 0 : typeof p === 'number' ? 1 : p.length;
  }

  private post(key: string, slot: number): void {
    const list = this.postings.get(key);
    if (list === undefined) {
      this.postings.set(key, slot);
      if (key.length >= FUZZY_MIN_KEY && !key.startsWith('~')) {
        for (const d of deletes(key)) {
          const l = this.deleteIndex.get(d);
          if (l === undefined) this.deleteIndex.set(d, [key]);
          else l.push(key);
        }
      }
      return;
    }
    // Slots only grow, so a duplicate can only be the last element.
    if (typeof list === 'number') {
      if (list !== slot) this.postings.set(key, [list, slot]);
    } else if (list[list.length - 1] !== slot) list.push(slot);
  }

  private indexSlot(slot: number, rec: AnalyzedRecord): void {
    for (const n of rec.names) {
      for (const f of n.forms) {
        for (const t of f.tokens) {
          this.post(t.key, slot);
          if (t.altKey !== undefined) this.post(t.altKey, slot);
        }
      }
    }
  }

  private internRecord(rec: AnalyzedRecord): void {
    for (const n of rec.names) {
      for (const f of n.forms) {
        f.tokens = f.tokens.map((t) => this.intern(t));
        // Joined tokens are rebuilt when scoring: storing them would double the index's memory.
      }
    }
  }

  /** Add entries (an entry whose id is already indexed replaces it). */
  add(entries: Iterable<WatchlistEntry>): void {
    for (const entry of entries) {
      if (this.idToSlot.has(entry.id)) this.removeOne(entry.id);
      const rec = analyzeRecord(entry, false);
      this.internRecord(rec);
      const slot = this.slots.length;
      this.slots.push({ entry, rec });
      this.idToSlot.set(entry.id, slot);
      this.indexSlot(slot, rec);
    }
    this.maybeCompact();
  }

  private removeOne(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    this.slots[slot] = undefined;
    this.idToSlot.delete(id);
    this.dead++;
    return true;
  }

  /** Remove entries by id; returns how many were indexed. */
  remove(ids: Iterable<string>): number {
    let n = 0;
    for (const id of ids) if (this.removeOne(id)) n++;
    this.maybeCompact();
    return n;
  }

  private maybeCompact(): void {
    if (this.dead > 1000 && this.dead > this.idToSlot.size) this.compact();
  }

  /** Rebuild the postings without removed entries (run automatically when many were removed). */
  compact(): void {
    const live = this.slots.filter((s): s is Slot => s !== undefined);
    this.slots = [];
    this.idToSlot.clear();
    this.postings.clear();
    this.deleteIndex.clear();
    this.dead = 0;
    for (const s of live) {
      const slot = this.slots.length;
      this.slots.push(s);
      this.idToSlot.set(s.entry.id, slot);
      this.indexSlot(slot, s.rec);
    }
  }

  private visit(key: string, weight: number, mark: number, onlyExisting: boolean, touched: number[]): void {
    const p = this.postings.get(key);
    if (p === undefined) return;
    const list = typeof p === 'number' ? [p] : p;
    const acc = this.acc;
    const marks = this.mark;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] ?? 0;
      if (marks[s] === mark) continue;
      const cur = acc[s] ?? 0;
      if (cur === 0) {
        if (onlyExisting) continue;
        touched.push(s);
      }
      marks[s] = mark;
      acc[s] = cur + weight;
    }
  }

  /** Keys within one edit (insertion, deletion, substitution) of `key`. */
  private neighbours(key: string): string[] {
    if (key.length < FUZZY_MIN_KEY || key.startsWith('~')) return [];
    const out = new Set<string>();
    for (const k of this.deleteIndex.get(key) ?? []) out.add(k);
    const dels = deletes(key);
    for (let pos = 0; pos < dels.length; pos++) {
      const d = dels[pos] as string;
      if (this.postings.has(d)) out.add(d);
      // Same delete at the same position: a substitution at that position.
      for (const k of this.deleteIndex.get(d) ?? []) {
        if (k.length === key.length && differsOnlyAt(k, key, pos)) out.add(k);
      }
    }
    out.delete(key);
    return [...out];
  }

  /**
   * Screen one record. Candidates the asker may not see are dropped before the top ones are cut, so
   * a restricted entry is never revealed, not even by its absence from a full list.
   */
  search(query: ScreeningQuery | string, options: SearchOptions = {}): SearchHit[] {
    const q: ScreeningQuery = typeof query === 'string' ? { name: query } : query;
    const top = Math.max(1, options.top ?? 10);
    const minScore = options.threshold ?? 0;
    const alertAt = options.alertThreshold ?? this.alertThreshold;
    const rec = analyzeRecord(q);
    if (rec.names.length === 0 || this.idToSlot.size === 0) return [];

    const n = this.slots.length;
    if (this.acc.length < n) {
      this.acc = new Float64Array(Math.ceil(n * 1.25) + 16);
      this.mark = new Int32Array(this.acc.length);
    }
    const live = this.idToSlot.size;
    const common = Math.max(1000, live * COMMON_KEY_SHARE);

    // Query tokens, each with its keys; rarer tokens first so common ones only rank what rare ones found.
    let qi = 0;
    const plan: { keys: { key: string; w: number }[]; df: number }[] = [];
    for (const name of rec.names) {
      for (const f of name.forms) {
        const nTokens = f.tokens.length;
        // Query tokens get ids for the similarity memo: on copies, the analysed tokens are shared.
        f.tokens = f.tokens.map((t) => ({ ...t, id: qi++ }));
        f.joined = f.joined.map((t) => ({ ...t, id: qi++ }));
        const all = [...f.tokens, ...f.joined];
        all.forEach((t, ti) => {
          const isJoined = ti >= nTokens;
          const keys: { key: string; w: number }[] = [];
          const seen = new Set<string>();
          for (const k of [t.key, t.altKey]) {
            if (k === undefined || seen.has(k)) continue;
            seen.add(k);
            keys.push({ key: k, w: 1 });
          }
          if (!isJoined) {
            for (const k of [...keys]) {
              for (const nb of this.neighbours(k.key)) {
                if (seen.has(nb)) continue;
                seen.add(nb);
                keys.push({ key: nb, w: FUZZY_WEIGHT });
              }
            }
            // A compound written as one word (Atiqullah) may be two words in the list (عتيق الله).
            const k = t.key;
            if (!k.startsWith('~')) {
              for (let cut = 2; cut + 2 <= k.length; cut++) {
                for (const half of [k.slice(0, cut), k.slice(cut)]) {
                  if (seen.has(half)) continue;
                  seen.add(half);
                  keys.push({ key: half, w: SPLIT_WEIGHT });
                }
              }
            }
          }
          let df = Infinity;
          for (const k of keys) {
            const l = this.df(k.key);
            if (k.w >= 1 && l > 0) df = Math.min(df, l);
          }
          plan.push({ keys, df });
        });
      }
    }
    plan.sort((a, b) => a.df - b.df);

    // Exact keys first, rarest first; then keys within one edit and split compounds, which only add
    // new candidates while few were found (a typo in the only rare name of the query).
    const want = Math.max(RERANK_MIN, top * 3);
    const touched: number[] = [];
    for (const exact of [true, false]) {
      for (const p of plan) {
        const mark = ++this.stamp;
        if (this.stamp > 2_000_000_000) {
          this.stamp = 1;
          this.mark.fill(0);
        }
        for (const k of p.keys) {
          if (k.w >= 1 !== exact) continue;
          const df = this.df(k.key);
          if (df === 0) continue;
          const idf = Math.log(1 + live / df);
          const onlyExisting = touched.length > 0 && (df > common || (!exact && touched.length >= 4 * want));
          this.visit(k.key, idf * k.w, mark, onlyExisting, touched);
        }
      }
    }

    const heap = new TopHeap(want);
    const qTexts = new Set<string>();
    const qKeys = new Set<string>();
    for (const n of rec.names) {
      for (const f of n.forms) {
        for (const t of [...f.tokens, ...f.joined]) {
          qTexts.add(t.text);
          qKeys.add(t.key);
          if (t.altKey !== undefined) qKeys.add(t.altKey);
        }
      }
    }
    const maxBonus = EXACT_BONUS * qTexts.size + COVER_BONUS;
    for (const s of touched) {
      let score = this.acc[s] ?? 0;
      this.acc[s] = 0;
      if (score + maxBonus < heap.min) continue;
      const slot = this.slots[s];
      if (slot === undefined || !canSee(slot.entry.access, options.access)) continue;
      // Keys are coarse: many entries may tie on them. Identical spellings break the tie.
      score += tieBreak(slot.rec, qTexts, qKeys);
      if (score <= heap.min) continue;
      heap.push(s, score);
    }

    const memo: Map<number, TokenSimilarity>[] = Array.from({ length: qi }, () => new Map());
    const sim = (a: TokenInfo, b: TokenInfo): TokenSimilarity => {
      const m = memo[a.id ?? 0];
      const bid = b.id ?? -1;
      if (m === undefined || bid < 0) return tokenSimilarity(a, b);
      let r = m.get(bid);
      if (r === undefined) {
        r = tokenSimilarity(a, b);
        m.set(bid, r);
      }
      return r;
    };

    // Score every candidate cheaply, then explain only those returned.
    const scored: { s: number; score: number }[] = [];
    for (const s of heap.slots) {
      const slot = this.slots[s];
      if (slot === undefined) continue;
      const score = applyQualifiers(bestNameValue(rec, slot.rec, sim), rec, slot.rec);
      if (score >= minScore && score > 0) scored.push({ s, score });
    }
    scored.sort((a, b) => b.score - a.score || this.idOrder(a.s, b.s));
    const hits: SearchHit[] = [];
    for (const { s } of scored.slice(0, top)) {
      const slot = this.slots[s];
      if (slot === undefined) continue;
      const r = scoreRecords(rec, slot.rec, sim);
      const first = r.explanation[0];
      const hit: SearchHit = {
        id: slot.entry.id,
        name: slot.entry.name,
        matchedName: first?.code === 'name_compared' ? first.candidate : slot.entry.name,
        score: r.score,
        explanation: r.explanation,
        alert: r.score >= alertAt,
      };
      if (slot.entry.source !== undefined) hit.source = slot.entry.source;
      hits.push(hit);
    }
    return hits;
  }

  private idOrder(a: number, b: number): number {
    const x = this.slots[a]?.entry.id ?? '';
    const y = this.slots[b]?.entry.id ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Screen many records; results in input order. */
  searchMany(queries: Iterable<ScreeningQuery | string>, options: SearchOptions = {}): SearchHit[][] {
    const out: SearchHit[][] = [];
    for (const q of queries) out.push(this.search(q, options));
    return out;
  }

  /** All live entries, in insertion order. */
  *entries(): IterableIterator<WatchlistEntry> {
    for (const s of this.slots) if (s !== undefined) yield s.entry;
  }

  /** Serialise the analysed index (not just the entries), so loading skips the analysis. */
  toBuffer(): Buffer {
    const live = this.slots.filter((s): s is Slot => s !== undefined);
    const data: SnapshotData = {
      version: SNAPSHOT_VERSION,
      alertThreshold: this.alertThreshold,
      tokens: this.tokens,
      entries: live.map((s) => s.entry),
      names: live.map((s) =>
        s.rec.names.map((n) => ({
          name: n.name,
          type: n.type,
          forms: n.forms.map((f) => ({ ids: f.tokens.map((t) => t.id ?? 0), particles: f.particles })),
        })),
      ),
    };
    return serialize(data);
  }

  /** Rebuild an index from {@link toBuffer}'s output. */
  static fromBuffer(buf: Buffer): ScreeningIndex {
    const data = deserialize(buf) as SnapshotData;
    if (data.version !== SNAPSHOT_VERSION) throw new Error(`screening snapshot version ${String(data.version)} is not ${SNAPSHOT_VERSION}`);
    const idx = new ScreeningIndex({ alertThreshold: data.alertThreshold });
    idx.tokens = data.tokens;
    for (const t of data.tokens) idx.tokenIds.set(`${t.script}\u0000${t.text}`, t.id ?? 0);
    data.entries.forEach((entry, i) => {
      // Dates, countries and documents are cheap to analyse again; names are not.
      const rec = analyzeRecord({ ...entry, name: '', aliases: [] });
      for (const n of data.names[i] ?? []) {
        rec.names.push({
          name: n.name,
          type: n.type,
          forms: n.forms.map((f) => ({
            tokens: f.ids.map((id) => data.tokens[id] as TokenInfo),
            joined: [],
            particles: f.particles,
          })),
        });
      }
      const slot = idx.slots.length;
      idx.slots.push({ entry, rec });
      idx.idToSlot.set(entry.id, slot);
      idx.indexSlot(slot, rec);
    });
    return idx;
  }

  /** Write a snapshot file (atomically: a crash leaves the previous snapshot). */
  async saveSnapshot(path: string): Promise<void> {
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, this.toBuffer());
    await rename(tmp, path);
  }

  /** Load an index from a snapshot file. */
  static async loadSnapshot(path: string): Promise<ScreeningIndex> {
    return ScreeningIndex.fromBuffer(await readFile(path));
  }
}
