// The keyword scan loop of rules/automaton.ts (Scanner.scan), in AssemblyScript, compiled to
// WebAssembly by `npm run build` (dist/rules/wasm/scan.wasm).
//
// Why: the loop is a table load, two automaton loads and a few branches per code unit. V8's
// optimised JavaScript pays a bounds check per typed-array access and a representation check per
// charCodeAt; WebAssembly pays neither, and runs this loop ≈ 1.7× faster (bench/RESULTS.md).
// It is the same algorithm, state by state, so the JavaScript Scanner stays the reference: the
// property tests compare the two on random and adversarial text. The loop is split in two
// (fastRun for Chinese characters and separators, slowRun for the rest) so that the hot one has
// no calls and few enough live values for V8 to keep them all in registers (+7 % for the scan).
//
// Memory is laid out by rules/wasm-scanner.ts (WasmScanner) and passed in with init(). This
// module allocates nothing: no AssemblyScript runtime, only loads and stores.
//
// Rare cases call back into JavaScript: an astral code point or a multi-unit fold (the
// JavaScript side writes the folded units to SEQ and returns their count), and the whole-token
// look-ahead past a match's end.
//
// Besides the matches, the scan notes what the filter's later stages ask of a field: letters and
// digits, the clusters of Latin letters, separator marks, the longest digit run, and whether the
// regexes' light fold would change anything.
//
// collect() then does, for the main scan, what CompiledFilter.screenField does with a Scanner's
// matches: allow phrases, regex triggers, and each pattern's owners turned into rule hits
// (extended over trailing marks, deduplicated, capped per rule) or proximity occurrences. And
// scanPinyin() runs the pinyin automaton over the letter clusters, in the same call
// (scanAndCollect), by swapping in that automaton's tables.

@external('env', 'astral')
declare function hostAstral(hi: i32, lo: i32, pinyin: bool): i32;
@external('env', 'expand')
declare function hostExpand(c: i32, pinyin: bool): i32;
@external('env', 'alnumAfter')
declare function hostAlnumAfter(end: i32, pinyin: bool): i32;

// Encoded units and flags: the same values as rules/automaton.ts.
const V_IGNORE: i32 = -1;
const V_SEP: i32 = -2;
const V_HIGH: i32 = -3;
const SYM_SHIFT: i32 = 5;
const V_ROOT_CHILD: i32 = 4;
const V_ROOT_OUT: i32 = 8;
const V_LIGHT: i32 = 16;
const RF_GAP: i32 = 1;
const RF_ALNUM: i32 = 2;
const PF_LATIN_GAP: i32 = 1;
const PF_WORD: i32 = 2;
const MAX_GAP: i32 = 24;
const WIDE_MARK: i32 = 1 << 16;

/** Pattern roles (rules/filter.ts). */
const ROLE_RULE: i32 = 1;
const ROLE_ALLOW: i32 = 2;
const ROLE_TRIGGER: i32 = 4;
const OWNER_SHIFT: i32 = 4;

/** Scan results beyond the match and cluster arrays: slots of RESULT, exported for WasmScanner. */
export const R_COUNT: i32 = 0;
export const R_ALNUM: i32 = 1;
export const R_DIGITS: i32 = 2;
export const R_LATIN_FROM: i32 = 3;
export const R_LATIN_TO: i32 = 4;
export const R_CLUSTERS: i32 = 5;
export const R_SEP_MARKS: i32 = 6;
export const R_OVERFLOW: i32 = 7;
export const R_HITS: i32 = 8;
export const R_NEAR: i32 = 9;
export const R_ARMED: i32 = 10;
export const R_ALLOW: i32 = 11;
export const R_LIGHT: i32 = 12;
export const R_DIGIT_RUN: i32 = 13;
export const R_PINYIN: i32 = 14;
export const R_STATE: i32 = 15;

// The active automaton's tables (bytes offsets; use() loads them from AUTOMATA).
let TBL: usize = 0; // i32 per code unit: the encoded unit
let MARKS: usize = 0; // i32 per code unit: separator marks (WIDE_MARK on low surrogates)
let CELL: usize = 0; // per position: link, base (i32 each; what the hot loop reads, together)
let FAIL: usize = 0;
let REPORT: usize = 0;
let OUTS: usize = 0; // per state: first pattern ending there, next state with output (i32 each)
let PATS: usize = 0; // per pattern: length, next pattern of the same text, flags (i32 each, 16 bytes)
let RING: usize = 0;
let MASK: i32 = 0;
let SEQ: usize = 0;
let RESULT: usize = 0;
let MATCH_PAT: usize = 0; // the matches: pattern, original start, original end (i32 arrays)
let MATCH_START: usize = 0;
let MATCH_END: usize = 0;
let MATCH_CAP: i32 = 0;
let CLUSTERS: usize = 0; // (from, to) pairs
let CLUSTER_CAP: i32 = 0;
let ROOT_ROW: i32 = 0;
let TEXT: usize = 0;
let TEXT_LEN: i32 = 0;
// What collect() reads: per pattern, its roles (u8), owners and triggered regexes (CSR, i32);
// per rule, whether it is a proximity rule (u8) and its per-field hit chain; per regex, a stamp.
let ROLES: usize = 0;
let OWN_START: usize = 0;
let OWN_LIST: usize = 0;
let TRIG_START: usize = 0;
let TRIG_LIST: usize = 0;
let RULE_NEAR: usize = 0;
let RULE_AT: usize = 0;
let RULE_COUNT: usize = 0;
let RULE_LAST: usize = 0;
let ARMED_AT: usize = 0;
// What collect() writes: hits (rule, start, end, previous hit of the rule), proximity
// occurrences (rule, term, start, end), armed regexes, allow spans (start, end).
let HITS: usize = 0;
let HIT_CAP: i32 = 0;
let NEAR: usize = 0;
let ARMED: usize = 0;
let ALLOW: usize = 0;
let stamp: i32 = 0;
/** Whether the pinyin automaton is the active one. */
let PINYIN = false;
let RULES: i32 = 0;
let REGEXES: i32 = 0;

// Per-scan state shared with the out-of-loop helpers.
let count: i32 = 0;
let clusterCount: i32 = 0;
let latinFrom: i32 = 0;
let latinTo: i32 = 0;
let clusterFrom: i32 = 0;
let clusterLetters: i32 = 0;
let skip: i32 = 0;
let letterPos: i32 = 0;
let digitsSince: i32 = 0;
let overflow: i32 = 0;

// The two automata (0: main, 1: pinyin), each a record of its tables' offsets and its match
// space; use(k) makes one the active one.
const A_TBL = 0;
const A_CELL = 1;
const A_FAIL = 2;
const A_REPORT = 3;
const A_OUTS = 4;
const A_PATS = 5;
const A_RING = 6;
const A_MASK = 7;
const A_ROOT_ROW = 8;
const A_MATCH_PAT = 9;
const A_MATCH_START = 10;
const A_MATCH_END = 11;
const A_MATCH_CAP = 12;
const A_FIELDS = 13;
const AUTOMATA = memory.data(2 * A_FIELDS * 4);

@inline
function field(k: i32, f: i32): usize {
  return AUTOMATA + ((<usize>(k * A_FIELDS + f)) << 2);
}

export function init(marks: usize, seq: usize, result: usize): void {
  MARKS = marks;
  SEQ = seq;
  RESULT = result;
}

/** Automaton k's tables (see WasmScanner for the layout). */
export function automaton(k: i32, tbl: usize, cell: usize, fail: usize, report: usize, outs: usize, pats: usize, ring: usize, mask: i32, rootRow: i32): void {
  store<i32>(field(k, A_TBL), <i32>tbl);
  store<i32>(field(k, A_CELL), <i32>cell);
  store<i32>(field(k, A_FAIL), <i32>fail);
  store<i32>(field(k, A_REPORT), <i32>report);
  store<i32>(field(k, A_OUTS), <i32>outs);
  store<i32>(field(k, A_PATS), <i32>pats);
  store<i32>(field(k, A_RING), <i32>ring);
  store<i32>(field(k, A_MASK), mask);
  store<i32>(field(k, A_ROOT_ROW), rootRow);
  if (k == 0) use(0);
}

/** Where automaton k's matches go: pattern, start and end arrays of cap entries from `at`. */
export function matchSpace(k: i32, at: usize, cap: i32): void {
  store<i32>(field(k, A_MATCH_PAT), <i32>at);
  store<i32>(field(k, A_MATCH_START), <i32>(at + (<usize>cap << 2)));
  store<i32>(field(k, A_MATCH_END), <i32>(at + (<usize>cap << 3)));
  store<i32>(field(k, A_MATCH_CAP), cap);
  if (k == 0) use(0);
}

function use(k: i32): void {
  TBL = <usize>load<i32>(field(k, A_TBL));
  CELL = <usize>load<i32>(field(k, A_CELL));
  FAIL = <usize>load<i32>(field(k, A_FAIL));
  REPORT = <usize>load<i32>(field(k, A_REPORT));
  OUTS = <usize>load<i32>(field(k, A_OUTS));
  PATS = <usize>load<i32>(field(k, A_PATS));
  RING = <usize>load<i32>(field(k, A_RING));
  MASK = load<i32>(field(k, A_MASK));
  ROOT_ROW = load<i32>(field(k, A_ROOT_ROW));
  MATCH_PAT = <usize>load<i32>(field(k, A_MATCH_PAT));
  MATCH_START = <usize>load<i32>(field(k, A_MATCH_START));
  MATCH_END = <usize>load<i32>(field(k, A_MATCH_END));
  MATCH_CAP = load<i32>(field(k, A_MATCH_CAP));
  PINYIN = k == 1;
  FIXED = TBL == FIXED_TBL && CELL == FIXED_CELL && RING == FIXED_RING && MASK == FIXED_MASK;
}

/**
 * Scans the letter clusters of the last main scan with the pinyin automaton (the text is still
 * in memory): as many scans as there are clusters, as in CompiledFilter with a JavaScript
 * Scanner. Returns the pinyin match count, or -1 when they did not fit.
 */
function scanPinyin(text: usize, length: i32): i32 {
  if (load<i32>(field(1, A_TBL)) == 0) return -1;
  use(1);
  count = 0;
  overflow = 0;
  const clusters = clusterCount;
  for (let c = 0; c < clusters && overflow == 0; c++) {
    const at = CLUSTERS + (<usize>c << 3);
    scanRange(text, load<i32>(at), load<i32>(at, 4), length);
  }
  const n = overflow != 0 ? -1 : count;
  use(0);
  return n;
}

/** The filter's tables for collect(), and its output regions sized for them. */
export function tables(
  roles: usize,
  ownStart: usize,
  ownList: usize,
  trigStart: usize,
  trigList: usize,
  ruleNear: usize,
  ruleAt: usize,
  ruleHits: usize,
  ruleLast: usize,
  armedAt: usize,
  armed: usize,
  ruleCount: i32,
  regexCount: i32,
): void {
  RULES = ruleCount;
  REGEXES = regexCount;
  ROLES = roles;
  OWN_START = ownStart;
  OWN_LIST = ownList;
  TRIG_START = trigStart;
  TRIG_LIST = trigList;
  RULE_NEAR = ruleNear;
  RULE_AT = ruleAt;
  RULE_COUNT = ruleHits;
  RULE_LAST = ruleLast;
  ARMED_AT = armedAt;
  ARMED = armed;
}

/** Where collect() writes hits and proximity occurrences (hitCap of each) and allow spans (one per match at most). */
export function collectOutput(hits: usize, hitCap: i32, near: usize, allow: usize): void {
  HITS = hits;
  HIT_CAP = hitCap;
  NEAR = near;
  ALLOW = allow;
}

/** Where the main scan's letter clusters go, and how many fit (set again when WasmScanner grows them). */
export function clusterSpace(clusters: usize, clusterCap: i32): void {
  CLUSTERS = clusters;
  CLUSTER_CAP = clusterCap;
}

@inline
function ld(region: usize, i: i32): i32 {
  return load<i32>(region + (<usize>i << 2));
}

@inline
function linkAt(t: i32): i32 {
  return load<i32>(CELL + (<usize>t << 3));
}

@inline
function baseAt(t: i32): i32 {
  return load<i32>(CELL + (<usize>t << 3), 4);
}

@inline
function failAt(t: i32): i32 {
  return ld(FAIL, t);
}

@inline
function reportAt(t: i32): i32 {
  return ld(REPORT, t);
}

@inline
function ringAt(j: i32): i32 {
  return ld(RING, j & MASK);
}

function push(p: i32, start: i32, end: i32): void {
  if (count >= MATCH_CAP) {
    // WasmScanner makes room and scans again; keep counting so it knows how much.
    overflow = 1;
    count++;
    return;
  }
  const at = <usize>count << 2;
  store<i32>(MATCH_PAT + at, p);
  store<i32>(MATCH_START + at, start);
  store<i32>(MATCH_END + at, end);
  count++;
}

function pushCluster(from: i32, to: i32): void {
  if (clusterCount >= CLUSTER_CAP) {
    overflow = 1;
    clusterCount++;
    return;
  }
  const at = CLUSTERS + <usize>clusterCount * 8;
  store<i32>(at, from);
  store<i32>(at, to, 4);
  clusterCount++;
}

/** A Latin letter at original [start, end): see Scanner.letter. */
function letter(start: i32, end: i32, pos: i32): void {
  if (latinFrom < 0) {
    latinFrom = start;
    clusterFrom = start;
  } else if (start - latinTo - skip > MAX_GAP || pos - letterPos - 1 > digitsSince) {
    if (clusterLetters > 1) pushCluster(clusterFrom, latinTo);
    clusterFrom = start;
    clusterLetters = 0;
  }
  clusterLetters++;
  skip = 0;
  latinTo = end;
  letterPos = pos;
  digitsSince = 0;
}

/**
 * Whether a letter or digit follows original offset `end` (ignorables skipped): Scanner.alnumAfter,
 * answered here for plain units; multi-unit folds and surrogates ask the host, whose tables know
 * them. (A call out of the module per whole-token match was ≈ 1 % of the rules stage.)
 */
function alnumAfter(end: i32): bool {
  for (let i = end; i < TEXT_LEN; i++) {
    const v = ld(TBL, <i32>load<u16>(TEXT + (<usize>i << 1)));
    if (v == V_IGNORE) continue;
    if (v >= 0) return (v & 1) != 0;
    if (v == V_SEP) return false;
    return hostAlnumAfter(i, PINYIN) != 0;
  }
  return false;
}

function continuesBefore(j: i32): bool {
  return j > 0 && (ringAt(j) & RF_GAP) == 0 && (ringAt(j) & RF_ALNUM) != 0 && (ringAt(j - 1) & RF_ALNUM) != 0;
}

/** See Scanner.accept: whole-token and Latin-gap checks for flagged patterns. */
function accept(p: i32, pos: i32, end: i32): bool {
  const first = pos - load<i32>(PATS + (<usize>p << 4)) + 1;
  const flags = load<i32>(PATS + (<usize>p << 4), 8);
  if ((flags & PF_WORD) != 0) {
    if (continuesBefore(first)) return false;
    if ((ringAt(pos) & RF_ALNUM) != 0 && alnumAfter(end)) return false;
  }
  if ((flags & PF_LATIN_GAP) != 0) {
    for (let k = first + 1; k <= pos; k++) {
      const fk = ringAt(k);
      if ((fk & RF_GAP) == 0 || (fk & RF_ALNUM) == 0 || (ringAt(k - 1) & RF_ALNUM) == 0) continue;
      let j = k - 1;
      while (j > first && (ringAt(j) & RF_GAP) == 0 && (ringAt(j - 1) & RF_ALNUM) != 0) j--;
      if (j == first && continuesBefore(first)) return false;
      j = k;
      while (j < pos && (ringAt(j + 1) & RF_GAP) == 0 && (ringAt(j + 1) & RF_ALNUM) != 0) j++;
      if (j == pos && alnumAfter(end)) return false;
    }
  }
  return true;
}

/** Reports every pattern ending at folded unit `pos` in state `o`'s output chain. */
function emit(o: i32, pos: i32, end: i32): void {
  while (o > 0) {
    const at = OUTS + (<usize>o << 3);
    let p = load<i32>(at);
    do {
      const pat = PATS + (<usize>p << 4);
      if (load<i32>(pat, 8) == 0 || accept(p, pos, end)) push(p, ringAt(pos - load<i32>(pat) + 1) >> 2, end);
      p = load<i32>(pat, 4);
    } while (p >= 0);
    o = load<i32>(at, 4);
  }
}

/**
 * Scans UTF-16 text at `text` (code units [from, to)); see Scanner.scan. Returns the match count;
 * RESULT[R_OVERFLOW] = 1 when the match or cluster space ran out (nothing else is then valid).
 */
export function scan(text: usize, from: i32, to: i32, length: i32): i32 {
  count = 0;
  overflow = 0;
  const n = scanRange(text, from, to, length);
  store<i32>(RESULT, state, R_STATE << 2);
  return n;
}

/** scan(), then, unless it ran out of room, collect(maxHits); returns 1 when either ran out of room. */
export function scanAndCollect(text: usize, length: i32, maxHits: i32): i32 {
  count = 0;
  overflow = 0;
  scanRange(text, 0, length, length);
  // The main automaton's final state (the pinyin scans below reuse the variable).
  store<i32>(RESULT, state, R_STATE << 2);
  if (overflow == 0) {
    const full = collect(maxHits);
    // The pinyin stage's scans too, in the same call (-1: not run, or its matches did not fit).
    store<i32>(RESULT, full == 0 && clusterCount != 0 ? scanPinyin(text, length) : -1, R_PINYIN << 2);
    return full;
  }
  store<i32>(RESULT, 0, R_HITS << 2);
  store<i32>(RESULT, 0, R_NEAR << 2);
  return 1;
}

// The scan's state across units, and its counters for the later stages. scanRange alternates
// between two loops: fastRun for the units that fold to one symbol that is not a letter or digit,
// and for separators (nearly all of Chinese text), slowRun for the rest. fastRun keeps what it
// needs in locals and hands the state over here.
let state: i32 = 0;
let pos: i32 = 0;
let gap: i32 = 0;
let light: i32 = 0;
let alnum: i32 = 0;
let digits: i32 = 0;
let sepMarks: i32 = 0;
let run: i32 = 0;
let digitRun: i32 = 0;
let lastDigit: i32 = 0;
let sepsSinceDigit: i32 = 0;
/** The report fastRun stopped at, for scanRange to emit (0: none). */
let held: i32 = 0;

/**
 * The encoded units of fastRun's automaton step: one folded unit, not alphanumeric, not special,
 * and left alone by the regexes' light fold (the rare ones it changes, such as traditional
 * characters, go through slowRun, which notes them).
 */
@inline
function isFast(v: i32): bool {
  return (v & (1 | V_LIGHT | (1 << 31))) == 0;
}

function scanRange(text: usize, from: i32, to: i32, length: i32): i32 {
  TEXT = text;
  TEXT_LEN = length;
  state = 0;
  pos = -1;
  gap = 0;
  light = 0;
  alnum = 0;
  digits = 0;
  sepMarks = 0;
  run = 0;
  digitRun = 0;
  lastDigit = -2;
  sepsSinceDigit = 0;
  // A pinyin scan appends to the matches and leaves the main scan's clusters and results alone.
  if (!PINYIN) {
    clusterCount = 0;
    latinFrom = -1;
    latinTo = 0;
    clusterFrom = 0;
    clusterLetters = 0;
  }
  skip = 0;
  digitsSince = 0;
  let i = from;
  while (i < to) {
    i = FIXED ? fastRunFixed(text, i, to) : fastRunAny(text, i, to);
    if (held != 0) {
      const o = held;
      held = 0;
      emit(o, pos, i);
    } else if (i < to) i = slowRun(text, i, to);
  }
  if (PINYIN) return count;
  if (latinFrom < 0) latinFrom = 0;
  if (clusterLetters > 1) pushCluster(clusterFrom, latinTo);
  store<i32>(RESULT, count, R_COUNT << 2);
  store<i32>(RESULT, alnum, R_ALNUM << 2);
  store<i32>(RESULT, digits, R_DIGITS << 2);
  store<i32>(RESULT, latinFrom, R_LATIN_FROM << 2);
  store<i32>(RESULT, latinTo, R_LATIN_TO << 2);
  store<i32>(RESULT, clusterCount, R_CLUSTERS << 2);
  store<i32>(RESULT, sepMarks, R_SEP_MARKS << 2);
  store<i32>(RESULT, overflow, R_OVERFLOW << 2);
  store<i32>(RESULT, light & V_LIGHT, R_LIGHT << 2);
  store<i32>(RESULT, digitRun, R_DIGIT_RUN << 2);
  return count;
}

// Where WasmScanner puts the main automaton's fold table, cells and offset ring (see
// placeAutomaton in rules/wasm-scanner.ts). At addresses known when compiling, fastRun's loads take
// them as constant displacements: the hot loop then reads no module global per unit (V8 loads a
// global from the instance on every use), and with fewer live values keeps its index, state and
// position in registers. use() checks that the active automaton is laid out so; otherwise (the
// pinyin automaton, or a pattern too long for this ring) the same loop runs on the globals.
const FIXED_TBL: usize = 0x10000;
const FIXED_CELL: usize = 0x50000;
const FIXED_RING: usize = 0xfc00;
const FIXED_MASK: i32 = 255;
/** Whether the active automaton's tables are at the FIXED_ addresses. */
let FIXED = false;

/**
 * Units from i while they are isFast or separators: the automaton step and the offset ring.
 * Returns where it stopped: at a unit for slowRun, or just past a unit where patterns end, with
 * their report in `held` for scanRange to emit. No call inside the loop, and only i, the state
 * and the position carried from unit to unit: V8's WebAssembly calls save no registers, and with
 * more live values than registers it spills them to the stack on every unit.
 */
function fastRunFixed(text: usize, i: i32, to: i32): i32 {
  return fastRunIn(text, i, to, true);
}

function fastRunAny(text: usize, i: i32, to: i32): i32 {
  return fastRunIn(text, i, to, false);
}

@inline
function fastRunIn(text: usize, i: i32, to: i32, fixed: bool): i32 {
  const tbl = fixed ? FIXED_TBL : TBL;
  const cell = fixed ? FIXED_CELL : CELL;
  const ring = fixed ? FIXED_RING : RING;
  const mask = fixed ? FIXED_MASK : MASK;
  let st = state;
  let p = pos;
  for (; i < to; i++) {
    let c = <i32>load<u16>(text + (<usize>i << 1));
    let v = load<i32>(tbl + (<usize>c << 2));
    let flags = 0;
    if (!isFast(v)) {
      if (v != V_SEP) break;
      // A run of separators; the unit after it, if fast, is marked as following a gap.
      do {
        sepMarks |= load<i32>(MARKS + (<usize>c << 2));
        sepsSinceDigit++;
        gap++;
        if (++i >= to) break;
        c = <i32>load<u16>(text + (<usize>i << 1));
        v = load<i32>(tbl + (<usize>c << 2));
      } while (v == V_SEP);
      if (gap > MAX_GAP) st = 0;
      if (i >= to || !isFast(v)) break;
      gap = 0;
      flags = RF_GAP;
    }
    p++;
    store<i32>(ring + (<usize>(p & mask) << 2), (i << 2) | flags);
    // Symbol 0 (a character in no pattern) needs no test of its own: no state has a child on it,
    // and its flags send the root path to state 0. From the root, children are taken from the
    // flags too, without a branch on the link: which of the two paths a unit takes then depends
    // only on whether the text continues a pattern, the one thing the branch predictor cannot know.
    // (The root's base in the module points past the cells, at links that match no state, so the
    // root fails this test by itself, with no test of its own.)
    const a = v >> SYM_SHIFT;
    const t = load<i32>(cell + (<usize>st << 3), 4) + a;
    let l = load<i32>(cell + (<usize>t << 3));
    if (l >> 1 == st) {
      st = t;
      if ((l & 1) != 0) {
        held = reportAt(t);
        i++;
        break;
      }
      continue;
    }
    if (st <= ROOT_ROW) {
      st = select<i32>(a, 0, (v & V_ROOT_CHILD) != 0);
      if ((v & V_ROOT_OUT) != 0) {
        held = reportAt(a);
        i++;
        break;
      }
      continue;
    }
    st = failAt(st);
    while (st > 0) {
      l = load<i32>(cell + (<usize>(load<i32>(cell + (<usize>st << 3), 4) + a) << 3));
      if (l >> 1 == st) break;
      st = failAt(st);
    }
    if (st > 0) st = load<i32>(cell + (<usize>st << 3), 4) + a;
    else {
      // Back at the root: its child from the flags, as above (a root output implies a child).
      st = select<i32>(a, 0, (v & V_ROOT_CHILD) != 0);
      l = (v & V_ROOT_OUT) != 0 ? 1 : 0;
    }
    if ((l & 1) != 0) {
      held = reportAt(st);
      i++;
      break;
    }
  }
  state = st;
  pos = p;
  return i;
}

/** Units from i until the next isFast one: letters, digits, separators, ignorables, astral and multi-unit folds. */
function slowRun(text: usize, i: i32, to: i32): i32 {
  let st = state;
  let p = pos;
  let g = gap;
  let lt = light;
  for (; i < to; i++) {
    const c = <i32>load<u16>(text + (<usize>i << 1));
    let v = ld(TBL, c);
    // The first fast unit after a gap still comes here, to carry the gap into the offset ring.
    if (isFast(v) && g == 0) break;
    const start = i;
    let nsym = 1;
    let seq = false;
    if (v < 0) {
      if (v == V_IGNORE) {
        skip++;
        lt |= V_LIGHT;
        continue;
      }
      if (v == V_SEP) {
        sepMarks |= load<i32>(MARKS + (<usize>c << 2));
        sepsSinceDigit++;
        if (++g > MAX_GAP) st = 0;
        continue;
      }
      if (v == V_HIGH) {
        sepMarks |= WIDE_MARK;
        const d = i + 1 < to ? <i32>load<u16>(text + (<usize>(i + 1) << 1)) : 0;
        if (d < 0xdc00 || d > 0xdfff) {
          if (++g > MAX_GAP) st = 0;
          continue;
        }
        i++;
        const r = hostAstral(c, d, PINYIN);
        skip += 2;
        if (r == V_IGNORE) continue;
        if (r < 0) {
          if (++g > MAX_GAP) st = 0;
          continue;
        }
        nsym = r;
      } else {
        nsym = hostExpand(c, PINYIN);
        if (nsym == 0) continue;
      }
      seq = true;
    }
    const end = i + 1;
    for (let k = 0; k < nsym; k++) {
      if (seq) v = ld(SEQ, k);
      p++;
      store<i32>(RING + (<usize>(p & MASK) << 2), (start << 2) | (g > 0 ? RF_GAP : 0) | ((v & 1) << 1));
      g = 0;
      lt |= v;
      if ((v & 1) != 0) {
        alnum++;
        if ((v & 2) != 0) {
          digits++;
          skip += end - start;
          digitsSince++;
          run = p - lastDigit - 1 + sepsSinceDigit <= 1 ? run + 1 : 1;
          if (run > digitRun) digitRun = run;
          lastDigit = p;
          sepsSinceDigit = 0;
        } else if (!PINYIN) letter(start, end, p);
      }
      const a = v >> SYM_SHIFT;
      if (a == 0) {
        st = 0;
        continue;
      }
      let hit = 0;
      for (;;) {
        // The root's children are at 1..alphabet (its base in the module points elsewhere: see fastRun).
        const t = select<i32>(baseAt(st), 0, st != 0) + a;
        const l = linkAt(t);
        if (l >> 1 == st) {
          st = t;
          hit = l & 1;
          break;
        }
        if (st == 0) break;
        st = failAt(st);
      }
      if (hit != 0) emit(reportAt(st), p, end);
    }
  }
  state = st;
  pos = p;
  gap = g;
  light = lt;
  return i;
}

/** `end` moved past ignorable units (combining marks, variation selectors): see Scanner.extendEnd. */
function extendEnd(end: i32): i32 {
  while (end < TEXT_LEN) {
    const c = <i32>load<u16>(TEXT + (<usize>end << 1));
    const v = ld(TBL, c);
    if (v == V_IGNORE) end++;
    else if (v == V_HIGH && end + 1 < TEXT_LEN && hostAstral(c, <i32>load<u16>(TEXT + (<usize>(end + 1) << 1)), PINYIN) == V_IGNORE) end += 2;
    else break;
  }
  return end;
}

/** Whether [start, end) lies inside one of the first n allow spans. */
function allowed(start: i32, end: i32, n: i32): bool {
  for (let a = 0; a < n; a++) {
    const at = ALLOW + (<usize>a << 3);
    if (load<i32>(at) <= start && end <= load<i32>(at, 4)) return true;
  }
  return false;
}

/**
 * Turns the last scan's matches into rule hits, proximity occurrences, armed regexes and allow
 * spans, as CompiledFilter.screenField does with a JavaScript Scanner; counts go to RESULT.
 * A rule keeps at most maxHits hits per field, and one hit per span. Returns 0, or 1 when the
 * hit space ran out (WasmScanner makes room and calls again).
 */
function collect(maxHits: i32): i32 {
  if (stamp == 0x7fffffff) {
    memory.fill(RULE_AT, 0, <usize>RULES << 2);
    memory.fill(ARMED_AT, 0, <usize>REGEXES << 2);
    stamp = 0;
  }
  stamp++;
  const n = count;
  let any = 0;
  let allowCount = 0;
  let armedCount = 0;
  for (let k = 0; k < n; k++) {
    const p = ld(MATCH_PAT, k);
    const role = <i32>load<u8>(ROLES + <usize>p);
    any |= role;
    if ((role & ROLE_ALLOW) != 0) {
      const at = ALLOW + (<usize>allowCount << 3);
      store<i32>(at, ld(MATCH_START, k));
      store<i32>(at, ld(MATCH_END, k), 4);
      allowCount++;
    }
    if ((role & ROLE_TRIGGER) != 0) {
      for (let q = ld(TRIG_START, p); q < ld(TRIG_START, p + 1); q++) {
        const r = ld(TRIG_LIST, q);
        if (ld(ARMED_AT, r) == stamp) continue;
        store<i32>(ARMED_AT + (<usize>r << 2), stamp);
        store<i32>(ARMED + (<usize>armedCount << 2), r);
        armedCount++;
      }
    }
  }
  let hits = 0;
  let near = 0;
  let full = 0;
  if ((any & ROLE_RULE) != 0) {
    for (let k = 0; k < n; k++) {
      const p = ld(MATCH_PAT, k);
      if ((<i32>load<u8>(ROLES + <usize>p) & ROLE_RULE) == 0) continue;
      const start = ld(MATCH_START, k);
      const end0 = ld(MATCH_END, k);
      if (allowCount != 0 && allowed(start, end0, allowCount)) continue;
      for (let q = ld(OWN_START, p); q < ld(OWN_START, p + 1); q++) {
        const o = ld(OWN_LIST, q);
        const rule = o >> OWNER_SHIFT;
        if (load<u8>(RULE_NEAR + <usize>rule) != 0) {
          if (near >= HIT_CAP) {
            full = 1;
            near++;
            continue;
          }
          const at = NEAR + (<usize>near << 4);
          store<i32>(at, rule);
          store<i32>(at, o & ((1 << OWNER_SHIFT) - 1), 4);
          store<i32>(at, start, 8);
          store<i32>(at, end0, 12);
          near++;
          continue;
        }
        const end = extendEnd(end0);
        let inField = 0;
        let last = -1;
        if (ld(RULE_AT, rule) == stamp) {
          inField = ld(RULE_COUNT, rule);
          last = ld(RULE_LAST, rule);
        }
        // Same span already reported for this rule in this field?
        let h = last;
        while (h >= 0) {
          const at = HITS + (<usize>h << 4);
          if (load<i32>(at, 4) == start && load<i32>(at, 8) == end) break;
          h = load<i32>(at, 12);
        }
        if (h >= 0 || inField >= maxHits) continue;
        if (hits >= HIT_CAP) {
          full = 1;
          hits++;
          continue;
        }
        const at = HITS + (<usize>hits << 4);
        store<i32>(at, rule);
        store<i32>(at, start, 4);
        store<i32>(at, end, 8);
        store<i32>(at, last, 12);
        store<i32>(RULE_AT + (<usize>rule << 2), stamp);
        store<i32>(RULE_COUNT + (<usize>rule << 2), inField + 1);
        store<i32>(RULE_LAST + (<usize>rule << 2), hits);
        hits++;
      }
    }
  }
  store<i32>(RESULT, hits, R_HITS << 2);
  store<i32>(RESULT, near, R_NEAR << 2);
  store<i32>(RESULT, armedCount, R_ARMED << 2);
  store<i32>(RESULT, allowCount, R_ALLOW << 2);
  return full;
}
