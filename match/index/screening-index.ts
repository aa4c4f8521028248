import { readFile, rename, writeFile } from 'node:fs/promises';
import { analyzeDetails, analyzeRecord, applyQualifiers, bestNameValue, recordNames, scoreRecords, type AnalyzedRecord } from '../score/compare';
import { tokenSimilarity, type TokenSimilarity } from '../score/similarity';
import { analyzeName, joinTokens, type NameForm, type TokenInfo } from '../translit/analyze';
import type { Script } from '../normalize/text';
import { canSee } from './access';
import type { AskerAccess, SearchHit, SearchOptions, ScreeningQuery, WatchlistEntry } from './types';

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
/**
 * A key on more than this share of entries adds no new candidates when the selective first stage
 * found too few (see {@link ADMIT_SHARE}); it still counts in the key score of those found.
 */
const COMMON_KEY_SHARE = 0.02;
/**
 * The selective first stage: candidates come from entries sharing two of the query's token keys
 * (pair postings) and from single keys on at most this share of the entries (at least
 * {@link ADMIT_MIN}). Only when that finds fewer than {@link ENOUGH_FACTOR} × the cut do single keys
 * up to {@link COMMON_KEY_SHARE} add candidates, as they all did before. Every key of the query
 * still counts in the key score of every candidate, read from the candidate's own tokens.
 */
const ADMIT_SHARE = 0.0005;
const ADMIT_MIN = 1000;
const ENOUGH_FACTOR = 4;
/** Pair postings are hashed into this many buckets (a collision only adds a candidate, scored like any). */
const PAIR_MASK = 0x3fffffff;
/** A Map holds at most 2^24 keys: the 2^30 pair buckets are spread over this many maps (at most 2^23 keys each). */
const PAIR_SHARDS = 128;
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

/** The bucket of an unordered pair of key ids. */
export function pairBucket(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 1, 0x85ebca6b)) & PAIR_MASK;
}

/** Posting lists of pair buckets, sharded so that a large list with many aliases never hits a Map's size limit. */
class PairPostings {
  private readonly shards = Array.from({ length: PAIR_SHARDS }, () => new Map<number, number | number[]>());
  get(bucket: number): number | number[] | undefined {
    return this.shards[bucket & (PAIR_SHARDS - 1)]!.get(bucket);
  }
  append(bucket: number, slot: number): void {
    appendSlot(this.shards[bucket & (PAIR_SHARDS - 1)]!, bucket, slot);
  }
  clear(): void {
    for (const m of this.shards) m.clear();
  }
}

/** Append a slot to an ascending posting list stored as a number (one slot) or an array. */
function appendSlot<K>(m: Map<K, number | number[]>, k: K, slot: number): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, slot);
  else if (typeof list === 'number') {
    if (list !== slot) m.set(k, [list, slot]);
  } else if (list[list.length - 1] !== slot) list.push(slot);
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
 * What a query looks for in a candidate's tokens, in small open-addressing tables that stay in the
 * CPU cache: its keys (slot of key id k in `keys`; `head` its first weight, `exact` whether it is an
 * exact key of a query token) and the ids of the interned tokens spelt like a query token (`toks`).
 * Weight e gives group[e] (plan item × 2 + pass) weight[e] if it is the first key of its item the
 * candidate has (order[e]); next[e] chains the weights of one key. bestOrder / bestWeight / hit are
 * scratch space for one candidate.
 */
interface QueryTable {
  mask: number;
  /** The most {@link ScreeningIndex.tieBreak} can add. */
  maxBonus: number;
  keys: Int32Array;
  head: Int32Array;
  exact: Uint8Array;
  toks: Int32Array;
  group: Int32Array;
  order: Int32Array;
  weight: Float64Array;
  next: Int32Array;
  bestOrder: Int32Array;
  bestWeight: Float64Array;
  hit: Int32Array;
}

/** The slot of `v` in an open-addressing table of non-negative ints (−1 empty), or of the empty slot where it goes. */
function probe(table: Int32Array, mask: number, v: number): number {
  let h = (Math.imul(v, 0x9e3779b1) >>> 7) & mask;
  for (;;) {
    const x = table[h] ?? -1;
    if (x === v || x === -1) return h;
    h = (h + 1) & mask;
  }
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
  /** Per slot, its distinct key ids as a run of keyPool (`[n, key…]`): what {@link keyScore} reads. */
  private keyOff = new IntList();
  private keyPool = new IntList(1 << 16);
  private pool = new IntList(1 << 16);
  private idToSlot = new Map<string, number>();
  private tokens: TokenInfo[] = [];
  private tokenIds = new Map<string, number>();
  private byObject = new Map<TokenInfo, number>();
  /** Token id t → [3t] its key id, [3t + 1] its second key's or −1, [3t + 2] its exact romanised form's or −1. */
  private tokKeys = new IntList(3072);
  private keyIds = new Map<string, number>();
  private keyStr: string[] = [];
  /** Key id → ascending slots; a single slot is stored as a number (most keys are rare). */
  private postings: (number | number[] | undefined)[] = [];
  /** Bucket of two token keys of one name form → ascending slots (the selective first stage). */
  private pairs = new PairPostings();
  /** A key with one letter deleted → ids of the keys it comes from (lookups within one edit). */
  private deleteIndex = new Map<string, number[]>();
  private particleSets: string[][] = [[]];
  private particleIds = new Map<string, number>([['', 0]]);
  private dead = 0;
  private joinedCache = new Map<number, Map<number, TokenInfo>>();
  /** Joined tokens' ids start far above any interned token's. */
  private joinedNext = 1 << 30;
  /** Per slot: the stamp of the last query that found it as a candidate. */
  private seen = new Int32Array(0);
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
    this.tokKeys.push(this.keyId(t.key));
    this.tokKeys.push(t.altKey !== undefined && t.altKey !== t.key ? this.keyId(t.altKey) : -1);
    const form = formKey(t);
    this.tokKeys.push(form === undefined ? -1 : this.keyId(form));
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
    } else if (list[list.length - 1] !== slot) list.push(slot);
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
    const keys: number[] = [];
    const keep = (k: number): void => {
      if (k >= 0 && !keys.includes(k)) keys.push(k);
    };
    let o = this.recOff.get(slot);
    const nNames = pool[o++] ?? 0;
    for (let n = 0; n < nNames; n++) {
      o++;
      const nForms = pool[o++] ?? 0;
      for (let f = 0; f < nForms; f++) {
        o++;
        const nt = pool[o++] ?? 0;
        const start = o;
        for (let i = 0; i < nt; i++) {
          const t = pool[o++] ?? 0;
          for (let k = 0; k < 3; k++) keep(this.tokKeys.get(3 * t + k));
        }
        // Every two tokens of the form, by their keys (and second keys).
        for (let i = 0; i < nt; i++) {
          const a = pool[start + i] ?? 0;
          for (let j = i + 1; j < nt; j++) {
            const b = pool[start + j] ?? 0;
            this.postPairs(a, b, slot);
          }
        }
      }
    }
    this.keyOff.push(this.keyPool.n);
    this.keyPool.push(keys.length);
    for (const k of keys) {
      this.post(k, slot);
      this.keyPool.push(k);
    }
  }

  private postPairs(a: number, b: number, slot: number): void {
    const ka = this.tokKeys.get(3 * a);
    const aa = this.tokKeys.get(3 * a + 1);
    const kb = this.tokKeys.get(3 * b);
    const ab = this.tokKeys.get(3 * b + 1);
    this.pairs.append(pairBucket(ka, kb), slot);
    if (aa >= 0) this.pairs.append(pairBucket(aa, kb), slot);
    if (ab >= 0) this.pairs.append(pairBucket(ka, ab), slot);
    if (aa >= 0 && ab >= 0) this.pairs.append(pairBucket(aa, ab), slot);
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
    this.keyOff = new IntList(Math.max(1024, this.idToSlot.size + 16));
    this.keyPool = new IntList(Math.max(1 << 16, this.keyPool.n));
    this.idToSlot.clear();
    this.postings.fill(undefined);
    this.pairs.clear();
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
   * A candidate's key score, read from its run of distinct keys: for each query token and pass
   * (exact keys; keys within one edit and split compounds), the weight of the first of its keys the
   * candidate has — what reading every key's posting list would add up.
   */
  private keyScore(slot: number, qt: QueryTable): number {
    const kp = this.keyPool.a;
    const { mask, keys, head, group, order, weight, next, bestOrder, bestWeight, hit } = qt;
    let nHit = 0;
    let o = this.keyOff.get(slot);
    const end = o + 1 + (kp[o] ?? 0);
    for (o++; o < end; o++) {
      const kid = kp[o] ?? 0;
      const h = probe(keys, mask, kid);
      if (keys[h] !== kid) continue;
      for (let e = head[h] ?? -1; e >= 0; e = next[e] ?? -1) {
        const g = group[e] ?? 0;
        const ord = order[e] ?? 0;
        const cur = bestOrder[g] ?? -1;
        if (cur < 0) hit[nHit++] = g;
        else if (cur <= ord) continue;
        bestOrder[g] = ord;
        bestWeight[g] = weight[e] ?? 0;
      }
    }
    let score = 0;
    for (let i = 0; i < nHit; i++) {
      const g = hit[i] ?? 0;
      score += bestWeight[g] ?? 0;
      bestOrder[g] = -1;
    }
    return score;
  }

  /**
   * Tie-breaker for candidates with the same key score: identical spellings, and names whose every
   * token the query covers (so "Abu Muhammad" prefers the entry called that over every Muhammad X Y).
   * At most {@link QueryTable.maxBonus}.
   */
  private tieBreak(slot: number, qt: QueryTable): number {
    const pool = this.pool.a;
    const tk = this.tokKeys.a;
    const { mask, keys, exact: exactKey, toks } = qt;
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
          if (toks[probe(toks, mask, t)] === t) exact++;
          const key = tk[3 * t] ?? 0;
          const alt = tk[3 * t + 1] ?? -1;
          const h = probe(keys, mask, key);
          if (keys[h] === key && exactKey[h] === 1) covered++;
          else if (alt >= 0) {
            const ha = probe(keys, mask, alt);
            if (keys[ha] === alt && exactKey[ha] === 1) covered++;
          }
        }
        const v = EXACT_BONUS * exact + (nt > 0 ? (COVER_BONUS * covered) / nt : 0);
        if (v > best) best = v;
      }
    }
    return best;
  }

  /**
   * The query's table for {@link keyScore} and {@link tieBreak}: its keys with their weights (a group per plan item and pass),
   * its exact keys, and the interned tokens spelt like one of its tokens (in any script).
   */
  private queryTable(rec: AnalyzedRecord, plan: PlanItem[], live: number): QueryTable {
    let n = 0;
    for (const p of plan) n += p.keys.length;
    const texts = new Set<string>();
    const exactKeys = new Set<number>();
    for (const nm of rec.names) {
      for (const f of nm.forms) {
        for (const t of [...f.tokens, ...f.joined]) {
          texts.add(t.text);
          for (const k of [t.key, t.altKey]) {
            const id = k === undefined ? undefined : this.keyIds.get(k);
            if (id !== undefined) exactKeys.add(id);
          }
        }
      }
    }
    const tokIds: number[] = [];
    for (const text of texts) {
      for (const script of SCRIPTS) {
        const id = this.tokenIds.get(`${script}\u0000${text}`);
        if (id !== undefined) tokIds.push(id);
      }
    }
    let size = 64;
    while (size < 2 * (n + exactKeys.size + tokIds.length)) size *= 2;
    const qt: QueryTable = {
      mask: size - 1,
      maxBonus: EXACT_BONUS * texts.size + COVER_BONUS,
      keys: new Int32Array(size).fill(-1),
      head: new Int32Array(size).fill(-1),
      exact: new Uint8Array(size),
      toks: new Int32Array(size).fill(-1),
      group: new Int32Array(n),
      order: new Int32Array(n),
      weight: new Float64Array(n),
      next: new Int32Array(n),
      bestOrder: new Int32Array(2 * plan.length).fill(-1),
      bestWeight: new Float64Array(2 * plan.length),
      hit: new Int32Array(2 * plan.length),
    };
    for (const id of tokIds) qt.toks[probe(qt.toks, qt.mask, id)] = id;
    for (const id of exactKeys) {
      const h = probe(qt.keys, qt.mask, id);
      qt.keys[h] = id;
      qt.exact[h] = 1;
    }
    let e = 0;
    for (let pi = 0; pi < plan.length; pi++) {
      const p = plan[pi] as PlanItem;
      for (let i = 0; i < p.keys.length; i++) {
        const key = p.keys[i] ?? 0;
        const df = this.df(key);
        if (df === 0) continue;
        const w = p.weights[i] ?? 0;
        qt.group[e] = 2 * pi + (w >= 1 ? 0 : 1);
        qt.order[e] = i;
        qt.weight[e] = p.fixed ?? Math.log(1 + live / df) * w;
        const h = probe(qt.keys, qt.mask, key);
        qt.keys[h] = key;
        qt.next[e] = qt.head[h] ?? -1;
        qt.head[h] = e;
        e++;
      }
    }
    return qt;
  }

  /**
   * Add a posting list's slots not yet found by the query (stamp `qs`) to the candidates; returns
   * how many of them the asker may see (only those count towards "enough candidates", so restricted
   * entries cannot decide whether the fallback runs). Key weights and the rare/common shares are still
   * computed over all entries, restricted ones included: a large private list can shift which visible
   * entries are admitted first, never reveal one of its own.
   */
  private admit(p: number | number[] | undefined, qs: number, touched: number[], asker: AskerAccess | undefined): number {
    if (p === undefined) return 0;
    const seen = this.seen;
    const flags = this.flags;
    let visible = 0;
    const n = typeof p === 'number' ? 1 : p.length;
    for (let i = 0; i < n; i++) {
      const s = typeof p === 'number' ? p : (p[i] ?? 0);
      if (seen[s] === qs) continue;
      seen[s] = qs;
      touched.push(s);
      const fl = flags[s] ?? DEAD;
      if (fl === PUBLIC || (fl === RESTRICTED && canSee(this.entryOf[s]?.access, asker))) visible++;
    }
    return visible;
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

  /** A new query's stamp for {@link seen}. */
  private nextQuery(): number {
    if (this.seen.length < this.entryOf.length) this.seen = new Int32Array(Math.ceil(this.entryOf.length * 1.25) + 16);
    if (++this.qStamp > 2_000_000_000) {
      this.qStamp = 1;
      this.seen.fill(0);
    }
    return this.qStamp;
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

    const live = this.idToSlot.size;
    const common = Math.max(1000, live * COMMON_KEY_SHARE);
    const admitMax = Math.max(ADMIT_MIN, live * ADMIT_SHARE);

    // Query tokens, each with its keys; rarer tokens first.
    let qi = 0;
    const plan: PlanItem[] = [];
    const forms = new Set<number>();
    /** Per name form, the keys (and second keys) of its tokens: the pairs of the first stage. */
    const formKeys: number[][][] = [];
    for (const name of rec.names) {
      for (const f of name.forms) {
        const nTokens = f.tokens.length;
        // Query tokens get ids for the similarity memo: on copies, the analysed tokens are shared.
        f.tokens = f.tokens.map((t) => ({ ...t, id: qi++ }));
        f.joined = f.joined.map((t) => ({ ...t, id: qi++ }));
        const all = [...f.tokens, ...f.joined];
        const fk: number[][] = [];
        formKeys.push(fk);
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
            fk.push(item.keys.slice());
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
          const fkey = formKey(t);
          const fid = fkey === undefined ? undefined : this.keyIds.get(fkey);
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

    // The query's table of key weights: a group per plan item and pass (exact keys; keys within one
    // edit and split compounds), each key's order in its item (the first the candidate has counts).
    const qs = this.nextQuery();
    const qt = this.queryTable(rec, plan, live);

    // Candidates. First stage: entries sharing two token keys of a name form, and rare single keys
    // (rarest first); if that finds too few, every single key up to the common share, as before.
    const want = Math.max(RERANK_MIN, top * 3);
    const enough = ENOUGH_FACTOR * want;
    const asker = options.access;
    const touched: number[] = [];
    let found = 0;
    for (const fk of formKeys) {
      for (let i = 0; i < fk.length; i++) {
        for (let j = i + 1; j < fk.length; j++) {
          for (const a of fk[i] ?? []) for (const b of fk[j] ?? []) found += this.admit(this.pairs.get(pairBucket(a, b)), qs, touched, asker);
        }
      }
    }
    const exactPass = (max: number, rarestAnyway: boolean): void => {
      for (const p of plan) {
        for (let i = 0; i < p.keys.length; i++) {
          if ((p.weights[i] ?? 0) < 1) continue;
          const key = p.keys[i] ?? 0;
          const df = this.df(key);
          if (df === 0) continue;
          if (found === 0 || rarestAnyway || df <= max) found += this.admit(this.postings[key], qs, touched, asker);
          rarestAnyway = false;
        }
      }
    };
    exactPass(admitMax, false);
    // Too few: as before the first stage, the rarest exact key whatever its size, and the others up
    // to the common share.
    if (found < enough) exactPass(common, true);
    // Keys within one edit and split compounds only add candidates while few were found (a typo in
    // the only rare name of the query).
    for (const p of plan) {
      for (let i = 0; i < p.keys.length; i++) {
        if ((p.weights[i] ?? 0) >= 1) continue;
        const key = p.keys[i] ?? 0;
        const df = this.df(key);
        if (df > 0 && (found === 0 || (df <= common && found < enough))) found += this.admit(this.postings[key], qs, touched, asker);
      }
    }

    // Cut to the best `want` candidates the asker may see, on key score plus tie-breaker. The
    // tie-breaker adds at most maxBonus: a first pass on the key score alone finds the bar it must clear.
    const flags = this.flags;
    // In slot order, the candidates' runs are read front to back (memory prefetch), not at random.
    const cands = Int32Array.from(touched).sort();
    const keyScores = new Float64Array(cands.length);
    const bar = new TopHeap(want);
    for (let i = 0; i < cands.length; i++) {
      const s = cands[i] ?? 0;
      const fl = flags[s] ?? DEAD;
      if (fl !== PUBLIC && (fl !== RESTRICTED || !canSee(this.entryOf[s]?.access, asker))) {
        keyScores[i] = -1;
        continue;
      }
      const a = this.keyScore(s, qt);
      keyScores[i] = a;
      if (a > bar.min) bar.push(s, a);
    }
    const floor = bar.min - qt.maxBonus;
    const heap = new TopHeap(want);
    for (let i = 0; i < cands.length; i++) {
      const a = keyScores[i] ?? -1;
      if (a < 0 || a < floor || a + qt.maxBonus < heap.min) continue;
      const s = cands[i] ?? 0;
      const score = a + this.tieBreak(s, qt);
      if (score > heap.min) heap.push(s, score);
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
