// Aho-Corasick over folded UTF-16 units, compiled to a double array, with normalisation fused into
// the scan loop.
//
// Layout: folded units are renumbered to a dense alphabet (symbols 1..A, 0 = "in no term"). States
// live in a double array: the child of state s on symbol a is t = base[s] + a, valid iff
// check[t] === s, so a transition is two loads with no search, and the root (position 0, base 0)
// is a dense row for free. With thousands of short Chinese terms nearly every character starts a
// term, so the scanner mostly sits in shallow states and takes a miss + fail link per character;
// both are O(1) loads here, where sorted edge lists cost a search per step.
//
// One 65,536-entry Int32Array per scanner maps a raw code unit straight to
// (symbol << 5 | light-fold changes it << 4 | root-output << 3 | root-child << 2 | digit << 1 |
// alnum), or to a negative class (ignorable, separator, surrogate, multi-unit fold), so the hot
// loop does one table load per code unit and never allocates. The root-child bits answer the commonest step — a miss in a depth-1
// state, whose fail link is the root — without touching the automaton's arrays: positions
// 1..alphabet are kept for the root's children, so "depth ≤ 1" is just `state <= alphabet`.
//
// A ring buffer remembers (original start << 2 | flags) of the last few folded units, so a match
// of length L ending at folded unit `pos` maps back to original [start of pos-L+1, end of pos).
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

/** Encoded unit layout (see the header comment). */
const SYM_SHIFT = 5;
const V_ROOT_CHILD = 4;
const V_ROOT_OUT = 8;
/** The regexes' light fold (regex.ts lightFold) changes this unit. */
const V_LIGHT = 16;
/** `check` of the positions kept free for absent root children: matches no state. */
const RESERVED = -3;

/** Pattern flags. */
export const PF_LATIN_GAP = 1; // has adjacent Latin/digit units: separators between them need the whole-word check
export const PF_WORD = 2; // must be a whole token (no letter/digit right before or after)

/** Separator units tolerated between two letters of one match; a longer run restarts matching. */
export const MAX_GAP = 24;
/**
 * In sepMarks: the scanned text has a surrogate unit. A low one is a separator to the scan unless
 * it follows a high one, whose own path sets the bit, so the bit costs nothing in the loop; the
 * regexes' windows need to know (RegexExtent.wideLen).
 */
export const WIDE_MARK = 1 << 16;

/** A marks table with only WIDE_MARK, on the low surrogates. */
function surrogateMarks(): Int32Array {
  const marks = new Int32Array(65536);
  marks.fill(WIDE_MARK, 0xdc00, 0xe000);
  return marks;
}

/** See `tries` in the Automaton constructor. */
const MAX_TRIES = 16;
const DROPPED = 255;

const RF_GAP = 1;
const RF_ALNUM = 2;

/** Scan modes: how code units are classified. */
export type ScanMode = 'text' | 'pinyin';

function grow(a: Int32Array, n: number, fill: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export class Automaton {
  /** Trie states (the double array has holes, so it has more positions than states). */
  readonly size: number;
  readonly alphabet: number;
  readonly symOf: Int32Array;
  readonly base: Int32Array;
  /**
   * check << 1 | has-output: the parent position that validates a transition, and whether a
   * pattern ends at (or via fail links below) this position, read with the same load.
   */
  readonly link: Int32Array;
  readonly fail: Int32Array;
  /** First pattern ending exactly at this state, or -1. */
  readonly out: Int32Array;
  /** Nearest proper suffix state (via fail links) where a pattern ends, or 0. */
  readonly outLink: Int32Array;
  /** This state if a pattern ends here, else outLink: one load tells the scanner "nothing to report". */
  readonly report: Int32Array;
  readonly patLen: Int32Array;
  readonly patFlags: Uint8Array;
  /** Next pattern with the same folded text (different flags), or -1. */
  readonly patNext: Int32Array;
  readonly maxLen: number;

  /** `patterns` are already-folded strings (see normalise()); duplicates must be removed by the caller. */
  constructor(patterns: readonly string[], flags: ArrayLike<number>) {
    const np = patterns.length;
    const symOf = new Int32Array(65536);
    let nsym = 0;
    let maxLen = 1;
    let total = 0;
    for (const p of patterns) {
      if (p.length > maxLen) maxLen = p.length;
      total += p.length;
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (symOf[u] === 0) symOf[u] = ++nsym;
      }
    }
    // Patterns as symbol strings, sorted: every trie node is then a contiguous range of `order`,
    // and the double array is filled depth-first without an intermediate pointer trie.
    const symOff = new Int32Array(np + 1);
    const syms = new Int32Array(Math.max(1, total));
    for (let pi = 0, k = 0; pi < np; pi++) {
      const p = patterns[pi];
      symOff[pi] = k;
      for (let i = 0; i < p.length; i++) syms[k++] = symOf[p.charCodeAt(i)];
      symOff[pi + 1] = k;
    }
    const order = Array.from({ length: np }, (_, i) => i).sort((x, y) => {
      const xs = symOff[x];
      const xl = symOff[x + 1] - xs;
      const ys = symOff[y];
      const yl = symOff[y + 1] - ys;
      const n = xl < yl ? xl : yl;
      for (let i = 0; i < n; i++) {
        const d = syms[xs + i] - syms[ys + i];
        if (d !== 0) return d;
      }
      return xl - yl || x - y;
    });

    let cap = Math.max(1024, 2 * (total + nsym + 2));
    let base: Int32Array = new Int32Array(cap);
    let check: Int32Array = new Int32Array(cap).fill(-1);
    let out: Int32Array = new Int32Array(cap).fill(-1);
    // Free slots as a doubly linked list, so finding a base for a node skips occupied slots.
    let freeNext: Int32Array = new Int32Array(cap);
    let freePrev: Int32Array = new Int32Array(cap);
    // Failed placements per free slot; a slot that keeps failing leaves the search list (it can
    // still be filled as a child slot), which keeps the base search from going quadratic.
    let tries = new Uint8Array(cap);
    for (let i = 0; i < cap; i++) {
      freeNext[i] = i + 1;
      freePrev[i] = i - 1;
    }
    // Slot 0 is the root. The list ends with the sentinel `cap`.
    let freeHead = 1;
    let freeTail = cap - 1;
    freePrev[1] = -1;
    check[0] = -2;
    const ensure = (need: number): void => {
      if (need < cap) return;
      let ncap = cap * 2;
      while (ncap <= need) ncap *= 2;
      base = grow(base, ncap, 0);
      check = grow(check, ncap, -1);
      out = grow(out, ncap, -1);
      freeNext = grow(freeNext, ncap, 0);
      freePrev = grow(freePrev, ncap, 0);
      const t2 = new Uint8Array(ncap);
      t2.set(tries);
      tries = t2;
      for (let i = cap; i < ncap; i++) {
        freeNext[i] = i + 1;
        freePrev[i] = i - 1;
      }
      if (freeTail >= 0) freeNext[freeTail] = cap;
      else freeHead = cap;
      freePrev[cap] = freeTail;
      freeTail = ncap - 1;
      cap = ncap;
    };
    const take = (slot: number): void => {
      if (tries[slot] === DROPPED) return;
      tries[slot] = DROPPED;
      const nx = freeNext[slot];
      const pv = freePrev[slot];
      if (pv >= 0) freeNext[pv] = nx;
      else freeHead = nx;
      if (nx < cap) freePrev[nx] = pv;
      else freeTail = pv;
    };
    const patNext = new Int32Array(np).fill(-1);
    // Nodes in creation order with their depth, for the breadth-first fail-link pass.
    const nodes = new Int32Array(total);
    const depths = new Uint8Array(total);
    let nn = 0;
    const childSym: number[] = [];
    const childLo: number[] = [];
    let maxPos = 0;
    let maxBase = 0;
    // Iterative DFS over (node, lo, hi, depth): order[lo..hi) share the node's prefix.
    const stack: number[] = [0, 0, np, 0];
    while (stack.length) {
      const depth = stack.pop() as number;
      const hi = stack.pop() as number;
      let lo = stack.pop() as number;
      const node = stack.pop() as number;
      // Shorter patterns sort first: those ending here.
      while (lo < hi && symOff[order[lo] + 1] - symOff[order[lo]] === depth) {
        const pi = order[lo++];
        patNext[pi] = out[node];
        out[node] = pi;
      }
      if (lo === hi) continue;
      childSym.length = 0;
      childLo.length = 0;
      for (let k = lo; k < hi; k++) {
        const a = syms[symOff[order[k]] + depth];
        if (childSym.length === 0 || childSym[childSym.length - 1] !== a) {
          childSym.push(a);
          childLo.push(k);
        }
      }
      childLo.push(hi);
      const first = childSym[0];
      const last = childSym[childSym.length - 1];
      let b = 0;
      if (node !== 0) {
        let p = freeHead;
        for (;;) {
          while (p <= first) {
            if (p + 1 >= cap) ensure(p + 1);
            p = freeNext[p];
          }
          b = p - first;
          if (b + last + 1 >= cap) ensure(b + last + 1);
          let ok = true;
          for (let c = 1; c < childSym.length; c++) {
            if (check[b + childSym[c]] !== -1) {
              ok = false;
              break;
            }
          }
          if (ok) break;
          if (p + 1 >= cap) ensure(p + 1);
          const nx = freeNext[p];
          if (++tries[p] >= MAX_TRIES) {
            take(p);
          }
          p = nx;
        }
      } else {
        // The root's row: every position 1..nsym is the root's child or stays empty, never another
        // node's child, so the scanner can tell a depth-1 state by its position alone.
        ensure(nsym + 1);
        const isChild = new Uint8Array(nsym + 1);
        for (const a of childSym) isChild[a] = 1;
        for (let q = 1; q <= nsym; q++) {
          if (isChild[q] === 0) {
            check[q] = RESERVED;
            take(q);
          }
        }
      }
      base[node] = b;
      if (b > maxBase) maxBase = b;
      for (let c = 0; c < childSym.length; c++) {
        const t = b + childSym[c];
        check[t] = node;
        take(t);
        if (t > maxPos) maxPos = t;
        nodes[nn] = t;
        depths[nn++] = depth + 1;
      }
      // Pushed in reverse so children are expanded in symbol order (cosmetic; any order works).
      for (let c = childSym.length - 1; c >= 0; c--) stack.push(b + childSym[c], childLo[c], childLo[c + 1], depth + 1);
    }
    // Any state's base + any symbol must stay in bounds: the scanner does not range-check.
    const len = Math.max(maxPos + 1, maxBase + nsym + 1);
    ensure(len);
    base = base.slice(0, len);
    check = check.slice(0, len);
    out = out.slice(0, len);
    const fail = new Int32Array(len);
    const outLink = new Int32Array(len);
    const report = new Int32Array(len);
    // Breadth-first: a node's fail target is shallower, so it is final before it is used.
    // Counting sort by depth (at most 65 levels).
    const depthStart = new Int32Array(maxLen + 2);
    for (let k = 0; k < nn; k++) depthStart[depths[k] + 1]++;
    for (let d = 0; d <= maxLen; d++) depthStart[d + 1] += depthStart[d];
    const byDepth = new Int32Array(nn);
    for (let k = 0; k < nn; k++) byDepth[depthStart[depths[k]]++] = nodes[k];
    for (let k = 0; k < byDepth.length; k++) {
      const v = byDepth[k];
      const u = check[v];
      let f = 0;
      if (u !== 0) {
        const a = v - base[u];
        let g = fail[u];
        for (;;) {
          const t = base[g] + a;
          if (check[t] === g) {
            f = t;
            break;
          }
          if (g === 0) break;
          g = fail[g];
        }
      }
      fail[v] = f;
      outLink[v] = out[f] >= 0 ? f : outLink[f];
      report[v] = out[v] >= 0 ? v : outLink[v];
    }
    const patLen = new Int32Array(np);
    const patFlags = new Uint8Array(np);
    for (let i = 0; i < np; i++) {
      patLen[i] = patterns[i].length;
      patFlags[i] = flags[i] ?? 0;
    }
    this.size = nn + 1;
    this.alphabet = nsym;
    this.symOf = symOf;
    this.base = base;
    const link = new Int32Array(len);
    for (let t = 0; t < len; t++) link[t] = (check[t] << 1) | (report[t] !== 0 ? 1 : 0);
    this.link = link;
    this.fail = fail;
    this.out = out;
    this.outLink = outLink;
    this.report = report;
    this.patLen = patLen;
    this.patFlags = patFlags;
    this.patNext = patNext;
    this.maxLen = maxLen;
  }

  /** Child of `state` on symbol `a`, or -1 (for tests and tools; the scanner inlines it). */
  child(state: number, a: number): number {
    const t = this.base[state] + a;
    return a > 0 && a <= this.alphabet && this.link[t] >> 1 === state ? t : -1;
  }

  /** Bytes held in typed arrays (for the benchmark's memory figures). */
  get bytes(): number {
    return (
      this.symOf.byteLength +
      this.base.byteLength +
      this.link.byteLength +
      this.fail.byteLength +
      this.out.byteLength +
      this.outLink.byteLength +
      this.report.byteLength +
      this.patLen.byteLength +
      this.patFlags.byteLength +
      this.patNext.byteLength
    );
  }
}

function encodeUnit(u: number, aut: Automaton, t: FoldTables, mode: ScanMode): number {
  const k = t.kind[u];
  if (mode === 'pinyin') {
    // Pinyin is Latin letters only: tone digits 0–5 vanish (bai2jia1le4), other digits separate,
    // and a letter of another script (a Han character…) ends the match: du…ma must not match
    // 赌马 across a sentence. Pinyin mixed with Han characters (赌bo) is matched by the main
    // automaton (pinyin.ts mixedForms).
    if (k & KIND_DIGIT) return u <= 0x35 ? V_IGNORE : V_SEP;
    if (!(k & KIND_ALNUM)) return 0;
  }
  return encodeSymbol(aut, aut.symOf[u], k);
}

/** symbol << SYM_SHIFT | root-child bits | kind bits (KIND_DIGIT, KIND_ALNUM). */
function encodeSymbol(aut: Automaton, sym: number, kind: number): number {
  let v = (sym << SYM_SHIFT) | kind;
  if (sym > 0) {
    const l = aut.link[sym];
    if (l >> 1 === 0) v |= V_ROOT_CHILD | (l & 1 ? V_ROOT_OUT : 0);
  }
  return v;
}

/** Scans text with one automaton; reusable, not re-entrant. */
export class Scanner {
  readonly aut: Automaton;
  readonly mode: ScanMode;
  private readonly t: FoldTables;
  /** The fold table (read by WasmScanner, which copies it into its module). */
  readonly tbl: Int32Array;
  readonly expTbl = new Map<number, Int32Array>();
  private readonly astralCache = new Map<number, Int32Array | number>();
  readonly mask: number;
  /** Per folded unit: original start << 2 | RF_GAP | RF_ALNUM. */
  readonly ring: Int32Array;
  /** Matches of the last scan: pattern id, original start, original end. */
  mPat: Int32Array = new Int32Array(64);
  mStart: Int32Array = new Int32Array(64);
  mEnd: Int32Array = new Int32Array(64);
  count = 0;
  /** Letters/digits seen by the last scan (gates the pinyin and regex stages). */
  alnum = 0;
  digits = 0;
  /** Original span [latinFrom, latinTo) covering every Latin letter of the last scan (empty if none). */
  latinFrom = 0;
  latinTo = 0;
  /**
   * Clusters of Latin letters of the last scan, as original [from, to) pairs in
   * clusters[0 .. 2 * clusterCount): consecutive letters closer than MAX_GAP separating units and
   * with no character of another script between them, so no Latin-letter-only (pinyin) match spans
   * two clusters. Clusters with one letter are left out.
   */
  clusters: Int32Array = new Int32Array(16);
  /** Most digits of the last scan in one run, where one unit between two digits does not end a run. */
  digitRun = 0;
  /** Whether the last scan met a unit the regexes' light fold changes (else lightFold(s) is s). */
  lightChanged = false;
  /**
   * OR of the marks of the separator units of the last scan (see markSeparators), and WIDE_MARK
   * when the text has a surrogate unit (paired or not).
   */
  sepMarks = 0;
  /**
   * The automaton state after the last unit of the last scan: 0 (the root) when no end of the text
   * is the start of a pattern, so no match can continue into text joined after it (the title+text seam).
   */
  endState = 0;
  /** Per code unit: the bits a separator unit adds to sepMarks (0 for most; WIDE_MARK for low surrogates). */
  protected marks: Int32Array = surrogateMarks();
  clusterCount = 0;
  /** Scan state of the current cluster: its start, its letters, and the units since its last
   * letter that a pinyin scan might not count as separators (ignorables, digits, astral pairs). */
  private clusterFrom = 0;
  private clusterLetters = 0;
  private skip = 0;
  /** Folded position of the last letter, and digits since (other folded units end a cluster). */
  private letterPos = 0;
  private digitsSince = 0;

  constructor(aut: Automaton, mode: ScanMode = 'text') {
    this.aut = aut;
    this.mode = mode;
    const t = foldTables();
    this.t = t;
    const tbl = new Int32Array(65536);
    const { cls, fold } = t;
    for (let c = 0; c < 65536; c++) {
      const k = cls[c];
      if (k === CLS_WORD) tbl[c] = encodeUnit(fold[c], aut, t, mode) | (t.light[c] !== c ? V_LIGHT : 0);
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
    this.ring = new Int32Array(ring);
  }

  /**
   * Records, at no extra pass, which of these separator characters the next scans meet: their
   * bits are OR-ed into `sepMarks`. Up to 16 bits; characters that are not separators never set one.
   */
  markSeparators(bits: ReadonlyMap<string, number>): void {
    const marks = surrogateMarks();
    for (const [ch, bit] of bits) if (ch.length === 1) marks[ch.charCodeAt(0)] |= bit;
    this.marks = marks;
  }

  /** Bytes in typed arrays: the automaton plus this scanner's 65,536-entry table. */
  get bytes(): number {
    return this.aut.bytes + this.tbl.byteLength + this.ring.byteLength;
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
  astral(hi: number, lo: number): Int32Array | number {
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
      r = Int32Array.of(encodeSymbol(this.aut, this.aut.symOf[hi], 0), encodeSymbol(this.aut, this.aut.symOf[lo], 0));
    } else r = V_SEP;
    // Bounded: hostile input could cycle through a million code points.
    if (this.astralCache.size < 4096) this.astralCache.set(cp, r);
    return r;
  }

  private push(p: number, start: number, end: number): void {
    if (this.count === this.mPat.length) {
      const n = this.count * 2;
      this.mPat = grow(this.mPat, n, 0);
      this.mStart = grow(this.mStart, n, 0);
      this.mEnd = grow(this.mEnd, n, 0);
    }
    this.mPat[this.count] = p;
    this.mStart[this.count] = start;
    this.mEnd[this.count] = end;
    this.count++;
  }

  /** A Latin letter at original [start, end) (rare in Chinese text: kept out of scan's registers). */
  private letter(start: number, end: number, pos: number): void {
    if (this.latinFrom < 0) {
      this.latinFrom = start;
      this.clusterFrom = start;
    } else if (start - this.latinTo - this.skip > MAX_GAP || pos - this.letterPos - 1 > this.digitsSince) {
      // At least MAX_GAP + 1 separators since the last letter, or a character of another script
      // (a Han character ends a pinyin match): a pinyin scan restarts here.
      if (this.clusterLetters > 1) this.pushCluster(this.clusterFrom, this.latinTo);
      this.clusterFrom = start;
      this.clusterLetters = 0;
    }
    this.clusterLetters++;
    this.skip = 0;
    this.latinTo = end;
    this.letterPos = pos;
    this.digitsSince = 0;
  }

  private pushCluster(from: number, to: number): void {
    const k = this.clusterCount * 2;
    if (k === this.clusters.length) this.clusters = grow(this.clusters, k * 2, 0);
    this.clusters[k] = from;
    this.clusters[k + 1] = to;
    this.clusterCount++;
  }

  /**
   * `end` moved past the ignorable units right after it (combining marks, variation selectors, the
   * keycap mark of 8️⃣), so a hit ends on a grapheme boundary and highlights whole characters.
   */
  extendEnd(s: string, end: number): number {
    const tbl = this.tbl;
    while (end < s.length) {
      const v = tbl[s.charCodeAt(end)];
      if (v === V_IGNORE) end++;
      else if (v === V_HIGH && end + 1 < s.length && this.astral(s.charCodeAt(end), s.charCodeAt(end + 1)) === V_IGNORE) end += 2;
      else break;
    }
    return end;
  }

  /** Depth of each automaton position (length of its pattern prefix; 0 for holes), made on first use. */
  private depths: Int32Array | null = null;

  private stateDepths(): Int32Array {
    if (this.depths !== null) return this.depths;
    const link = this.aut.link;
    const depth = new Int32Array(link.length).fill(-1);
    depth[0] = 0;
    for (let t = 1; t < link.length; t++) {
      // Walk up to a position of known depth (parents are not stored before their children).
      let d = 0;
      let p = t;
      while (p > 0 && depth[p] < 0 && d <= this.aut.maxLen) {
        p = link[p] >> 1;
        d++;
      }
      depth[t] = p >= 0 && d <= this.aut.maxLen && (p === 0 || depth[p] >= 0) ? d + (p > 0 ? depth[p] : 0) : 0;
    }
    this.depths = depth;
    return depth;
  }

  /**
   * Whether the scan of a text that ended in automaton state `state`, continued over s[0 .. to)
   * (as when the two are screened joined, separators between them), could report a match that
   * began before s. Errs towards true: context checks, the separator-run restart and rare folds
   * (multi-unit, astral) are not looked at. Stops as soon as the state no longer holds any of the
   * earlier text (its depth at most the units read since), after which nothing can reach back.
   */
  continuesInto(state: number, s: string, to: number): boolean {
    if (state === 0) return false;
    const depth = this.stateDepths();
    const tbl = this.tbl;
    const base = this.aut.base;
    const link = this.aut.link;
    const fail = this.aut.fail;
    let st = state;
    let read = 0;
    for (let i = 0; i < to && depth[st] > read; i++) {
      const v = tbl[s.charCodeAt(i)];
      if (v === V_IGNORE || v === V_SEP) continue;
      if (v < 0) return true;
      read++;
      const a = v >> SYM_SHIFT;
      if (a === 0) return false;
      for (;;) {
        const t = base[st] + a;
        const l = link[t];
        if (l >> 1 === st) {
          st = t;
          // A pattern ends here; it reaches back before s if the state does.
          if ((l & 1) !== 0 && depth[st] > read) return true;
          break;
        }
        if (st === 0) break;
        st = fail[st];
      }
    }
    return false;
  }

  /** Whether the letter/digit run continues right after original offset `end`. */
  alnumAfter(s: string, end: number): boolean {
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
  private accept(s: string, p: number, pos: number, end: number): boolean {
    const rf = this.ring;
    const m = this.mask;
    const first = pos - this.aut.patLen[p] + 1;
    const flags = this.aut.patFlags[p];
    const continuesBefore = (j: number): boolean => j > 0 && (rf[j & m] & RF_GAP) === 0 && (rf[j & m] & RF_ALNUM) !== 0 && (rf[(j - 1) & m] & RF_ALNUM) !== 0;
    if (flags & PF_WORD) {
      if (continuesBefore(first)) return false;
      if ((rf[pos & m] & RF_ALNUM) !== 0 && this.alnumAfter(s, end)) return false;
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
        if (j === pos && this.alnumAfter(s, end)) return false;
      }
    }
    return true;
  }

  /** Reports every pattern ending at folded unit `pos` in state `o`'s output chain (rare: out of the hot loop). */
  private emit(s: string, o: number, pos: number, end: number): void {
    const aut = this.aut;
    const out = aut.out;
    const outLink = aut.outLink;
    const patFlags = aut.patFlags;
    const patLen = aut.patLen;
    const patNext = aut.patNext;
    const ring = this.ring;
    const mask = this.mask;
    while (o > 0) {
      let p = out[o];
      do {
        if (patFlags[p] === 0 || this.accept(s, p, pos, end)) this.push(p, ring[(pos - patLen[p] + 1) & mask] >> 2, end);
        p = patNext[p];
      } while (p >= 0);
      o = outLink[o];
    }
  }

  /**
   * Finds every (overlapping) match in `s` (or in `s.slice(from, to)`, with offsets still into `s`
   * and whole-token checks still looking past `to`); results in mPat/mStart/mEnd[0..count).
   */
  scan(s: string, from = 0, to = s.length): void {
    const tbl = this.tbl;
    const base = this.aut.base;
    const link = this.aut.link;
    const fail = this.aut.fail;
    const report = this.aut.report;
    const rootRow = this.aut.alphabet;
    const ring = this.ring;
    const mask = this.mask;
    const marks = this.marks;
    let state = 0;
    let pos = -1;
    let gap = 0;
    let alnum = 0;
    let digits = 0;
    let sepMarks = 0;
    let light = 0;
    // Only the main scan's letter clusters are used (they place the pinyin scans).
    const clustering = this.mode === 'text';
    let run = 0;
    let digitRun = 0;
    let lastDigit = -2;
    let sepsSinceDigit = 0;
    this.count = 0;
    this.latinFrom = -1;
    this.latinTo = 0;
    this.clusterCount = 0;
    this.clusterLetters = 0;
    this.skip = 0;
    this.digitsSince = 0;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      let v = tbl[c];
      if ((v & (1 | (1 << 31))) === 0) {
        // Fast path, nearly every unit of Chinese text: one folded unit that is not a letter or
        // digit. Same step as the general path below, without its bookkeeping.
        pos++;
        ring[pos & mask] = (i << 2) | (gap > 0 ? RF_GAP : 0);
        gap = 0;
        light |= v;
        const a = v >> SYM_SHIFT;
        if (a === 0) {
          state = 0;
          continue;
        }
        let st = state;
        const t = base[st] + a;
        let l = link[t];
        if (l >> 1 === st) {
          state = t;
          if ((l & 1) !== 0) this.emit(s, report[t], pos, i + 1);
          continue;
        }
        if (st <= rootRow) {
          // A miss in the root or a depth-1 state (whose fail link is the root): the unit's own
          // root-child bits say where to go, no automaton load and no loop.
          if ((v & V_ROOT_CHILD) === 0) state = 0;
          else {
            state = a;
            if ((v & V_ROOT_OUT) !== 0) this.emit(s, report[a], pos, i + 1);
          }
          continue;
        }
        st = fail[st];
        while (st > 0) {
          l = link[base[st] + a];
          if (l >> 1 === st) break;
          st = fail[st];
        }
        if (st > 0) st = base[st] + a;
        else if ((v & V_ROOT_CHILD) !== 0) {
          st = a;
          l = v & V_ROOT_OUT ? 1 : 0;
        } else {
          st = 0;
          l = 0;
        }
        state = st;
        if ((l & 1) !== 0) this.emit(s, report[st], pos, i + 1);
        continue;
      }
      const start = i;
      let nsym = 1;
      let seq: Int32Array | null = null;
      if (v < 0) {
        if (v === V_IGNORE) {
          this.skip++;
          light |= V_LIGHT;
          continue;
        }
        if (v === V_SEP) {
          sepMarks |= marks[c];
          sepsSinceDigit++;
          if (++gap > MAX_GAP) state = 0;
          continue;
        }
        if (v === V_HIGH) {
          sepMarks |= WIDE_MARK;
          const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
          if (d < 0xdc00 || d > 0xdfff) {
            if (++gap > MAX_GAP) state = 0;
            continue;
          }
          i++;
          const r = this.astral(c, d);
          this.skip += 2;
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
        // The gap flag of the very first unit is never consulted, so no `pos > 0` test here.
        ring[pos & mask] = (start << 2) | (gap > 0 ? RF_GAP : 0) | ((v & 1) << 1);
        gap = 0;
        light |= v;
        if (v & 1) {
          alnum++;
          if (v & 2) {
            digits++;
            this.skip += end - start;
            this.digitsSince++;
            // Digits with at most one unit between them (138-1234 5678) continue a run.
            run = pos - lastDigit - 1 + sepsSinceDigit <= 1 ? run + 1 : 1;
            if (run > digitRun) digitRun = run;
            lastDigit = pos;
            sepsSinceDigit = 0;
          } else if (clustering) this.letter(start, end, pos);
        }
        const a = v >> SYM_SHIFT;
        if (a === 0) {
          state = 0;
          continue;
        }
        let st = state;
        let hit = 0;
        for (;;) {
          const t = base[st] + a;
          const l = link[t];
          if (l >> 1 === st) {
            st = t;
            hit = l & 1;
            break;
          }
          if (st === 0) break;
          st = fail[st];
        }
        state = st;
        if (hit !== 0) this.emit(s, report[st], pos, end);
      }
    }
    this.alnum = alnum;
    this.digits = digits;
    this.sepMarks = sepMarks;
    this.endState = state;
    this.lightChanged = (light & V_LIGHT) !== 0;
    this.digitRun = digitRun;
    if (this.latinFrom < 0) this.latinFrom = 0;
    if (this.clusterLetters > 1) this.pushCluster(this.clusterFrom, this.latinTo);
  }
}
