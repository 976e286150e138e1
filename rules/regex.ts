// Regular-expression rules: compile-time guardrails and the lightly folded text they run on.
import * as vm from 'node:vm';
import { CLS_IGNORE, CLS_SEP, foldTables } from './normalise';
import { MAX_GAP } from './automaton';

export const MAX_PATTERN_LENGTH = 2000;

/**
 * Static screen for the classic catastrophic shapes: a quantified group whose body is itself
 * unboundedly quantified ((a+)+, (\w+\s?)*), and backreferences. Not a proof of safety; the
 * timed probe below catches some of the rest.
 */
export function regexProblem(source: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed (they defeat linear-time matching)';
  // Stack of "group body contains an unbounded quantifier" flags.
  const stack: boolean[] = [false];
  let i = 0;
  // '?' (at most once) cannot make a group repeat, so (x+)? is harmless; {2,5} can.
  const quantAt = (j: number): 'unbounded' | 'bounded' | null => {
    const c = source[j];
    if (c === '*' || c === '+') return 'unbounded';
    if (c === '?') return null;
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return null;
      if (m[2] !== undefined && m[3] === '') return 'unbounded';
      const hi = m[3] !== undefined ? Number(m[3]) : Number(m[1]);
      return hi > 1 ? 'bounded' : null;
    }
    return null;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      i++;
      continue;
    }
    if (c === ')') {
      const inner = stack.length > 1 ? (stack.pop() ?? false) : false;
      i++;
      const q = quantAt(i);
      if (inner && q !== null) return 'nested quantifier (a quantified group containing + or *) can backtrack catastrophically';
      if (inner || q === 'unbounded') stack[stack.length - 1] = true;
      continue;
    }
    i++;
    if (quantAt(i) === 'unbounded') stack[stack.length - 1] = true;
  }
  return null;
}

const PROBES = ['a', '1', ' ', '加', 'a1', '-'].map((s) => s.repeat(600) + '\u0000!');

let probeContext: vm.Context | null = null;
const probeScript = new vm.Script('for (const p of probes) { re.lastIndex = 0; let n = 0; while (re.exec(p) && n++ < 100) {} }');

/** Runs the pattern over adversarial inputs in a VM with a time limit (a VM is interruptible). */
export function regexProbeFails(source: string): boolean {
  // Every reload re-validates every pack; a pattern that passed once passes again, and the probe
  // (a VM entry plus ~4,000 characters of matching) was a visible share of build time.
  if (probePassed.has(source)) return false;
  try {
    probeContext ??= vm.createContext({ re: null, probes: PROBES });
    probeContext.re = new RegExp(source, 'giu');
    // Generous: a loaded machine must not make a sound pattern look catastrophic (a refused pack stops start-up).
    probeScript.runInContext(probeContext, { timeout: 2000 });
    if (probePassed.size < 10_000) probePassed.add(source);
    return false;
  } catch {
    return true;
  }
}

const probePassed = new Set<string>();

export interface LightText {
  text: string;
  /** Original span of each unit of `text` (null when text is the original unchanged). */
  starts: Int32Array | null;
  ends: Int32Array | null;
}

let buf = new Uint16Array(1024);
let bStart = new Int32Array(1024);
let bEnd = new Int32Array(1024);
const decoder = new TextDecoder('utf-16le');

/**
 * Fold for regular expressions: non-ASCII letters and digits fold like the matcher (full-width
 * digits, traditional characters, circled letters), invisible characters are removed; ASCII case
 * and all separators are kept, so patterns (run with the i flag) still see word and number
 * boundaries. Most Chinese text comes back unchanged, without a copy.
 */
export function lightFold(s: string): LightText {
  const light = foldTables().light;
  const n = s.length;
  let first = 0;
  while (first < n && light[s.charCodeAt(first)] === s.charCodeAt(first)) first++;
  if (first === n) return { text: s, starts: null, ends: null };
  if (bStart.length < n) {
    buf = new Uint16Array(n * 2);
    bStart = new Int32Array(n * 2);
    bEnd = new Int32Array(n * 2);
  }
  // The text is built from the unchanged runs between the units the fold changes (a handful in a
  // field of traditional or full-width characters): slices, not a copy of every unit and a decode.
  let text = '';
  let run = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // With surrogates, the text is what decoding the folded units as UTF-16 gives (lone ones read
    // as U+FFFD, and two that removed invisibles brought together as a pair): done as it always was.
    if (c >= 0xd800 && c <= 0xdfff) return decodedFold(s, light);
    if (i >= first) {
      const f = light[c];
      if (f !== c) {
        text += s.slice(run, i);
        run = i + 1;
        if (f === 0 && c !== 0) continue;
        text += String.fromCharCode(f);
      }
    }
    bStart[k] = i;
    bEnd[k] = i + 1;
    k++;
  }
  text += s.slice(run);
  // Views into reused buffers: valid until the next call, which is all screen() needs.
  return { text, starts: bStart.subarray(0, k), ends: bEnd.subarray(0, k) };
}

/** lightFold of a text the fold changes and that has surrogates: every unit copied, then decoded. */
function decodedFold(s: string, light: Uint16Array): LightText {
  const n = s.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const f = light[c];
    if (f === 0 && c !== 0) continue;
    buf[k] = f;
    bStart[k] = i;
    bEnd[k] = i + 1;
    // Keep surrogate pairs as one span, so no hit can end between the halves.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bEnd[k] = i + 2;
        k++;
        buf[k] = d;
        bStart[k] = i;
        bEnd[k] = i + 2;
        i++;
      }
    }
    k++;
  }
  const text = decoder.decode(buf.subarray(0, k));
  return { text, starts: bStart.subarray(0, k), ends: bEnd.subarray(0, k) };
}

/**
 * A prefilter for one regex: a match on the light fold implies that the fully folded field
 * contains one of `folded` (found by the keyword automaton, which scans every field anyway) or
 * that the original field contains one of `chars` (separators, invisible to the automaton).
 */
export interface RegexTriggers {
  folded: string[];
  chars: string[];
  /**
   * Separator sets that every match needs too, one character of each (v[:：]id needs a colon
   * besides its v): the regex runs only when the field also has them.
   */
  also: string[][];
}

/** Triggers beyond this many cost more to track than the regex they would skip. */
const MAX_TRIGGERS = 48;

type Req = RegexTriggers | null;

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'p', 'P', 'u', 'x', 'c', 'k', '0', 'f', 'n', 'r', 't', 'v']);

/** One BMP character that the keyword automaton skips as a separator (the scan marks these). */
function isSeparator(ch: string): boolean {
  return ch.length === 1 && foldTables().cls[ch.charCodeAt(0)] === CLS_SEP;
}

/** A BMP character the keyword automaton steps over: a separator, or an ignorable it drops. */
function isSkipped(ch: string): boolean {
  if (ch.length !== 1) return false;
  const k = foldTables().cls[ch.charCodeAt(0)];
  return k === CLS_SEP || k === CLS_IGNORE;
}

/** What `\s` matches (ECMAScript's white space and line terminators). */
const WHITE_SPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
let whiteSpaceSkipped: boolean | undefined;

/** Whether the automaton steps over every character `\s` matches (checked once, on the fold table). */
function whiteSpaceIsSkipped(): boolean {
  whiteSpaceSkipped ??= [...WHITE_SPACE].every(isSkipped);
  return whiteSpaceSkipped;
}

function literalReq(lit: string, fold: (s: string) => string): Req {
  const f = fold(lit);
  if (f.length > 0) return { folded: [f], chars: [], also: [] };
  // Letters could fold away only through invisibles; use a separator the automaton cannot see.
  for (const ch of lit) if (isSeparator(ch)) return { folded: [], chars: [ch], also: [] };
  return null;
}

/**
 * The characters a class can match, listed one by one ([:：], [ ._\s]), with whether it also
 * matches `\s`; null for negation, ranges and any other escape.
 */
function classChars(cls: string): { chars: string[]; whiteSpace: boolean } | null {
  const body = cls.slice(1, -1);
  if (!cls.endsWith(']') || body.length === 0 || body[0] === '^') return null;
  const chars: string[] = [];
  let whiteSpace = false;
  for (let k = 0; k < body.length; k++) {
    let ch = body[k];
    if (ch === '\\') {
      ch = body[k + 1] ?? '';
      k++;
      if (ch === 's') {
        whiteSpace = true;
        continue;
      }
      if (/[0-9A-Za-z]/.test(ch)) return null;
    } else if (ch === '-' && k > 0 && k < body.length - 1) return null;
    chars.push(ch);
  }
  return { chars, whiteSpace };
}

/**
 * A character class of separators only ([:：]), as a requirement of one of them; anything else
 * (ranges, escapes for classes, negation, letters) is no requirement.
 */
function separatorClass(cls: string): Req {
  const c = classChars(cls);
  if (c === null || c.whiteSpace || !c.chars.every(isSeparator)) return null;
  return { folded: [], chars: c.chars, also: [] };
}

/** Whether every character a class can match is one the automaton steps over ([ ._\s]). */
function skippedClass(cls: string): boolean {
  const c = classChars(cls);
  return c !== null && (!c.whiteSpace || whiteSpaceIsSkipped()) && c.chars.every(isSkipped);
}

/**
 * How good a prefilter is: longer folded literals are rarer; bare separators are a last resort.
 * A very common character counts as half a character, so (?:你|他|她) or (?:这个|那个) is not
 * preferred to the weapon or the verb of the same pattern: every trigger occurrence arms the regex
 * and opens a window for it, and 你 is in most fields. Any required factor is a sound prefilter;
 * this only picks the one that lets the regex run least often.
 */
function reqScore(r: RegexTriggers): number {
  if (r.folded.length === 0) return 1;
  let min = Infinity;
  for (const f of r.folded) min = Math.min(min, literalWeight(f));
  return 10 + Math.min(min, 8) * 10 - (r.folded.length + r.chars.length) / 10;
}

/** The alternatives of a group body made of plain literals only (你|他|她), or null. */
function plainAlternatives(body: string): string[] | null {
  if (!/^[^\\()[\]{}*+?.^$|]+(?:\|[^\\()[\]{}*+?.^$|]+)*$/u.test(body)) return null;
  const alts = body.split('|');
  return alts.length <= MAX_CROSS ? alts : null;
}

/** Each alternative joined to a run (after it when `altsFirst`, else before it), as one requirement. */
function crossReq(alts: string[], run: string, altsFirst: boolean, fold: (s: string) => string): Req {
  const folded = new Set<string>();
  for (const a of alts) {
    const f = fold(altsFirst ? a + run : run + a);
    if (f.length === 0) return null;
    folded.add(f);
  }
  return { folded: [...folded], chars: [], also: [] };
}

const MAX_CROSS = 16;

/** A folded literal's length, a very common character counting half. */
function literalWeight(f: string): number {
  let w = 0;
  for (const ch of f) w += COMMON_CHARACTERS.has(ch) ? 0.5 : 1;
  return w;
}

/** Characters found in most Chinese fields: pronouns, particles, the commonest verbs and measure words. */
const COMMON_CHARACTERS: ReadonlySet<string> = new Set(
  '的一是不了在人有我他她它你们这那个来去到上下里就也都要会和说大小给把被让好看出还没很得着过对能可点吧啊吗呢么什怎样些为时家天想多后自己道知开以中地用带拿提',
);

/**
 * Where an escape ends, given its letter `e` and `i` just past it: past the braces of \p{…}, \P{…}, \u{…} (and
 * \k{, never valid, read the same way), the four digits of \uXXXX, the two of \xXX, the letter of \cX; else `i`.
 */
function escapeEnd(source: string, e: string, i: number): number {
  if ((e === 'p' || e === 'P' || e === 'u' || e === 'k') && source[i] === '{') {
    const close = source.indexOf('}', i);
    return close < 0 ? source.length : close + 1;
  }
  if (e === 'u') return i + 4;
  if (e === 'x') return i + 2;
  if (e === 'c') return i + 1;
  return i;
}

/**
 * What follows a group's `(`: `?:`, a lookaround (`?=` `?!` `?<=` `?<!`), a named group (`?<name>`) or nothing.
 * Returns where the group's body starts, whether it is a lookaround, and whether the prefix was one of these.
 */
function groupOpening(source: string, i: number): { next: number; look: boolean; named: boolean; known: boolean } {
  if (source[i] !== '?') return { next: i, look: false, named: false, known: true };
  const a = source[i + 1];
  if (a === ':') return { next: i + 2, look: false, named: false, known: true };
  if (a === '=' || a === '!') return { next: i + 2, look: true, named: false, known: true };
  if (a === '<' && (source[i + 2] === '=' || source[i + 2] === '!')) return { next: i + 3, look: true, named: false, known: true };
  if (a === '<') {
    const close = source.indexOf('>', i);
    return { next: close < 0 ? source.length : close + 1, look: false, named: true, known: true };
  }
  return { next: i, look: false, named: false, known: false };
}

/**
 * Derives a prefilter from a pattern's literals (the idea of RE2's prefilter, for the subset of
 * syntax the packs use): a concatenation needs its best required factor, an alternation needs one
 * of each branch's, a group with a zero minimum needs nothing. Returns null when some match could
 * avoid every literal (then the regex always runs). Sound by construction: anything not
 * understood counts as "no requirement".
 */
export function regexTriggers(source: string, fold: (s: string) => string): RegexTriggers | null {
  let i = 0;
  const n = source.length;
  const quant = (): { min: number; max: number } | null => {
    const c = source[i];
    let q: { min: number; max: number } | null = null;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i));
      if (m) {
        i += m[0].length - 1;
        q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity };
      }
    }
    if (q === null) return null;
    i++;
    if (source[i] === '?') i++;
    return q;
  };
  const alternation = (): Req => {
    const branches: Req[] = [concat()];
    while (source[i] === '|') {
      i++;
      branches.push(concat());
    }
    if (branches.some((b) => b === null)) return null;
    const folded = new Set<string>();
    const chars = new Set<string>();
    for (const b of branches as RegexTriggers[]) {
      b.folded.forEach((x) => folded.add(x));
      b.chars.forEach((x) => chars.add(x));
    }
    if (folded.size + chars.size > MAX_TRIGGERS) return null;
    // A separator set is needed by the alternation only if every branch needs it.
    const key = (g: string[]): string => [...g].sort().join('');
    const also = (branches as RegexTriggers[])[0].also.filter((g) => (branches as RegexTriggers[]).every((b) => b.also.some((h) => key(h) === key(g))));
    return { folded: [...folded], chars: [...chars], also };
  };
  const concat = (): Req => {
    let best: Req = null;
    let run = '';
    // Separator sets this concatenation needs, whatever its best requirement is.
    const also: string[][] = [];
    const consider = (r: Req): void => {
      if (r === null) return;
      if (r.folded.length === 0 && r.chars.length > 0) also.push(r.chars);
      for (const g of r.also) also.push(g);
      if (best === null || reqScore(r) > reqScore(best)) best = r;
    };
    // At most how many characters the scan must step over at the end of the run (it restarts
    // after MAX_GAP of them): separators in the run itself and the bounded runs bridged below.
    let gap = 0;
    // The alternatives of a group of plain literals just before the run, if nothing came between
    // (把(?:你|他|她) and (?:砍|捅|杀)了 then also need 把你|把他|把她 and 砍了|捅了|杀了, rarer than 把 or 你).
    let before: string[] | null = null;
    let after: string[] | null = null;
    const endRun = (): void => {
      if (run) {
        consider(literalReq(run, fold));
        if (before !== null) consider(crossReq(before, run, true, fold));
        // Its separators are needed too (the '.' of "\.com", the ':' and '/' of "://").
        for (const ch of run) if (isSeparator(ch) && !also.some((g) => g.length === 1 && g[0] === ch)) also.push([ch]);
      }
      run = '';
      gap = 0;
      before = null;
    };
    while (i < n && source[i] !== '|' && source[i] !== ')') {
      const c = source[i];
      let atom: Req = null;
      let lit: string | null = null;
      let plain: string[] | null = null;
      let zeroWidth = false;
      // Characters the automaton steps over, which a literal run may span (微\s{0,3}信 needs 微信).
      let skipped = false;
      if (c === '(') {
        i++;
        const opening = groupOpening(source, i);
        i = opening.next;
        const look = opening.look;
        const body = i;
        const inner = alternation();
        if (!look && source[i] === ')') plain = plainAlternatives(source.slice(body, i));
        if (source[i] === ')') i++;
        atom = look ? null : inner;
        zeroWidth = look;
      } else if (c === '[') {
        const from = i;
        i++;
        if (source[i] === '^') i++;
        if (source[i] === ']') i++;
        while (i < n && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        atom = separatorClass(source.slice(from, i));
        skipped = skippedClass(source.slice(from, i));
      } else if (c === '\\') {
        const e = source[i + 1] ?? '';
        if (CLASS_ESCAPES.has(e) || /[0-9A-Za-z]/.test(e)) {
          zeroWidth = e === 'b' || e === 'B';
          skipped = e === 's' && whiteSpaceIsSkipped();
          i = escapeEnd(source, e, i + 2);
        } else {
          lit = e;
          i += 2;
        }
      } else if (c === '^' || c === '$') {
        zeroWidth = true;
        i++;
      } else if (c === '.') {
        i++;
      } else {
        const cp = source.codePointAt(i) ?? 0;
        lit = String.fromCodePoint(cp);
        i += lit.length;
      }
      const q = zeroWidth ? null : quant();
      if (zeroWidth) continue;
      // The automaton matches a literal across up to MAX_GAP separators (a trigger has no whole-
      // word check), so a bounded run of them does not end the literal; what it needs still counts.
      const widest = q === null ? 1 : q.max;
      if (skipped && run !== '' && gap + widest <= MAX_GAP) {
        gap += widest;
        if (q === null || q.min >= 1) consider(atom);
        continue;
      }
      if (lit !== null && q === null) {
        if (run === '') before = after;
        after = null;
        run += lit;
        // An astral literal counts as a possible separator (emoji are); anything else restarts the count.
        gap = lit.length === 1 && !isSkipped(lit) ? 0 : gap + 1;
        continue;
      }
      if (lit !== null && q !== null && q.min >= 1) {
        // a+ still puts one a right after the run: "ab+" always contains "ab".
        if (run === '') before = after;
        after = null;
        run += lit;
        endRun();
        continue;
      }
      if (plain !== null && q === null && run !== '') consider(crossReq(plain, run, false, fold));
      endRun();
      if (q === null || q.min >= 1) consider(atom);
      after = plain !== null && q === null ? plain : null;
    }
    endRun();
    if (best === null) return null;
    const chosen: RegexTriggers = best;
    return { folded: chosen.folded, chars: chosen.chars, also };
  };
  const r = alternation();
  if (i < n || r === null) return null;
  if (r.folded.length === 0 && r.chars.length === 0) return null;
  return r;
}

/**
 * Prefilters per top-level branch (a|b|c): the regex matches only if one branch does, so it needs
 * to run only when one branch's triggers (and the separators that branch needs) are all there —
 * `rm -rf /` needs its dashes and slash, the fork bomb its brackets, not just "a colon somewhere".
 * A pattern without top-level branches gives one clause; null as for regexTriggers.
 */
export function regexClauses(source: string, fold: (s: string) => string): RegexTriggers[] | null {
  const branches = topLevelBranches(source);
  if (branches.length > 1) {
    const clauses = branches.map((b) => regexTriggers(b, fold));
    if (clauses.every((c): c is RegexTriggers => c !== null)) return clauses;
  }
  const whole = regexTriggers(source, fold);
  return whole === null ? null : [whole];
}

/** The pattern split at its top-level `|` (outside groups, classes and escapes). */
function topLevelBranches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * How far a regex can read around the position where a match starts, in UTF-16 units: `len`
 * bounds what any path of the match consumes, `around` what its lookarounds (and `\b`) read
 * beyond that, either way. `len` and `around` hold when the text has no surrogate pairs (every
 * class, `.` and escape reads one unit); `wideLen` and `wideAround` hold for any text (those
 * read up to two). Null when a match can be arbitrarily long (`*`, `+`, `{n,}`), or, unless
 * `anchors` is set, depends on where the text starts or ends (`^`, `$`).
 *
 * With these bounds a regex can run on a window of the field instead of all of it: the match
 * at a position depends only on the text from `around` before it to `len + around` after it
 * (see CompiledFilter.runWindows), and, when the pattern has `^` (`$`), on whether the text
 * starts (ends) at one of those positions.
 */
export interface RegexExtent {
  len: number;
  around: number;
  wideLen: number;
  wideAround: number;
  /** With `anchors`: the pattern has `^` (no m flag: the start of the text) / `$` (its end). */
  start?: boolean;
  end?: boolean;
}

export function regexExtent(source: string, anchors = false): RegexExtent | null {
  let i = 0;
  const n = source.length;
  // Widest lookaround seen anywhere (nested ones included), narrow and wide.
  let around = 0;
  let wideAround = 0;
  let bounded = true;
  let start = false;
  let end = false;
  /** Max (narrow, wide) length of an alternation up to `)` or the end. */
  const alternation = (): [number, number] => {
    let best: [number, number] = [0, 0];
    for (;;) {
      const c = concat();
      best = [Math.max(best[0], c[0]), Math.max(best[1], c[1])];
      if (source[i] !== '|') return best;
      i++;
    }
  };
  const concat = (): [number, number] => {
    let len = 0;
    let wide = 0;
    while (i < n && source[i] !== '|' && source[i] !== ')') {
      let atom: [number, number];
      let look = false;
      const c = source[i];
      if (c === '(') {
        i++;
        const opening = groupOpening(source, i);
        i = opening.next;
        look = opening.look;
        if (!opening.known) bounded = false;
        const outer = [around, wideAround];
        around = 0;
        wideAround = 0;
        atom = alternation();
        if (source[i] === ')') i++;
        else bounded = false;
        // What a group's own lookarounds read adds to what an enclosing lookaround reads.
        const innerAround = around;
        const innerWide = wideAround;
        around = Math.max(outer[0], innerAround);
        wideAround = Math.max(outer[1], innerWide);
        if (look) {
          around = Math.max(around, atom[0] + innerAround);
          wideAround = Math.max(wideAround, atom[1] + innerWide);
          atom = [0, 0];
        }
      } else if (c === '[') {
        i++;
        if (source[i] === '^') i++;
        if (source[i] === ']') i++;
        while (i < n && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        atom = [1, 2];
      } else if (c === '\\') {
        const e = source[i + 1] ?? '';
        i += 2;
        if (e === 'b' || e === 'B') {
          around = Math.max(around, 1);
          wideAround = Math.max(wideAround, 2);
          continue;
        }
        const end = escapeEnd(source, e, i);
        // A backreference (\k<name>, \1) matches as much as its group did: no bound known here.
        if (end === i && (e === 'k' || /[1-9]/.test(e))) bounded = false;
        i = end;
        atom = [1, 2];
      } else if (c === '^' || c === '$') {
        // Zero-width: reads no unit, only whether the text starts or ends here.
        if (!anchors) bounded = false;
        else if (c === '^') start = true;
        else end = true;
        i++;
        continue;
      } else if (c === '.') {
        i++;
        atom = [1, 2];
      } else {
        const cp = source.codePointAt(i) ?? 0;
        const units = cp > 0xffff ? 2 : 1;
        i += units;
        atom = [units, units];
      }
      // Quantifier.
      let max = 1;
      const q = source[i];
      if (q === '*' || q === '+') {
        bounded = false;
        i++;
      } else if (q === '?') {
        i++;
      } else if (q === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i));
        if (m) {
          i += m[0].length;
          if (m[2] !== undefined && m[3] === '') bounded = false;
          max = m[2] === undefined ? Number(m[1]) : Number(m[3]);
        }
      }
      if (max !== 1 && source[i] === '?') i++;
      else if (max === 1 && (q === '?' || q === '*' || q === '+') && source[i] === '?') i++;
      len += atom[0] * max;
      wide += atom[1] * max;
    }
    return [len, wide];
  };
  const [len, wide] = alternation();
  if (!bounded || i < n) return null;
  return anchors ? { len, around, wideLen: wide, wideAround, start, end } : { len, around, wideLen: wide, wideAround };
}

/**
 * The code units a match can start with, when they are few and plain: every way into the pattern
 * begins with a literal character that has no case variants (Han characters; lookarounds are
 * stepped over, optional atoms add what follows them). Null otherwise (a class, an escape, `.`, a
 * cased letter, an astral character, or a pattern that can match the empty string). A window of the
 * text without any of these units holds no start of a match, and the regex need not run there.
 */
export function regexFirstUnits(source: string): number[] | null {
  let i = 0;
  const n = source.length;
  let ok = true;
  // Han characters have no case variants, under the i flag or any other (nothing folds to them).
  const caseless = (u: number): boolean => (u >= 0x3400 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff);
  /** First units of an alternation up to `)` (null: any unit), and whether it can match the empty string. */
  type First = { first: Set<number> | null; empty: boolean };
  const alternation = (): First => {
    let first: Set<number> | null = new Set<number>();
    let empty = false;
    for (;;) {
      const c = concat();
      if (c.first === null || first === null) first = null;
      else for (const u of c.first) first.add(u);
      if (c.empty) empty = true;
      if (source[i] !== '|') return { first, empty };
      i++;
    }
  };
  /** Skips the quantifier at i; returns its minimum (1 without one). */
  const quantMin = (): number => {
    const q = source[i];
    let min = 1;
    if (q === '*' || q === '?') {
      min = 0;
      i++;
    } else if (q === '+') i++;
    else if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
      if (!m) return 1;
      i += m[0].length;
      min = Number(m[1]);
    } else return 1;
    if (source[i] === '?') i++;
    return min;
  };
  const concat = (): First => {
    let first: Set<number> | null = new Set<number>();
    // Still looking for the first consuming atom (the ones before it may all match nothing).
    let open = true;
    while (i < n && source[i] !== '|' && source[i] !== ')') {
      const c = source[i];
      let atom: First;
      if (c === '(') {
        i++;
        const opening = groupOpening(source, i);
        const look = opening.look;
        // Named groups are not read here: the pattern gets no first-unit gate.
        if (!opening.known || opening.named) ok = false;
        else i = opening.next;
        atom = alternation();
        if (source[i] === ')') i++;
        else ok = false;
        // Lookarounds consume nothing: the match starts with what follows them.
        if (look) continue;
      } else if (c === '^' || c === '$') {
        i++;
        continue;
      } else if (c === '\\' && (source[i + 1] === 'b' || source[i + 1] === 'B')) {
        i += 2;
        continue;
      } else if (c === '[' || c === '\\' || c === '.') {
        if (c === '[') {
          i++;
          if (source[i] === '^') i++;
          if (source[i] === ']') i++;
          while (i < n && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
          i++;
        } else if (c === '\\') {
          const e = source[i + 1] ?? '';
          i = escapeEnd(source, e, i + 2);
        } else i++;
        atom = { first: null, empty: false };
      } else {
        const cp = source.codePointAt(i) ?? 0;
        i += cp > 0xffff ? 2 : 1;
        atom = { first: caseless(cp) ? new Set([cp]) : null, empty: false };
      }
      const min = quantMin();
      if (!open) continue;
      if (atom.first === null || first === null) first = null;
      else for (const u of atom.first) first.add(u);
      if (min > 0 && !atom.empty) open = false;
    }
    return { first, empty: open };
  };
  const r = alternation();
  if (!ok || i < n || r.empty || r.first === null || r.first.size === 0) return null;
  return [...r.first];
}
