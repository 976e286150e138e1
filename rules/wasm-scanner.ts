// The main keyword scan in WebAssembly (rules/wasm/scan.ts), behind the Scanner interface.
//
// WasmScanner is a Scanner whose scan() runs the compiled loop over a copy of the text in the
// module's memory; everything else (tables, extendEnd, the rare astral and multi-unit folds it
// is called back for) is the JavaScript Scanner's. Results land in typed-array views of that
// memory, read exactly like the JavaScript Scanner's own arrays.
//
// Given the filter's tables (HitTables), scanForHits() also turns the matches into rule hits,
// proximity occurrences, armed regexes and allow spans inside the module, which is what
// CompiledFilter.screenField otherwise does in JavaScript with a Scanner's matches; given the
// pinyin Scanner, it also runs that automaton over the letter clusters, in the same call.
//
// Memory (bytes; one instance per scanner):
//   64 KiB reserved (the module's own data) | the automaton: fold table, cells (link and base
//   per position), fail, report, outputs (out, outLink per position), patterns (length, next,
//   flags), ring | separator marks | seq scratch | results | the filter's tables | the pinyin
//   automaton (same layout) and its matches | matches (pattern, start, end arrays) | clusters |
//   allow spans | hits | proximity occurrences | text (UTF-16)
// Matches, clusters and hits can outgrow their space: the module then says so, and the scan
// runs again with room for all of them. The text goes last, so a longer text only grows the
// memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Automaton, Scanner } from './automaton';

const PAGE = 65536;
const SEQ_CAP = 1024;
/** The result slots the module writes after a scan; it exports their numbers as R_<name>. */
const SLOTS = [
  'COUNT',
  'ALNUM',
  'DIGITS',
  'LATIN_FROM',
  'LATIN_TO',
  'CLUSTERS',
  'SEP_MARKS',
  'OVERFLOW',
  'HITS',
  'NEAR',
  'ARMED',
  'ALLOW',
  'LIGHT',
  'DIGIT_RUN',
  'PINYIN',
  'STATE',
] as const;
type Slots = Record<(typeof SLOTS)[number], number>;

/** What the filter knows about its keyword patterns and rules (see CompiledFilter). */
export interface HitTables {
  /** Per pattern: ROLE_* bits. */
  roles: Uint8Array;
  /** Per pattern: owners (rule << 4 | term), as CSR. */
  ownStart: Int32Array;
  ownList: Int32Array;
  /** Per pattern: the regexes it arms, as CSR. */
  trigStart: Int32Array;
  trigList: Int32Array;
  /** Per rule: 1 for a proximity rule (its terms become occurrences, not hits). */
  ruleNear: Uint8Array;
  regexCount: number;
}

interface ScanExports {
  memory: WebAssembly.Memory;
  init(marks: number, seq: number, result: number): void;
  automaton(k: number, ...tables: number[]): void;
  matchSpace(k: number, at: number, cap: number): void;
  clusterSpace(at: number, cap: number): void;
  tables(...offsets: number[]): void;
  collectOutput(hits: number, hitCap: number, near: number, allow: number): void;
  scan(text: number, from: number, to: number, length: number): number;
  scanAndCollect(text: number, length: number, maxHits: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled scan module, or null when the build has not produced it (then Scanner is used). */
export function scanModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  // dist/rules/wasm/scan.wasm, next to this file once built, or found from the sources (tests).
  for (const file of [path.join(__dirname, 'wasm', 'scan.wasm'), path.join(__dirname, '..', 'dist', 'rules', 'wasm', 'scan.wasm')]) {
    if (!fs.existsSync(file)) continue;
    compiled = new WebAssembly.Module(fs.readFileSync(file));
    break;
  }
  return compiled;
}

const align = (n: number): number => (n + 63) & ~63;

/** Pinyin matches per field that fit in the module; beyond, the JavaScript scanner takes over. */
const PINYIN_CAP = 1024;

/** Where one automaton's tables go in the module's memory (see init in rules/wasm/scan.ts). */
interface AutomatonAt {
  tbl: number;
  cell: number;
  fail: number;
  report: number;
  outs: number;
  pats: number;
  ring: number;
  /** The ring's index mask (its length − 1). */
  mask: number;
}

/**
 * Where the main automaton's offset ring goes when its longest pattern fits in it: the top of the
 * reserved first page, so that it, the fold table (the first thing placed, at PAGE) and the cells
 * (right after) are at the addresses rules/wasm/scan.ts compiles into its hot loop (FIXED_*).
 */
const FIXED_RING = PAGE - 1024;
const FIXED_RING_LENGTH = 256;

function placeAutomaton(sc: Scanner, place: (bytes: number) => number, main: boolean): AutomatonAt {
  const len = sc.aut.link.length;
  const fixedRing = main && sc.ring.length <= FIXED_RING_LENGTH;
  return {
    tbl: place(65536 * 4),
    cell: place((len + sc.aut.alphabet + 1) * 8),
    fail: place(len * 4),
    report: place(len * 4),
    outs: place(len * 8),
    pats: place(sc.aut.patLen.length * 16),
    ring: fixedRing ? FIXED_RING : place(sc.ring.length * 4),
    mask: fixedRing ? FIXED_RING_LENGTH - 1 : sc.mask,
  };
}

/** The scanner's fold table and automaton, laid out for the module: link and base side by side, etc. */
function copyAutomaton(sc: Scanner, at: AutomatonAt, i32: Int32Array): void {
  const aut = sc.aut;
  i32.set(sc.tbl, at.tbl >> 2);
  for (let s = 0; s < aut.link.length; s++) {
    i32[(at.cell >> 2) + 2 * s] = aut.link[s];
    i32[(at.cell >> 2) + 2 * s + 1] = aut.base[s];
    i32[(at.outs >> 2) + 2 * s] = aut.out[s];
    i32[(at.outs >> 2) + 2 * s + 1] = aut.outLink[s];
  }
  // The root's children stay at 1..alphabet, but the module's fastRun reads the root's base as
  // pointing past the cells, at alphabet + 1 links of no state: there the root fails the child test
  // by itself (it takes its children from the fold table's flags), with no test of its own per unit.
  // slowRun takes base 0 for the root.
  const dead = aut.link.length;
  i32[(at.cell >> 2) + 1] = dead;
  for (let s = dead; s <= dead + aut.alphabet; s++) {
    i32[(at.cell >> 2) + 2 * s] = -2;
    i32[(at.cell >> 2) + 2 * s + 1] = 0;
  }
  i32.set(aut.fail, at.fail >> 2);
  i32.set(aut.report, at.report >> 2);
  for (let p = 0; p < aut.patLen.length; p++) {
    i32[(at.pats >> 2) + 4 * p] = aut.patLen[p];
    i32[(at.pats >> 2) + 4 * p + 1] = aut.patNext[p];
    i32[(at.pats >> 2) + 4 * p + 2] = aut.patFlags[p];
  }
}

export class WasmScanner extends Scanner {
  /** After scanForHits: hits as (rule, start, end, ·) quadruples, hits[0 .. 4 * hitCount). */
  hits: Int32Array = new Int32Array(0);
  hitCount = 0;
  /** After scanForHits: proximity occurrences as (rule, term, start, end), near[0 .. 4 * nearCount). */
  near: Int32Array = new Int32Array(0);
  nearCount = 0;
  /** After scanForHits: regexes armed by trigger patterns, armed[0 .. armedCount). */
  armed: Int32Array = new Int32Array(0);
  /** Regexes in the armed list (kept apart from the view, which grows stale when the memory does). */
  private armedLength = 0;
  armedCount = 0;
  /** After scanForHits: allow-phrase spans as (start, end), allow[0 .. 2 * allowCount). */
  allow: Int32Array = new Int32Array(0);
  allowCount = 0;

  private readonly wasm: ScanExports;
  private readonly memory: WebAssembly.Memory;
  private bytesView!: Buffer;
  private i32!: Int32Array;
  private readonly seqAt: number;
  private readonly resultAt: number;
  /** Result slot numbers, as the module exports them. */
  private readonly slot: Slots;
  private readonly marksAt: number;
  private readonly armedAt: number;
  private readonly hasTables: boolean;
  /** Start of the output regions; the text follows them at textAt. */
  private readonly outputAt: number;
  private matchCap = 4096;
  private clusterCap = 1024;
  private hitCap = 1024;
  private textAt = 0;
  /** The text being scanned, for the whole-token look-ahead the module asks for. */
  private current = '';
  /** The JavaScript pinyin scanner whose automaton the module's pinyin stage runs, and its match space. */
  private readonly pinyin: Scanner | null;
  private readonly pyAt: number;
  /**
   * After scanForHits: the pinyin stage's matches over the letter clusters (pattern, original start,
   * original end), pyPat/pyStart/pyEnd[0 .. pyCount); pyCount -1 when the stage did not run (no
   * clusters) or its matches did not fit (then scan the clusters with the JavaScript pinyin Scanner).
   */
  pyCount = -1;
  pyPat: Int32Array = new Int32Array(0);
  pyStart: Int32Array = new Int32Array(0);
  pyEnd: Int32Array = new Int32Array(0);

  constructor(aut: Automaton, module: WebAssembly.Module, tables?: HitTables, pinyin?: Scanner) {
    super(aut, 'text');
    // The module calls back for astral code points, multi-unit folds and look-aheads, saying
    // whether its pinyin stage is running: the answer comes from that scanner's own tables.
    const env = {
      astral: (hi: number, lo: number, pinyin: number): number => this.hostAstral(hi, lo, this.tablesFor(pinyin)),
      expand: (c: number, pinyin: number): number => this.hostExpand(c, this.tablesFor(pinyin)),
      alnumAfter: (end: number, pinyin: number): number => (this.tablesFor(pinyin).alnumAfter(this.current, end) ? 1 : 0),
    };
    const exports = new WebAssembly.Instance(module, { env }).exports;
    this.wasm = exports as unknown as ScanExports;
    this.memory = this.wasm.memory;
    const slots = {} as Slots;
    for (const name of SLOTS) slots[name] = (exports[`R_${name}`] as WebAssembly.Global).value;
    this.slot = slots;
    let at = PAGE;
    const place = (bytes: number): number => {
      const start = at;
      at = align(at + bytes);
      return start;
    };
    const main = placeAutomaton(this, place, true);
    this.marksAt = place(65536 * 4);
    this.seqAt = place(SEQ_CAP * 4);
    this.resultAt = place((Math.max(...Object.values(slots)) + 1) * 4);
    const rules = tables?.ruleNear.length ?? 0;
    const regexes = tables?.regexCount ?? 0;
    const t = tables
      ? {
          roles: place(tables.roles.length),
          ownStart: place(tables.ownStart.length * 4),
          ownList: place(tables.ownList.length * 4),
          trigStart: place(tables.trigStart.length * 4),
          trigList: place(tables.trigList.length * 4),
          ruleNear: place(rules),
          ruleAt: place(rules * 4),
          ruleHits: place(rules * 4),
          ruleLast: place(rules * 4),
          armedAt: place(regexes * 4),
          armed: place(regexes * 4),
        }
      : null;
    this.armedAt = t?.armed ?? 0;
    this.hasTables = t !== null;
    const py = pinyin ? placeAutomaton(pinyin, place, false) : null;
    this.pyAt = pinyin ? place(PINYIN_CAP * 12) : 0;
    this.pinyin = pinyin ?? null;
    this.outputAt = at;
    this.placeOutput(256);
    const i32 = this.i32;
    this.wasm.init(this.marksAt, this.seqAt, this.resultAt);
    new Int32Array(this.memory.buffer, this.marksAt, 65536).set(this.marks);
    this.writeAutomaton(0, this, main);
    if (pinyin && py) {
      this.writeAutomaton(1, pinyin, py);
      this.wasm.matchSpace(1, this.pyAt, PINYIN_CAP);
    }
    if (tables && t) {
      this.bytesView.set(tables.roles, t.roles);
      i32.set(tables.ownStart, t.ownStart >> 2);
      i32.set(tables.ownList, t.ownList >> 2);
      i32.set(tables.trigStart, t.trigStart >> 2);
      i32.set(tables.trigList, t.trigList >> 2);
      this.bytesView.set(tables.ruleNear, t.ruleNear);
      this.wasm.tables(
        t.roles,
        t.ownStart,
        t.ownList,
        t.trigStart,
        t.trigList,
        t.ruleNear,
        t.ruleAt,
        t.ruleHits,
        t.ruleLast,
        t.armedAt,
        t.armed,
        rules,
        regexes,
      );
      this.armedLength = regexes;
      this.armed = new Int32Array(this.memory.buffer, t.armed, regexes);
    }
    this.views();
  }

  /** Copies a scanner's tables into the module as its automaton k (0: main, 1: pinyin). */
  private writeAutomaton(k: number, sc: Scanner, at: AutomatonAt): void {
    copyAutomaton(sc, at, this.i32);
    this.wasm.automaton(k, at.tbl, at.cell, at.fail, at.report, at.outs, at.pats, at.ring, at.mask, sc.aut.alphabet);
  }

  private tablesFor(pinyin: number): Scanner {
    return pinyin !== 0 && this.pinyin !== null ? this.pinyin : this;
  }

  /** Bytes in typed arrays and the module's memory (benchmark memory figures). */
  override get bytes(): number {
    return super.bytes + this.memory.buffer.byteLength;
  }

  override markSeparators(bits: ReadonlyMap<string, number>): void {
    super.markSeparators(bits);
    new Int32Array(this.memory.buffer, this.marksAt, 65536).set(this.marks);
  }

  override scan(s: string, from = 0, to = s.length): void {
    this.run(s, from, to, -1);
  }

  /**
   * Scans the whole of `s` and collects its rule hits (at most maxHits per rule), proximity
   * occurrences, armed regexes and allow spans. Needs the HitTables given to the constructor.
   */
  scanForHits(s: string, maxHits: number): void {
    if (!this.hasTables) throw new Error('WasmScanner.scanForHits needs the filter tables');
    this.run(s, 0, s.length, maxHits);
  }

  private run(s: string, from: number, to: number, maxHits: number): void {
    this.current = s;
    for (;;) {
      if (this.textAt + s.length * 2 > this.bytesView.length) this.placeOutput(s.length);
      this.bytesView.write(s, this.textAt, 'utf16le');
      // One call into the module per field: scan, and collect when asked to.
      let full = 0;
      if (maxHits >= 0) full = this.wasm.scanAndCollect(this.textAt, s.length, maxHits);
      else this.wasm.scan(this.textAt, from, to, s.length);
      // Only placeOutput grows the memory, so the views are still attached here.
      const i32 = this.i32;
      const r = this.resultAt >> 2;
      const R = this.slot;
      if (i32[r + R.OVERFLOW] === 0 && full === 0) {
        this.count = i32[r + R.COUNT];
        this.alnum = i32[r + R.ALNUM];
        this.digits = i32[r + R.DIGITS];
        this.latinFrom = i32[r + R.LATIN_FROM];
        this.latinTo = i32[r + R.LATIN_TO];
        this.clusterCount = i32[r + R.CLUSTERS];
        this.sepMarks = i32[r + R.SEP_MARKS];
        this.lightChanged = i32[r + R.LIGHT] !== 0;
        this.digitRun = i32[r + R.DIGIT_RUN];
        this.endState = i32[r + R.STATE];
        if (maxHits >= 0) {
          this.hitCount = i32[r + R.HITS];
          this.nearCount = i32[r + R.NEAR];
          this.armedCount = i32[r + R.ARMED];
          this.allowCount = i32[r + R.ALLOW];
          this.pyCount = i32[r + R.PINYIN];
        }
        break;
      }
      // Rare (thousands of matches or hits in one field): make room for all of them and run again.
      while (this.matchCap < i32[r + R.COUNT]) this.matchCap *= 2;
      while (this.clusterCap < i32[r + R.CLUSTERS]) this.clusterCap *= 2;
      while (full !== 0 && (this.hitCap < i32[r + R.HITS] || this.hitCap < i32[r + R.NEAR])) this.hitCap *= 2;
      this.placeOutput(s.length);
    }
  }

  /** Places the output regions and the text after them, growing the memory to fit n units. */
  private placeOutput(n: number): void {
    this.textAt = this.regions().text;
    const need = this.textAt + n * 2;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    this.views();
  }

  /** Offsets of the output regions, from the current capacities. */
  private regions(): { matches: number; clusters: number; allow: number; hits: number; near: number; text: number } {
    const matches = this.outputAt;
    const clusters = align(matches + this.matchCap * 12);
    const allow = align(clusters + this.clusterCap * 8);
    const hits = align(allow + this.matchCap * 8);
    const near = align(hits + this.hitCap * 16);
    const text = align(near + this.hitCap * 16);
    return { matches, clusters, allow, hits, near, text };
  }

  /** (Re)creates every view of the module's memory: when it grows, the old ones are detached. */
  private views(): void {
    const buffer = this.memory.buffer;
    const mc = this.matchCap;
    const at = this.regions();
    this.i32 = new Int32Array(buffer);
    this.bytesView = Buffer.from(buffer);
    this.mPat = new Int32Array(buffer, at.matches, mc);
    this.mStart = new Int32Array(buffer, at.matches + mc * 4, mc);
    this.mEnd = new Int32Array(buffer, at.matches + mc * 8, mc);
    this.clusters = new Int32Array(buffer, at.clusters, this.clusterCap * 2);
    this.allow = new Int32Array(buffer, at.allow, mc * 2);
    this.hits = new Int32Array(buffer, at.hits, this.hitCap * 4);
    this.near = new Int32Array(buffer, at.near, this.hitCap * 4);
    // Not this.armed.length: a view of the memory before it grew is detached, and a detached view's length is 0.
    if (this.armedLength) this.armed = new Int32Array(buffer, this.armedAt, this.armedLength);
    if (this.pyAt !== 0) {
      this.pyPat = new Int32Array(buffer, this.pyAt, PINYIN_CAP);
      this.pyStart = new Int32Array(buffer, this.pyAt + PINYIN_CAP * 4, PINYIN_CAP);
      this.pyEnd = new Int32Array(buffer, this.pyAt + PINYIN_CAP * 8, PINYIN_CAP);
    }
    this.wasm.matchSpace(0, at.matches, mc);
    this.wasm.clusterSpace(at.clusters, this.clusterCap);
    this.wasm.collectOutput(at.hits, this.hitCap, at.near, at.allow);
  }

  /** Folded units of an astral code point into the seq scratch: count, or V_IGNORE / V_SEP. */
  private hostAstral(hi: number, lo: number, tables: Scanner): number {
    const r = tables.astral(hi, lo);
    if (typeof r === 'number') return r;
    return this.toSeq(r);
  }

  /** Folded units of a multi-unit fold (㎏ → kg) into the seq scratch: count (0: none). */
  private hostExpand(c: number, tables: Scanner): number {
    const seq = tables.expTbl.get(c);
    return seq === undefined ? 0 : this.toSeq(seq);
  }

  private toSeq(seq: Int32Array): number {
    // Folds are short (NFKC expands a code point to at most 18 units); the scratch holds 1,024.
    const n = Math.min(seq.length, SEQ_CAP);
    this.i32.set(n === seq.length ? seq : seq.subarray(0, n), this.seqAt >> 2);
    return n;
  }
}
