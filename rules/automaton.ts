// Aho-Corasick over folded UTF-16 units, compiled to typed arrays, with normalisation fused into
// the scan loop.
//
// Layout: folded units are renumbered to a dense alphabet (symbols 1..A, 0 = "in no term"), the
// root has a dense transition row, other states keep their edges sorted in one CSR edge list.
// One 65,536-entry Int32Array per automaton maps a raw code unit straight to
// (symbol << 2 | digit << 1 | alnum), or to a negative class (ignorable, separator, surrogate,
// multi-unit fold), so the hot loop does one table load per code unit and never allocates.
//
// A ring buffer remembers the original span of the last few folded units, so a match of length L
// ending at folded unit `pos` maps back to original [start of pos-L+1, end of pos).
import {
  ASTRAL_IGNORE,
  ASTRAL_MAPPED,
  ASTRAL_RAW,
  ASTRAL_SEP,
  CLS_EXPAND,
  CLS_HIGH,
  CLS_IGNORE,
  CLS_LOW,
  CLS_SEP,
  CLS_WORD,
  KIND_ALNUM,
  KIND_DIGIT,
  astralClass,
  foldTables,
  type FoldTables,
} from './normalise';

const V_IGNORE = -1;
const V_SEP = -2;
const V_HIGH = -3;
const V_EXPAND = -4;

/** Pattern flags. */
export const PF_LATIN_GAP = 1; // has adjacent Latin/digit units: separators between them need the whole-word check
export const PF_WORD = 2; // must be a whole token (no letter/digit right before or after)

/** Separator units tolerated between two letters of one match; a longer run restarts matching. */
export const MAX_GAP = 24;

const RF_GAP = 1;
const RF_ALNUM = 2;

/** Scan modes: how code units are classified. */
export type ScanMode = 'text' | 'pinyin';

export class Automaton {
  readonly size: number;
  readonly alphabet: number;
  readonly symOf: Int32Array;
  readonly rootNext: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeSym: Int32Array;
  readonly edgeTo: Int32Array;
  readonly fail: Int32Array;
  readonly out: Int32Array;
  readonly outLink: Int32Array;
  readonly patLen: Int32Array;
  readonly patFlags: Uint8Array;
  /** Next pattern with the same folded text (different flags), or -1. */
  readonly patNext: Int32Array;
  readonly maxLen: number;

  /** `patterns` are already-folded strings (see normalise()); duplicates must be removed by the caller. */
  constructor(patterns: readonly string[], flags: ArrayLike<number>) {
    const symOf = new Int32Array(65536);
    let nsym = 0;
    let maxLen = 1;
    for (const p of patterns) {
      if (p.length > maxLen) maxLen = p.length;
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (symOf[u] === 0) symOf[u] = ++nsym;
      }
    }
    // Trie with one flat Map keyed by state * (A + 1) + symbol: far cheaper than a Map per state.
    const stride = nsym + 1;
    const child = new Map<number, number>();
    const parentOf: number[] = [0];
    const symAt: number[] = [0];
    const outList: number[] = [-1];
    const patNextList = new Int32Array(patterns.length).fill(-1);
    for (let pi = 0; pi < patterns.length; pi++) {
      const p = patterns[pi];
      let st = 0;
      for (let i = 0; i < p.length; i++) {
        const a = symOf[p.charCodeAt(i)];
        const key = st * stride + a;
        let nx = child.get(key);
        if (nx === undefined) {
          nx = parentOf.length;
          parentOf.push(st);
          symAt.push(a);
          outList.push(-1);
          child.set(key, nx);
        }
        st = nx;
      }
      patNextList[pi] = outList[st];
      outList[st] = pi;
    }
    const n = parentOf.length;
    // CSR edges: counting sort by parent; children of one parent sorted by symbol.
    const edgeStart = new Int32Array(n + 1);
    for (let s = 1; s < n; s++) edgeStart[parentOf[s] + 1]++;
    for (let s = 0; s < n; s++) edgeStart[s + 1] += edgeStart[s];
    const fillAt = edgeStart.slice(0, n);
    const edgeSym = new Int32Array(Math.max(1, n - 1));
    const edgeTo = new Int32Array(Math.max(1, n - 1));
    for (let s = 1; s < n; s++) {
      const e = fillAt[parentOf[s]]++;
      edgeSym[e] = symAt[s];
      edgeTo[e] = s;
    }
    for (let s = 0; s < n; s++) {
      const lo = edgeStart[s];
      const hi = edgeStart[s + 1];
      for (let i = lo + 1; i < hi; i++) {
        const ks = edgeSym[i];
        const kt = edgeTo[i];
        let j = i - 1;
        while (j >= lo && edgeSym[j] > ks) {
          edgeSym[j + 1] = edgeSym[j];
          edgeTo[j + 1] = edgeTo[j];
          j--;
        }
        edgeSym[j + 1] = ks;
        edgeTo[j + 1] = kt;
      }
    }
    const rootNext = new Int32Array(stride);
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) rootNext[edgeSym[e]] = edgeTo[e];
    const out = Int32Array.from(outList);
    const fail = new Int32Array(n);
    const outLink = new Int32Array(n);
    // BFS over states: children are created after parents, but not in BFS order, so keep a queue.
    const queue = new Int32Array(n);
    let qh = 0;
    let qt = 0;
    for (let e = edgeStart[0]; e < edgeStart[1]; e++) queue[qt++] = edgeTo[e];
    const go = (st: number, a: number): number => {
      if (st === 0) return rootNext[a];
      let lo = edgeStart[st];
      let hi = edgeStart[st + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const ms = edgeSym[mid];
        if (ms === a) return edgeTo[mid];
        if (ms < a) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
    while (qh < qt) {
      const u = queue[qh++];
      for (let e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
        const v = edgeTo[e];
        const a = edgeSym[e];
        let f = fail[u];
        let t = -1;
        if (u !== 0) {
          for (;;) {
            t = go(f, a);
            if (t >= 0 || f === 0) break;
            f = fail[f];
          }
        }
        fail[v] = t > 0 && t !== v ? t : 0;
        queue[qt++] = v;
      }
      const fu = fail[u];
      outLink[u] = out[fu] >= 0 ? fu : outLink[fu];
    }
    const patLen = new Int32Array(patterns.length);
    const patFlags = new Uint8Array(patterns.length);
    for (let i = 0; i < patterns.length; i++) {
      patLen[i] = patterns[i].length;
      patFlags[i] = flags[i] ?? 0;
    }
    this.size = n;
    this.alphabet = nsym;
    this.symOf = symOf;
    this.rootNext = rootNext;
    this.edgeStart = edgeStart;
    this.edgeSym = edgeSym;
    this.edgeTo = edgeTo;
    this.fail = fail;
    this.out = out;
    this.outLink = outLink;
    this.patLen = patLen;
    this.patFlags = patFlags;
    this.patNext = patNextList;
    this.maxLen = maxLen;
  }

  /** Bytes held in typed arrays (for the benchmark's memory figures). */
  get bytes(): number {
    return (
      this.symOf.byteLength +
      this.rootNext.byteLength +
      this.edgeStart.byteLength +
      this.edgeSym.byteLength +
      this.edgeTo.byteLength +
      this.fail.byteLength +
      this.out.byteLength +
      this.outLink.byteLength +
      this.patLen.byteLength +
      this.patFlags.byteLength +
      this.patNext.byteLength
    );
  }
}

function encodeUnit(u: number, aut: Automaton, t: FoldTables, mode: ScanMode): number {
  const k = t.kind[u];
  if (mode === 'pinyin') {
    // Pinyin is Latin letters only: tone digits 0–5 vanish (bai2jia1le4), anything else separates.
    if (k & KIND_DIGIT) return u <= 0x35 ? V_IGNORE : V_SEP;
    if (!(k & KIND_ALNUM)) return V_SEP;
  }
  return (aut.symOf[u] << 2) | k;
}

/** Scans text with one automaton; reusable, not re-entrant. */
export class Scanner {
  readonly aut: Automaton;
  readonly mode: ScanMode;
  private readonly t: FoldTables;
  private readonly tbl: Int32Array;
  private readonly expTbl = new Map<number, Int32Array>();
  private readonly astralCache = new Map<number, Int32Array | number>();
  private readonly mask: number;
  private readonly rStart: Int32Array;
  private readonly rEnd: Int32Array;
  private readonly rFlag: Uint8Array;
  /** Matches of the last scan: pattern id, original start, original end. */
  mPat: Int32Array = new Int32Array(256);
  mStart: Int32Array = new Int32Array(256);
  mEnd: Int32Array = new Int32Array(256);
  count = 0;
  /** Letters/digits seen by the last scan (gates the pinyin and regex stages). */
  alnum = 0;
  digits = 0;

  constructor(aut: Automaton, mode: ScanMode = 'text') {
    this.aut = aut;
    this.mode = mode;
    const t = foldTables();
    this.t = t;
    const tbl = new Int32Array(65536);
    for (let c = 0; c < 65536; c++) {
      const k = t.cls[c];
      if (k === CLS_WORD) tbl[c] = encodeUnit(t.fold[c], aut, t, mode);
      else if (k === CLS_IGNORE) tbl[c] = V_IGNORE;
      else if (k === CLS_SEP || k === CLS_LOW) tbl[c] = V_SEP;
      else if (k === CLS_HIGH) tbl[c] = V_HIGH;
      else if (k === CLS_EXPAND) {
        const seq = this.encodeString(t.expand.get(c) ?? '');
        if (seq.length === 0) tbl[c] = V_SEP;
        else {
          tbl[c] = V_EXPAND;
          this.expTbl.set(c, seq);
        }
      }
    }
    this.tbl = tbl;
    let ring = 8;
    while (ring < aut.maxLen + 2) ring <<= 1;
    this.mask = ring - 1;
    this.rStart = new Int32Array(ring);
    this.rEnd = new Int32Array(ring);
    this.rFlag = new Uint8Array(ring);
  }

  private encodeString(s: string): Int32Array {
    const vals: number[] = [];
    for (let i = 0; i < s.length; i++) {
      const v = encodeUnit(s.charCodeAt(i), this.aut, this.t, this.mode);
      if (v >= 0) vals.push(v);
    }
    return Int32Array.from(vals);
  }

  /** Encoded units for an astral code point, or V_IGNORE / V_SEP. */
  private astral(hi: number, lo: number): Int32Array | number {
    const cp = ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
    const hit = this.astralCache.get(cp);
    if (hit !== undefined) return hit;
    const a = astralClass(cp, this.t);
    let r: Int32Array | number;
    if (a === ASTRAL_IGNORE) r = V_IGNORE;
    else if (a === ASTRAL_SEP) r = V_SEP;
    else if (a === ASTRAL_MAPPED) {
      r = this.encodeString(this.t.astral.get(cp) ?? '');
      if (r.length === 0) r = V_SEP;
    } else if (a === ASTRAL_RAW && this.mode === 'text') {
      r = Int32Array.of(this.aut.symOf[hi] << 2, this.aut.symOf[lo] << 2);
    } else r = V_SEP;
    // Bounded: hostile input could cycle through a million code points.
    if (this.astralCache.size < 4096) this.astralCache.set(cp, r);
    return r;
  }

  private push(p: number, start: number, end: number): void {
    if (this.count === this.mPat.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.mPat = grow(this.mPat);
      this.mStart = grow(this.mStart);
      this.mEnd = grow(this.mEnd);
    }
    this.mPat[this.count] = p;
    this.mStart[this.count] = start;
    this.mEnd[this.count] = end;
    this.count++;
  }

  /** Whether the letter/digit run continues right after original offset `end`. */
  private alnumAfter(s: string, end: number): boolean {
    for (let i = end; i < s.length; i++) {
      const v = this.tbl[s.charCodeAt(i)];
      if (v === V_IGNORE) continue;
      if (v >= 0) return (v & 1) === 1;
      if (v === V_EXPAND) {
        const seq = this.expTbl.get(s.charCodeAt(i));
        return seq !== undefined && seq.length > 0 && (seq[0] & 1) === 1;
      }
      if (v === V_HIGH && i + 1 < s.length) {
        const r = this.astral(s.charCodeAt(i), s.charCodeAt(i + 1));
        if (r === V_IGNORE) {
          i++;
          continue;
        }
        return typeof r !== 'number' && r.length > 0 && (r[0] & 1) === 1;
      }
      return false;
    }
    return false;
  }

  /**
   * Rare path, for patterns with Latin letters or whole-token patterns. A separator between two
   * Latin letters/digits may be skipped only when the words on both sides lie wholly inside the
   * match: `c a s i n o` and `cas ino` match casino, `Musica sinology` does not.
   */
  private accept(s: string, p: number, pos: number): boolean {
    const rf = this.rFlag;
    const m = this.mask;
    const first = pos - this.aut.patLen[p] + 1;
    const flags = this.aut.patFlags[p];
    const continuesBefore = (j: number): boolean =>
      j > 0 && (rf[j & m] & RF_GAP) === 0 && (rf[j & m] & RF_ALNUM) !== 0 && (rf[(j - 1) & m] & RF_ALNUM) !== 0;
    if (flags & PF_WORD) {
      if (continuesBefore(first)) return false;
      if ((rf[pos & m] & RF_ALNUM) !== 0 && this.alnumAfter(s, this.rEnd[pos & m])) return false;
    }
    if (flags & PF_LATIN_GAP) {
      for (let k = first + 1; k <= pos; k++) {
        const fk = rf[k & m];
        if ((fk & RF_GAP) === 0 || (fk & RF_ALNUM) === 0 || (rf[(k - 1) & m] & RF_ALNUM) === 0) continue;
        let j = k - 1;
        while (j > first && (rf[j & m] & RF_GAP) === 0 && (rf[(j - 1) & m] & RF_ALNUM) !== 0) j--;
        if (j === first && continuesBefore(first)) return false;
        j = k;
        while (j < pos && (rf[(j + 1) & m] & RF_GAP) === 0 && (rf[(j + 1) & m] & RF_ALNUM) !== 0) j++;
        if (j === pos && this.alnumAfter(s, this.rEnd[pos & m])) return false;
      }
    }
    return true;
  }

  /** Finds every (overlapping) match in `s`; results in mPat/mStart/mEnd[0..count). */
  scan(s: string): void {
    const aut = this.aut;
    const tbl = this.tbl;
    const rootNext = aut.rootNext;
    const edgeStart = aut.edgeStart;
    const edgeSym = aut.edgeSym;
    const edgeTo = aut.edgeTo;
    const fail = aut.fail;
    const out = aut.out;
    const outLink = aut.outLink;
    const patLen = aut.patLen;
    const patFlags = aut.patFlags;
    const patNext = aut.patNext;
    const rs = this.rStart;
    const re = this.rEnd;
    const rf = this.rFlag;
    const mask = this.mask;
    const n = s.length;
    let state = 0;
    let pos = -1;
    let gap = 0;
    let alnum = 0;
    let digits = 0;
    this.count = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      let v = tbl[c];
      const start = i;
      let nsym = 1;
      let seq: Int32Array | null = null;
      if (v < 0) {
        if (v === V_IGNORE) continue;
        if (v === V_SEP) {
          if (++gap > MAX_GAP) state = 0;
          continue;
        }
        if (v === V_HIGH) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (d < 0xdc00 || d > 0xdfff) {
            if (++gap > MAX_GAP) state = 0;
            continue;
          }
          i++;
          const r = this.astral(c, d);
          if (r === V_IGNORE) continue;
          if (typeof r === 'number') {
            if (++gap > MAX_GAP) state = 0;
            continue;
          }
          seq = r;
        } else {
          seq = this.expTbl.get(c) ?? null;
          if (seq === null) continue;
        }
        nsym = seq.length;
      }
      const end = i + 1;
      for (let k = 0; k < nsym; k++) {
        if (seq !== null) v = seq[k];
        pos++;
        const slot = pos & mask;
        rs[slot] = start;
        re[slot] = end;
        rf[slot] = (gap > 0 && pos > 0 ? RF_GAP : 0) | ((v & 1) << 1);
        gap = 0;
        if (v & 1) {
          alnum++;
          if (v & 2) digits++;
        }
        const a = v >> 2;
        if (a === 0) {
          state = 0;
          continue;
        }
        let st = state;
        for (;;) {
          if (st === 0) {
            st = rootNext[a];
            break;
          }
          let lo = edgeStart[st];
          let hi = edgeStart[st + 1];
          let nx = -1;
          if (hi - lo <= 8) {
            for (; lo < hi; lo++) {
              const es = edgeSym[lo];
              if (es >= a) {
                if (es === a) nx = edgeTo[lo];
                break;
              }
            }
          } else {
            hi--;
            while (lo <= hi) {
              const mid = (lo + hi) >> 1;
              const ms = edgeSym[mid];
              if (ms === a) {
                nx = edgeTo[mid];
                break;
              }
              if (ms < a) lo = mid + 1;
              else hi = mid - 1;
            }
          }
          if (nx >= 0) {
            st = nx;
            break;
          }
          st = fail[st];
        }
        state = st;
        let o = out[st] >= 0 ? st : outLink[st];
        while (o > 0) {
          let p = out[o];
          do {
            if (patFlags[p] === 0 || this.accept(s, p, pos)) this.push(p, rs[(pos - patLen[p] + 1) & mask], re[slot]);
            p = patNext[p];
          } while (p >= 0);
          o = outLink[o];
        }
      }
    }
    this.alnum = alnum;
    this.digits = digits;
  }
}
