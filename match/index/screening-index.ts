import { readFile, rename, writeFile } from 'node:fs/promises';
import { analyzeDetails, analyzeRecord, applyQualifiers, bestNameValue, recordNames, scoreRecords, type AnalyzedRecord } from '../score/compare';
import { tokenSimilarity, type TokenSimilarity } from '../score/similarity';
import { analyzeName, joinTokens, type NameForm, type TokenInfo } from '../translit/analyze';
import type { Script } from '../normalize/text';
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
/**
 * Each token is also posted under its exact romanised form (`=janan` for Janan and جانان). A query
 * token's form adds what its IDF has above the IDF of the token's rarest key: an entry sharing a rare
 * exact spelling is found and kept even when its coarse keys (`kn`, `mt`) are shared by hundreds of
 * others, while a form as common as its key (محمد: `=mahmad`, `mt`) adds next to nothing. Forms adding
 * less than this are not looked up.
 */
const FORM_MIN_GAIN = 0.5;
/** Romanised forms shorter than this (initials) are not posted. */
const FORM_MIN = 2;
/** A key on more than this share of entries adds no new candidates, it only ranks those found. */
const COMMON_KEY_SHARE = 0.02;
/**
 * A key only ranking candidates already found checks each of them in its (sorted) posting list
 * when the list is this many times longer than the candidates: O(candidates × log list).
 */
const PROBE_RATIO = 16;
/** Lists at least this long (and 1/64 of the slots) also keep a bit set. */
const BITSET_MIN = 4096;
const SNAPSHOT_MAGIC = 'TSQIDX02';
const SCRIPTS: readonly Script[] = ['latin', 'arabic', 'han', 'cyrillic', 'other'];
/** Entry flags: a removed slot, a public entry, an entry with an access rule. */
const DEAD = 0;
const PUBLIC = 1;
const RESTRICTED = 2;

const NO_TOKENS: TokenInfo[] = [];
const EXACT_BONUS = 0.05;
const COVER_BONUS = 0.1;

/** A growable Int32Array (postings of a million entries as objects or JS arrays cost far more). */
class IntList {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  get(i: number): number {
    return this.a[i] ?? 0;
  }
  set(i: number, v: number): void {
    this.a[i] = v;
  }
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

/** Whether the ascending list holds v (binary search). */
function sortedHas(list: number[], v: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = list[mid] ?? 0;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The key of a token's exact romanised form, or undefined for initials. */
function formKey(t: TokenInfo): string | undefined {
  const f = t.latin.length > 0 ? t.latin : t.text;
  return f.length < FORM_MIN ? undefined : `=${f}`;
}

/** A small binary min-heap on score, keeping the best `cap` slots (typed arrays, no allocation per push). */
class TopHeap {
  private readonly sc: Float64Array;
  private readonly sl: Int32Array;
  n = 0;
  /** The score a slot must beat to enter (−∞ until full). */
  min = -Infinity;
  constructor(private readonly cap: number) {
    this.sc = new Float64Array(cap);
    this.sl = new Int32Array(cap);
  }
  get slots(): number[] {
    return Array.from(this.sl.subarray(0, this.n));
  }
  push(slot: number, score: number): void {
    const s = this.sc;
    const t = this.sl;
    if (this.n < this.cap) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if ((s[p] ?? 0) <= score) break;
        s[i] = s[p] ?? 0;
        t[i] = t[p] ?? 0;
        i = p;
      }
      s[i] = score;
      t[i] = slot;
      if (this.n === this.cap) this.min = s[0] ?? 0;
      return;
    }
    if (score <= (s[0] ?? 0)) return;
    let i = 0;
    const n = this.n;
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
    this.min = s[0] ?? 0;
  }
}

/** One query token's keys (ids) and weights, with the size of its rarest exact key. */
interface PlanItem {
  keys: number[];
  weights: number[];
  df: number;
  /** A fixed weight instead of IDF × weight (exact romanised forms). */
  fixed?: number;
}

/**
 * In-memory screening index: candidate generation on phonetic keys (exact and within one edit),
 * then full scoring with explanations. Entries from any number of sources; add and remove at any
 * time; snapshot to disk for fast restarts. Not safe for concurrent mutation from several threads
 * (JavaScript has none); searches between mutations always see a consistent index.
 *
 * Storage is compact: tokens are interned once (an id each), keys get integer ids, postings are
 * ascending slot numbers, and each entry's analysed names are a run of integers in one pool
 * (`[names, (name index, forms, (particles id, tokens, token ids…)…)…]`). Dates, nationalities
 * and documents are analysed again from the entry for the few candidates scored in full.
 */
export class ScreeningIndex {
  /** Score from which a hit is an alert. */
  alertThreshold: number;
  private entryOf: (WatchlistEntry | undefined)[] = [];
  private flags = new Uint8Array(1024);
  private recOff = new IntList();
  private pool = new IntList(1 << 16);
  private idToSlot = new Map<string, number>();
  private tokens: TokenInfo[] = [];
  private tokenIds = new Map<string, number>();
  private byObject = new Map<TokenInfo, number>();
  private tokKey = new IntList();
  private tokAlt = new IntList();
  /** Token id → key id of its exact romanised form, or −1. */
  private tokForm = new IntList();
  private keyIds = new Map<string, number>();
  private keyStr: string[] = [];
  /** Key id → ascending slots; a single slot is stored as a number (most keys are rare). */
  private postings: (number | number[] | undefined)[] = [];
  /** Bit sets of the longest lists (key id → a bit per slot): a found candidate is tested in O(1). */
  private bits = new Map<number, Int32Array>();
  /** A key with one letter deleted → ids of the keys it comes from (lookups within one edit). */
  private deleteIndex = new Map<string, number[]>();
  private particleSets: string[][] = [[]];
  private particleIds = new Map<string, number>([['', 0]]);
  private dead = 0;
  private joinedCache = new Map<number, Map<number, TokenInfo>>();
  /** Joined tokens' ids start far above any interned token's. */
  private joinedNext = 1 << 30;
  /** Per slot, during a query: [2s] the key score, [2s + 1] the stamp of the last group that counted. */
  private state = new Float64Array(0);
  /** Bit per slot: found as a candidate by the current query (a cache-resident filter for long lists). */
  private found = new Int32Array(0);
  private stamp = 0;
  private tokMark = new Int32Array(0);
  private keyMark = new Int32Array(0);
  private qStamp = 0;

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
    return s === undefined ? undefined : this.entryOf[s];
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id !== undefined) return id;
    id = this.keyStr.length;
    this.keyIds.set(key, id);
    this.keyStr.push(key);
    this.postings.push(undefined);
    if (key.length >= FUZZY_MIN_KEY && !key.startsWith('~') && !key.startsWith('=')) {
      for (const d of deletes(key)) {
        const l = this.deleteIndex.get(d);
        if (l === undefined) this.deleteIndex.set(d, [id]);
        else l.push(id);
      }
    }
    return id;
  }

  private addToken(t: TokenInfo, k: string): number {
    const id = this.tokens.length;
    this.tokens.push({ ...t, id });
    this.tokenIds.set(k, id);
    this.tokKey.push(this.keyId(t.key));
    this.tokAlt.push(t.altKey !== undefined && t.altKey !== t.key ? this.keyId(t.altKey) : -1);
    const form = formKey(t);
    this.tokForm.push(form === undefined ? -1 : this.keyId(form));
    return id;
  }

  private intern(t: TokenInfo): number {
    // Analysis hands out shared token objects: an identity lookup avoids building a string key.
    const same = this.byObject.get(t);
    if (same !== undefined) return same;
    const k = `${t.script}\u0000${t.text}`;
    const id = this.tokenIds.get(k) ?? this.addToken(t, k);
    if (this.byObject.size >= 500_000) this.byObject.clear();
    this.byObject.set(t, id);
    return id;
  }

  private particlesId(p: string[]): number {
    if (p.length === 0) return 0;
    const k = p.join('\u0000');
    let id = this.particleIds.get(k);
    if (id === undefined) {
      id = this.particleSets.length;
      this.particleSets.push(p);
      this.particleIds.set(k, id);
    }
    return id;
  }

  private post(key: number, slot: number): void {
    const list = this.postings[key];
    // Slots only grow, so lists stay ascending and a duplicate can only be the last element.
    if (list === undefined) this.postings[key] = slot;
    else if (typeof list === 'number') {
      if (list !== slot) this.postings[key] = [list, slot];
    } else if (list[list.length - 1] !== slot) {
      list.push(slot);
      let b = this.bits.get(key);
      if (b === undefined) {
        if (list.length < Math.max(BITSET_MIN, this.entryOf.length / 64)) return;
        b = new Int32Array((Math.ceil(this.entryOf.length * 1.25) >>> 5) + 1);
        for (const x of list) b[x >>> 5] = (b[x >>> 5] ?? 0) | (1 << (x & 31));
        this.bits.set(key, b);
        return;
      }
      if (slot >>> 5 >= b.length) {
        const g = new Int32Array((Math.ceil(slot * 1.25) >>> 5) + 1);
        g.set(b);
        b = g;
        this.bits.set(key, b);
      }
      b[slot >>> 5] = (b[slot >>> 5] ?? 0) | (1 << (slot & 31));
    }
  }

  private df(key: number): number {
    const p = this.postings[key];
    return p === undefined ? 0 : typeof p === 'number' ? 1 : p.length;
  }

  private newSlot(entry: WatchlistEntry): number {
    const slot = this.entryOf.length;
    this.entryOf.push(entry);
    if (slot >= this.flags.length) {
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.flags[slot] = entry.access === undefined ? PUBLIC : RESTRICTED;
    this.recOff.push(this.pool.n);
    this.idToSlot.set(entry.id, slot);
    return slot;
  }

  /** Post the keys of the slot's tokens, read from the pool. */
  private indexSlot(slot: number): void {
    const pool = this.pool.a;
    let o = this.recOff.get(slot);
    const nNames = pool[o++] ?? 0;
    for (let n = 0; n < nNames; n++) {
      o++;
      const nForms = pool[o++] ?? 0;
      for (let f = 0; f < nForms; f++) {
        o++;
        const nt = pool[o++] ?? 0;
        for (let i = 0; i < nt; i++) {
          const t = pool[o++] ?? 0;
          this.post(this.tokKey.get(t), slot);
          const alt = this.tokAlt.get(t);
          if (alt >= 0) this.post(alt, slot);
          const form = this.tokForm.get(t);
          if (form >= 0) this.post(form, slot);
        }
      }
    }
  }

  /** Add entries (an entry whose id is already indexed replaces it). */
  add(entries: Iterable<WatchlistEntry>): void {
    for (const entry of entries) {
      if (this.idToSlot.has(entry.id)) this.removeOne(entry.id);
      // The same names as analyzeRecord, without joined tokens (rebuilt when scoring).
      const names = recordNames(entry);
      const seen = new Set<string>();
      const slot = this.newSlot(entry);
      const pool = this.pool;
      const countAt = pool.n;
      pool.push(0);
      let count = 0;
      for (let ni = 0; ni < names.length; ni++) {
        const name = (names[ni] as { name: string }).name;
        if (seen.has(name) || name.trim().length === 0) continue;
        seen.add(name);
        const forms = analyzeName(name, false).filter((f) => f.tokens.length > 0);
        if (forms.length === 0) continue;
        count++;
        pool.push(ni);
        pool.push(forms.length);
        for (const f of forms) {
          pool.push(this.particlesId(f.particles));
          pool.push(f.tokens.length);
          for (const t of f.tokens) pool.push(this.intern(t));
        }
      }
      pool.set(countAt, count);
      this.indexSlot(slot);
    }
    this.maybeCompact();
  }

  private removeOne(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    this.entryOf[slot] = undefined;
    this.flags[slot] = DEAD;
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

  /** Rebuild the postings and the pool without removed entries (run automatically when many were removed). */
  compact(): void {
    const oldEntries = this.entryOf;
    const oldPool = this.pool.a;
    const oldOff = this.recOff;
    this.entryOf = [];
    this.flags = new Uint8Array(Math.max(1024, this.idToSlot.size + 16));
    this.recOff = new IntList(Math.max(1024, this.idToSlot.size + 16));
    this.pool = new IntList(Math.max(1 << 16, this.pool.n));
    this.idToSlot.clear();
    this.postings.fill(undefined);
    this.bits.clear();
    this.dead = 0;
    for (let s = 0; s < oldEntries.length; s++) {
      const entry = oldEntries[s];
      if (entry === undefined) continue;
      const slot = this.newSlot(entry);
      this.copyRec(oldPool, oldOff.get(s));
      this.indexSlot(slot);
    }
  }

  /** Append one entry's run of the pool, read from `src` at `o`. */
  private copyRec(src: Int32Array, o: number): void {
    const start = o;
    const nNames = src[o++] ?? 0;
    for (let n = 0; n < nNames; n++) {
      o++;
      const nForms = src[o++] ?? 0;
      for (let f = 0; f < nForms; f++) {
        o++;
        o += (src[o] ?? 0) + 1;
      }
    }
    for (let i = start; i < o; i++) this.pool.push(src[i] ?? 0);
  }

  /**
   * Two adjacent tokens written as one word, with an id for the similarity memo: the scorer needs
   * them for every candidate with more tokens than the query, and building them is string work.
   */
  private joinedOf(a: number, b: number): TokenInfo {
    let m = this.joinedCache.get(a);
    if (m === undefined) {
      if (this.joinedCache.size >= 100_000) this.joinedCache.clear();
      m = new Map();
      this.joinedCache.set(a, m);
    }
    let j = m.get(b);
    if (j === undefined) {
      j = { ...joinTokens(this.tokens[a] as TokenInfo, this.tokens[b] as TokenInfo), id: this.joinedNext++ };
      m.set(b, j);
    }
    return j;
  }

  /** The analysed record of a slot, rebuilt from the pool and the entry. */
  private recOf(slot: number, joinFrom = 2, details = true): AnalyzedRecord {
    const entry = this.entryOf[slot] as WatchlistEntry;
    // Dates, nationalities, gender and documents only count when the query has them too.
    const rec: AnalyzedRecord = details ? analyzeDetails(entry) : { names: [], birthDates: [], nationalities: [], documents: [] };
    const names = recordNames(entry);
    const pool = this.pool.a;
    let o = this.recOff.get(slot);
    const nNames = pool[o++] ?? 0;
    for (let n = 0; n < nNames; n++) {
      const en = names[pool[o++] ?? 0] ?? { name: entry.name, type: 'primary' as const };
      const nForms = pool[o++] ?? 0;
      const forms: NameForm[] = [];
      for (let f = 0; f < nForms; f++) {
        const particles = this.particleSets[pool[o++] ?? 0] ?? [];
        const nt = pool[o++] ?? 0;
        const tokens: TokenInfo[] = new Array<TokenInfo>(nt);
        // The scorer joins tokens only on the side with more of them than the other.
        const join = nt > 1 && nt >= joinFrom;
        const joined: TokenInfo[] = join ? new Array<TokenInfo>(nt - 1) : NO_TOKENS;
        for (let i = 0; i < nt; i++) {
          const t = pool[o++] ?? 0;
          tokens[i] = this.tokens[t] as TokenInfo;
          if (join && i > 0) joined[i - 1] = this.joinedOf(pool[o - 2] ?? 0, t);
        }
        forms.push({ tokens, particles, joined });
      }
      rec.names.push({ name: en.name, type: en.type, forms });
    }
    return rec;
  }

  /**
   * Tie-breaker for candidates with the same key score: identical spellings, and names whose every
   * token the query covers (so "Abu Muhammad" prefers the entry called that over every Muhammad X Y).
   * Reads the pool: the query's token texts and keys are marked with `qs` in tokMark and keyMark.
   */
  private tieBreak(slot: number, qs: number): number {
    const pool = this.pool.a;
    const tokMark = this.tokMark;
    const keyMark = this.keyMark;
    const tokKey = this.tokKey.a;
    const tokAlt = this.tokAlt.a;
    let o = this.recOff.get(slot);
    let best = 0;
    const nNames = pool[o++] ?? 0;
    for (let n = 0; n < nNames; n++) {
      o++;
      const nForms = pool[o++] ?? 0;
      for (let f = 0; f < nForms; f++) {
        o++;
        const nt = pool[o++] ?? 0;
        let exact = 0;
        let covered = 0;
        for (let i = 0; i < nt; i++) {
          const t = pool[o++] ?? 0;
          if (tokMark[t] === qs) exact++;
          const alt = tokAlt[t] ?? -1;
          if (keyMark[tokKey[t] ?? 0] === qs || (alt >= 0 && keyMark[alt] === qs)) covered++;
        }
        const v = EXACT_BONUS * exact + (nt > 0 ? (COVER_BONUS * covered) / nt : 0);
        if (v > best) best = v;
      }
    }
    return best;
  }

  private visit(key: number, weight: number, mark: number, onlyExisting: boolean, touched: number[]): void {
    const p = this.postings[key];
    if (p === undefined) return;
    // Score and mark of a slot side by side: one cache line per candidate, not two.
    const st = this.state;
    const found = this.found;
    if (typeof p === 'number') {
      if (st[2 * p + 1] === mark) return;
      const cur = st[2 * p] ?? 0;
      if (cur === 0) {
        if (onlyExisting) return;
        touched.push(p);
        found[p >>> 5] = (found[p >>> 5] ?? 0) | (1 << (p & 31));
      }
      st[2 * p + 1] = mark;
      st[2 * p] = cur + weight;
      return;
    }
    const b = onlyExisting && touched.length < p.length ? this.bits.get(key) : undefined;
    if (b !== undefined) {
      // A long list with a bit set: test each candidate found instead of reading the list.
      for (let i = 0; i < touched.length; i++) {
        const s = touched[i] ?? 0;
        if (((b[s >>> 5] ?? 0) & (1 << (s & 31))) === 0 || st[2 * s + 1] === mark) continue;
        st[2 * s + 1] = mark;
        st[2 * s] = (st[2 * s] ?? 0) + weight;
      }
      return;
    }
    if (onlyExisting && touched.length * PROBE_RATIO < p.length) {
      // Few candidates, a long list: look each candidate up instead of reading the list.
      for (let i = 0; i < touched.length; i++) {
        const s = touched[i] ?? 0;
        if (st[2 * s + 1] === mark || !sortedHas(p, s)) continue;
        st[2 * s + 1] = mark;
        st[2 * s] = (st[2 * s] ?? 0) + weight;
      }
      return;
    }
    if (onlyExisting) {
      // Most of a long list was not found: the bit set (a few hundred kB) filters it without
      // reading the score array at random.
      for (let i = 0; i < p.length; i++) {
        const s = p[i] ?? 0;
        if (((found[s >>> 5] ?? 0) & (1 << (s & 31))) === 0 || st[2 * s + 1] === mark) continue;
        st[2 * s + 1] = mark;
        st[2 * s] = (st[2 * s] ?? 0) + weight;
      }
      return;
    }
    for (let i = 0; i < p.length; i++) {
      const s = p[i] ?? 0;
      if (st[2 * s + 1] === mark) continue;
      const cur = st[2 * s] ?? 0;
      if (cur === 0) {
        touched.push(s);
        found[s >>> 5] = (found[s >>> 5] ?? 0) | (1 << (s & 31));
      }
      st[2 * s + 1] = mark;
      st[2 * s] = cur + weight;
    }
  }

  /** Ids of the keys within one edit (insertion, deletion, substitution) of `key`. */
  private neighbours(key: string, out: Set<number>): void {
    if (key.length < FUZZY_MIN_KEY || key.startsWith('~') || key.startsWith('=')) return;
    for (const k of this.deleteIndex.get(key) ?? []) out.add(k);
    const dels = deletes(key);
    for (let pos = 0; pos < dels.length; pos++) {
      const d = dels[pos] as string;
      const di = this.keyIds.get(d);
      if (di !== undefined) out.add(di);
      // Same delete at the same position: a substitution at that position.
      for (const k of this.deleteIndex.get(d) ?? []) {
        const ks = this.keyStr[k] as string;
        if (ks.length === key.length && differsOnlyAt(ks, key, pos)) out.add(k);
      }
    }
  }

  private nextStamp(): number {
    if (++this.stamp > 2_000_000_000) {
      this.stamp = 1;
      this.state.fill(0);
    }
    return this.stamp;
  }

  /** Mark the query's token texts (in any script) and keys for {@link tieBreak}. */
  private markQuery(rec: AnalyzedRecord): number {
    if (this.tokMark.length < this.tokens.length) this.tokMark = new Int32Array(Math.ceil(this.tokens.length * 1.25) + 16);
    if (this.keyMark.length < this.keyStr.length) this.keyMark = new Int32Array(Math.ceil(this.keyStr.length * 1.25) + 16);
    if (++this.qStamp > 2_000_000_000) {
      this.qStamp = 1;
      this.tokMark.fill(0);
      this.keyMark.fill(0);
    }
    const qs = this.qStamp;
    for (const n of rec.names) {
      for (const f of n.forms) {
        for (const t of [...f.tokens, ...f.joined]) {
          for (const script of SCRIPTS) {
            const id = this.tokenIds.get(`${script}\u0000${t.text}`);
            if (id !== undefined) this.tokMark[id] = qs;
          }
          for (const k of [t.key, t.altKey]) {
            const id = k === undefined ? undefined : this.keyIds.get(k);
            if (id !== undefined) this.keyMark[id] = qs;
          }
        }
      }
    }
    return qs;
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

    const n = this.entryOf.length;
    if (this.state.length < 2 * n) {
      const cap = Math.ceil(n * 1.25) + 16;
      this.state = new Float64Array(2 * cap);
      this.found = new Int32Array((cap >>> 5) + 1);
    }
    const live = this.idToSlot.size;
    const common = Math.max(1000, live * COMMON_KEY_SHARE);

    // Query tokens, each with its keys; rarer tokens first so common ones only rank what rare ones found.
    let qi = 0;
    const plan: PlanItem[] = [];
    const forms = new Set<number>();
    for (const name of rec.names) {
      for (const f of name.forms) {
        const nTokens = f.tokens.length;
        // Query tokens get ids for the similarity memo: on copies, the analysed tokens are shared.
        f.tokens = f.tokens.map((t) => ({ ...t, id: qi++ }));
        f.joined = f.joined.map((t) => ({ ...t, id: qi++ }));
        const all = [...f.tokens, ...f.joined];
        for (let ti = 0; ti < all.length; ti++) {
          const t = all[ti] as TokenInfo;
          const isJoined = ti >= nTokens;
          const item: PlanItem = { keys: [], weights: [], df: Infinity };
          const seen = new Set<number>();
          const add = (id: number | undefined, w: number): void => {
            if (id === undefined || seen.has(id)) return;
            seen.add(id);
            item.keys.push(id);
            item.weights.push(w);
          };
          const exactKeys = t.altKey !== undefined && t.altKey !== t.key ? [t.key, t.altKey] : [t.key];
          for (const k of exactKeys) add(this.keyIds.get(k), 1);
          if (!isJoined) {
            const nbs = new Set<number>();
            for (const k of exactKeys) this.neighbours(k, nbs);
            for (const nb of nbs) add(nb, FUZZY_WEIGHT);
            // A compound written as one word (Atiqullah) may be two words in the list (عتيق الله).
            const k = t.key;
            if (!k.startsWith('~')) {
              for (let cut = 2; cut + 2 <= k.length; cut++) {
                add(this.keyIds.get(k.slice(0, cut)), SPLIT_WEIGHT);
                add(this.keyIds.get(k.slice(cut)), SPLIT_WEIGHT);
              }
            }
          }
          for (let i = 0; i < item.keys.length; i++) {
            const l = this.df(item.keys[i] ?? 0);
            if ((item.weights[i] ?? 0) >= 1 && l > 0) item.df = Math.min(item.df, l);
          }
          plan.push(item);
          // The exact romanised form: its own item, so a rare spelling finds its entries first.
          const fk = formKey(t);
          const fid = fk === undefined ? undefined : this.keyIds.get(fk);
          if (fid !== undefined && !forms.has(fid)) {
            forms.add(fid);
            const fdf = this.df(fid);
            const gain = Math.log(1 + live / fdf) - (item.df === Infinity ? 0 : Math.log(1 + live / item.df));
            if (gain >= FORM_MIN_GAIN) plan.push({ keys: [fid], weights: [1], df: fdf, fixed: gain });
          }
        }
      }
    }
    plan.sort((a, b) => a.df - b.df);

    // Exact keys first, rarest first; then keys within one edit and split compounds, which only add
    // new candidates while few were found (a typo in the only rare name of the query).
    const want = Math.max(RERANK_MIN, top * 3);
    const touched: number[] = [];
    for (const exact of [true, false]) {
      for (const p of plan) {
        const mark = this.nextStamp();
        for (let i = 0; i < p.keys.length; i++) {
          const w = p.weights[i] ?? 0;
          if (w >= 1 !== exact) continue;
          const key = p.keys[i] ?? 0;
          const df = this.df(key);
          if (df === 0) continue;
          const idf = Math.log(1 + live / df);
          const onlyExisting = touched.length > 0 && (df > common || (!exact && touched.length >= 4 * want));
          this.visit(key, p.fixed ?? idf * w, mark, onlyExisting, touched);
        }
      }
    }

    // Cut to the best `want` visible candidates on key score plus tie-breaker. The tie-breaker adds
    // at most maxBonus: a first pass on the key score alone finds the bar it must clear.
    const qs = this.markQuery(rec);
    const texts = new Set<string>();
    for (const nm of rec.names) for (const f of nm.forms) for (const t of [...f.tokens, ...f.joined]) texts.add(t.text);
    const maxBonus = EXACT_BONUS * texts.size + COVER_BONUS;
    const flags = this.flags;
    const st = this.state;
    const asker = options.access;
    const visible = (s: number): boolean => {
      const fl = flags[s] ?? DEAD;
      return fl === PUBLIC || (fl === RESTRICTED && canSee(this.entryOf[s]?.access, asker));
    };
    const bar = new TopHeap(want);
    for (let i = 0; i < touched.length; i++) {
      const s = touched[i] ?? 0;
      const a = st[2 * s] ?? 0;
      if (a <= bar.min) continue;
      const fl = flags[s] ?? DEAD;
      if (fl === PUBLIC || (fl === RESTRICTED && visible(s))) bar.push(s, a);
    }
    const floor = bar.min - maxBonus;
    const heap = new TopHeap(want);
    for (let i = 0; i < touched.length; i++) {
      const s = touched[i] ?? 0;
      let score = st[2 * s] ?? 0;
      st[2 * s] = 0;
      this.found[s >>> 5] = 0;
      if (score < floor || score + maxBonus < heap.min || !visible(s)) continue;
      // Keys are coarse: many entries may tie on them. Identical spellings break the tie.
      score += this.tieBreak(s, qs);
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

    const qDetails = rec.birthDates.length > 0 || rec.nationalities.length > 0 || rec.gender !== undefined || rec.documents.length > 0;
    let minQTokens = Infinity;
    for (const nm of rec.names) for (const f of nm.forms) minQTokens = Math.min(minQTokens, Math.min(f.tokens.length, 30));
    // Score every candidate cheaply, then explain only those returned.
    const scored: { s: number; score: number; rec: AnalyzedRecord }[] = [];
    for (const s of heap.slots) {
      if (this.entryOf[s] === undefined) continue;
      const cRec = this.recOf(s, minQTokens + 1, qDetails);
      const score = applyQualifiers(bestNameValue(rec, cRec, sim), rec, cRec);
      if (score >= minScore && score > 0) scored.push({ s, score, rec: cRec });
    }
    scored.sort((a, b) => b.score - a.score || this.idOrder(a.s, b.s));
    const hits: SearchHit[] = [];
    for (const { s, rec: cRec } of scored.slice(0, top)) {
      const entry = this.entryOf[s];
      if (entry === undefined) continue;
      const r = scoreRecords(rec, cRec, sim);
      const first = r.explanation[0];
      const hit: SearchHit = {
        id: entry.id,
        name: entry.name,
        matchedName: first?.code === 'name_compared' ? first.candidate : entry.name,
        score: r.score,
        explanation: r.explanation,
        alert: r.score >= alertAt,
      };
      if (entry.source !== undefined) hit.source = entry.source;
      hits.push(hit);
    }
    return hits;
  }

  private idOrder(a: number, b: number): number {
    const x = this.entryOf[a]?.id ?? '';
    const y = this.entryOf[b]?.id ?? '';
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
    for (const e of this.entryOf) if (e !== undefined) yield e;
  }

  /**
   * Serialise the analysed index (not just the entries), so loading skips the analysis. A compact
   * binary format: sections of JSON (header, tokens, particle sets, entries in chunks) and one of
   * raw integers (the analysed names); postings are rebuilt from the integers on load.
   */
  toBuffer(): Buffer {
    const parts: Buffer[] = [Buffer.from(SNAPSHOT_MAGIC, 'latin1')];
    const section = (b: Buffer): void => {
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(b.length));
      parts.push(len, b);
    };
    const json = (x: unknown): void => section(Buffer.from(JSON.stringify(x), 'utf8'));
    const live: number[] = [];
    for (let s = 0; s < this.entryOf.length; s++) if (this.entryOf[s] !== undefined) live.push(s);
    const CHUNK = 50_000;
    json({ alertThreshold: this.alertThreshold, entries: live.length, chunk: CHUNK });
    json(this.tokens.map((t) => [t.text, t.script, t.latin, t.phon, t.key, t.altPhon ?? null, t.altKey ?? null]));
    json(this.particleSets);
    for (let i = 0; i < live.length; i += CHUNK) json(live.slice(i, i + CHUNK).map((s) => this.entryOf[s]));
    const saved = this.pool;
    this.pool = new IntList(Math.max(1024, saved.n));
    const offs = new Int32Array(live.length);
    live.forEach((s, i) => {
      offs[i] = this.pool.n;
      this.copyRec(saved.a, this.recOff.get(s));
    });
    const packed = this.pool;
    this.pool = saved;
    section(Buffer.from(offs.buffer, offs.byteOffset, offs.byteLength));
    section(Buffer.from(packed.a.buffer, 0, packed.n * 4));
    return Buffer.concat(parts);
  }

  /** Rebuild an index from {@link toBuffer}'s output. */
  static fromBuffer(buf: Buffer): ScreeningIndex {
    if (buf.length < SNAPSHOT_MAGIC.length || buf.toString('latin1', 0, SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC) {
      throw new Error(`not a screening snapshot of this version (${SNAPSHOT_MAGIC})`);
    }
    let at = SNAPSHOT_MAGIC.length;
    const section = (): Buffer => {
      if (at + 8 > buf.length) throw new Error('screening snapshot is truncated');
      const len = Number(buf.readBigUInt64LE(at));
      at += 8;
      if (at + len > buf.length) throw new Error('screening snapshot is truncated');
      const b = buf.subarray(at, at + len);
      at += len;
      return b;
    };
    const json = <T>(): T => JSON.parse(section().toString('utf8')) as T;
    const head = json<{ alertThreshold: number; entries: number; chunk: number }>();
    const idx = new ScreeningIndex({ alertThreshold: head.alertThreshold });
    const toks = json<[string, Script, string, string, string, string | null, string | null][]>();
    for (const [text, script, latin, phon, key, altPhon, altKey] of toks) {
      const t: TokenInfo = { text, script, latin, phon, key };
      if (altPhon !== null) t.altPhon = altPhon;
      if (altKey !== null) t.altKey = altKey;
      idx.addToken(t, `${script}\u0000${text}`);
    }
    idx.particleSets = json<string[][]>();
    idx.particleIds = new Map(idx.particleSets.map((p, i) => [p.join('\u0000'), i]));
    const entries: WatchlistEntry[] = [];
    for (let i = 0; i < head.entries; i += head.chunk) for (const e of json<WatchlistEntry[]>()) entries.push(e);
    const offSec = section();
    const poolSec = section();
    const offs = new Int32Array(offSec.buffer.slice(offSec.byteOffset, offSec.byteOffset + offSec.byteLength));
    const pool = new Int32Array(poolSec.buffer.slice(poolSec.byteOffset, poolSec.byteOffset + poolSec.byteLength));
    if (entries.length !== head.entries || offs.length !== head.entries) throw new Error('screening snapshot is inconsistent');
    idx.pool = new IntList(Math.max(1024, pool.length));
    idx.pool.a.set(pool);
    idx.pool.n = pool.length;
    entries.forEach((entry, i) => {
      const slot = idx.newSlot(entry);
      idx.recOff.set(slot, offs[i] ?? 0);
      idx.indexSlot(slot);
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
