// The main keyword scan in WebAssembly (rules/wasm/scan.ts), behind the Scanner interface.
//
// WasmScanner is a Scanner whose scan() runs the compiled loop over a copy of the text in the
// module's memory; everything else (tables, extendEnd, the rare astral and multi-unit folds it
// is called back for) is the JavaScript Scanner's. Results land in typed-array views of that
// memory, read exactly like the JavaScript Scanner's own arrays.
//
// Memory (bytes; one instance per scanner):
//   64 KiB reserved (the module's own data) | fold table | separator marks | automaton cells
//   (link, base, fail, report per position) | out | outLink | patLen | patNext | patFlags | ring
//   | seq scratch | results | matches (pattern, start, end arrays) | clusters | text (UTF-16)
// The matches and clusters can outgrow their space: the scan then says so, and runs again with
// room for all of them. The text goes last, so a longer text only grows the memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Automaton, Scanner } from './automaton';

const PAGE = 65536;
const SEQ_CAP = 1024;
/** Result slots written by the module (see R_* in rules/wasm/scan.ts). */
const R_COUNT = 0;
const R_ALNUM = 1;
const R_DIGITS = 2;
const R_LATIN_FROM = 3;
const R_LATIN_TO = 4;
const R_CLUSTERS = 5;
const R_SEP_MARKS = 6;
const R_OVERFLOW = 7;

interface ScanExports {
  memory: WebAssembly.Memory;
  init(...offsets: number[]): void;
  output(matchPat: number, matchStart: number, matchEnd: number, matchCap: number, clusters: number, clusterCap: number): void;
  scan(text: number, from: number, to: number): number;
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

export class WasmScanner extends Scanner {
  private readonly wasm: ScanExports;
  private readonly memory: WebAssembly.Memory;
  private bytesView!: Buffer;
  private i32!: Int32Array;
  private readonly seqAt: number;
  private readonly resultAt: number;
  private readonly marksAt: number;
  /** Start of the match and cluster arrays; the text follows them at textAt. */
  private readonly outputAt: number;
  private matchCap = 4096;
  private clusterCap = 1024;
  private textAt = 0;
  /** The text being scanned, for the whole-token look-ahead the module asks for. */
  private current = '';

  constructor(aut: Automaton, module: WebAssembly.Module) {
    super(aut, 'text');
    const env = {
      astral: (hi: number, lo: number): number => this.hostAstral(hi, lo),
      expand: (c: number): number => this.hostExpand(c),
      alnumAfter: (end: number): number => (this.alnumAfter(this.current, end) ? 1 : 0),
    };
    this.wasm = new WebAssembly.Instance(module, { env }).exports as unknown as ScanExports;
    this.memory = this.wasm.memory;
    const len = aut.link.length;
    const np = aut.patLen.length;
    let at = PAGE;
    const place = (bytes: number): number => {
      const start = at;
      at = align(at + bytes);
      return start;
    };
    const tblAt = place(65536 * 4);
    this.marksAt = place(65536);
    const cellAt = place(len * 16);
    const outAt = place(len * 4);
    const outLinkAt = place(len * 4);
    const patLenAt = place(np * 4);
    const patNextAt = place(np * 4);
    const patFlagsAt = place(np);
    const ringAt = place(this.ring.length * 4);
    this.seqAt = place(SEQ_CAP * 4);
    this.resultAt = place(8 * 4);
    this.outputAt = at;
    this.placeOutput(256);
    const i32 = this.i32;
    i32.set(this.tbl, tblAt >> 2);
    for (let t = 0; t < len; t++) {
      const c = (cellAt >> 2) + 4 * t;
      i32[c] = aut.link[t];
      i32[c + 1] = aut.base[t];
      i32[c + 2] = aut.fail[t];
      i32[c + 3] = aut.report[t];
    }
    i32.set(aut.out, outAt >> 2);
    i32.set(aut.outLink, outLinkAt >> 2);
    i32.set(aut.patLen, patLenAt >> 2);
    i32.set(aut.patNext, patNextAt >> 2);
    this.bytesView.set(aut.patFlags, patFlagsAt);
    this.wasm.init(tblAt, this.marksAt, cellAt, outAt, outLinkAt, patLenAt, patNextAt, patFlagsAt, ringAt, this.mask, this.seqAt, this.resultAt, aut.alphabet);
  }

  /** Bytes in typed arrays and the module's memory (benchmark memory figures). */
  override get bytes(): number {
    return super.bytes + this.memory.buffer.byteLength;
  }

  override markSeparators(bits: ReadonlyMap<string, number>): void {
    super.markSeparators(bits);
    this.bytesView.set(this.marks, this.marksAt);
  }

  override scan(s: string, from = 0, to = s.length): void {
    this.current = s;
    for (;;) {
      if (this.textAt + s.length * 2 > this.bytesView.length) this.placeOutput(s.length);
      this.bytesView.write(s, this.textAt, 'utf16le');
      const count = this.wasm.scan(this.textAt, from, to);
      // Only placeOutput grows the memory, so the views are still attached here.
      const i32 = this.i32;
      const r = this.resultAt >> 2;
      if (i32[r + R_OVERFLOW] === 0) {
        this.count = count;
        this.alnum = i32[r + R_ALNUM];
        this.digits = i32[r + R_DIGITS];
        this.latinFrom = i32[r + R_LATIN_FROM];
        this.latinTo = i32[r + R_LATIN_TO];
        this.clusterCount = i32[r + R_CLUSTERS];
        this.sepMarks = i32[r + R_SEP_MARKS];
        break;
      }
      // Rare (thousands of matches in one field): make room for all of them and scan again.
      while (this.matchCap < i32[r + R_COUNT]) this.matchCap *= 2;
      while (this.clusterCap < i32[r + R_CLUSTERS]) this.clusterCap *= 2;
      this.placeOutput(s.length);
    }
    this.current = '';
  }

  /** Places the match and cluster arrays and the text after them, growing the memory to fit n units. */
  private placeOutput(n: number): void {
    const mc = this.matchCap;
    this.textAt = align(this.outputAt + mc * 12 + this.clusterCap * 8 + 64);
    const need = this.textAt + n * 2;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    this.views();
  }

  /** (Re)creates every view of the module's memory: when it grows, the old ones are detached. */
  private views(): void {
    const buffer = this.memory.buffer;
    const mc = this.matchCap;
    const at = this.outputAt;
    const clustersAt = align(at + mc * 12);
    this.i32 = new Int32Array(buffer);
    this.bytesView = Buffer.from(buffer);
    this.mPat = new Int32Array(buffer, at, mc);
    this.mStart = new Int32Array(buffer, at + mc * 4, mc);
    this.mEnd = new Int32Array(buffer, at + mc * 8, mc);
    this.clusters = new Int32Array(buffer, clustersAt, this.clusterCap * 2);
    this.wasm.output(at, at + mc * 4, at + mc * 8, mc, clustersAt, this.clusterCap);
  }

  /** Folded units of an astral code point into the seq scratch: count, or V_IGNORE / V_SEP. */
  private hostAstral(hi: number, lo: number): number {
    const r = this.astral(hi, lo);
    if (typeof r === 'number') return r;
    return this.toSeq(r);
  }

  /** Folded units of a multi-unit fold (㎏ → kg) into the seq scratch: count (0: none). */
  private hostExpand(c: number): number {
    const seq = this.expTbl.get(c);
    return seq === undefined ? 0 : this.toSeq(seq);
  }

  private toSeq(seq: Int32Array): number {
    // Folds are short (NFKC expands a code point to at most 18 units); the scratch holds 1,024.
    const n = Math.min(seq.length, SEQ_CAP);
    this.i32.set(n === seq.length ? seq : seq.subarray(0, n), this.seqAt >> 2);
    return n;
  }
}
