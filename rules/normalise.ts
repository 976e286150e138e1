// Character folding with an exact map back to the original string.
//
// Everything is decided per UTF-16 code unit by table lookup, built once per process: the matcher
// must not call `normalize()`, regular expressions or opencc per character. The tables say, for
// each code unit, whether it is ignorable (zero-width, bidi controls, variation selectors,
// combining marks: removed without trace), a separator (space, punctuation, symbols, emoji:
// removed, but remembered as a gap between letters), a letter with a one-unit fold (NFKC,
// full-width → half-width, case folding, Latin diacritics stripped, confusables, traditional →
// simplified), or a letter whose fold is several units (⑩ → 10, ㎏ → kg).
import { CJK_RADICALS, CONFUSABLE_LOWER, CONFUSABLE_UPPER, GOODS_EMOJI, astralLetter } from './confusables';
import { t2sMap } from './t2s';

export const CLS_IGNORE = 0;
export const CLS_SEP = 1;
export const CLS_WORD = 2;
export const CLS_EXPAND = 3;
export const CLS_HIGH = 4;
export const CLS_LOW = 5;

/** KIND bits, describing the folded character. */
export const KIND_ALNUM = 1;
export const KIND_DIGIT = 2;

export interface FoldTables {
  /** Class of each UTF-16 code unit (CLS_*). */
  cls: Uint8Array;
  /** Folded unit for CLS_WORD units. */
  fold: Uint16Array;
  /** KIND_* bits of the folded unit. */
  kind: Uint8Array;
  /** Folded form of CLS_EXPAND units: letters and digits only, every unit a fixed point. */
  expand: Map<number, string>;
  /** Folded form of astral letters (mathematical alphanumerics, enclosed letters). */
  astral: Map<number, string>;
  /**
   * One-unit fold used for regular expressions: non-ASCII letters and digits fold as above
   * (full-width, traditional, circled), ignorables map to 0 (dropped), everything else is kept.
   */
  light: Uint16Array;
  buildMs: number;
}

// Hangul fillers render as blank space but are letters (Lo), so NFKC and \p{Cf} miss them.
const IGNORABLE_EXTRA = new Set([0x3164, 0x115f, 0x1160, 0xffa0]);

let tables: FoldTables | null = null;

const RE_INVISIBLE = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const RE_KEEP = /[\p{L}\p{N}]/u;

function isLatinish(code: number): boolean {
  return code < 0x0530 || (code >= 0x1e00 && code <= 0x1fff);
}

/** One code unit's fold as a string of letters/digits ('' when it is not a letter). */
function foldString(ch: string, t2s: Map<number, number>): string {
  let m = ch.normalize('NFKC');
  m = CJK_RADICALS[m] ?? m;
  const up = CONFUSABLE_UPPER[m];
  if (up) m = up;
  m = m.toLowerCase();
  let out = '';
  for (const part of m) {
    let p = part;
    const c0 = p.charCodeAt(0);
    if (isLatinish(c0)) p = p.normalize('NFD').replace(/\p{M}/gu, '');
    for (const q of p) {
      let r = CONFUSABLE_LOWER[q] ?? q;
      if (r === 'ß') r = 'ss';
      if (r.length === 1) {
        const t = t2s.get(r.charCodeAt(0));
        if (t !== undefined) r = String.fromCharCode(t);
      }
      if (RE_KEEP.test(r)) out += r;
    }
  }
  return out;
}

function kindOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return KIND_ALNUM | KIND_DIGIT;
  if (code >= 0x61 && code <= 0x7a) return KIND_ALNUM;
  return 0;
}

export function foldTables(): FoldTables {
  if (tables) return tables;
  const t0 = performance.now();
  const t2s = t2sMap().map;
  const cls = new Uint8Array(65536);
  const fold = new Uint16Array(65536);
  const kind = new Uint8Array(65536);
  const light = new Uint16Array(65536);
  const expandRaw = new Map<number, string>();
  for (let c = 0; c < 65536; c++) {
    light[c] = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      cls[c] = CLS_HIGH;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      cls[c] = CLS_LOW;
      continue;
    }
    // The unified ideograph blocks are NFKC-stable letters: only traditional → simplified applies.
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      cls[c] = CLS_WORD;
      fold[c] = t2s.get(c) ?? c;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (IGNORABLE_EXTRA.has(c) || RE_INVISIBLE.test(ch)) {
      cls[c] = CLS_IGNORE;
      light[c] = 0;
      continue;
    }
    const f = foldString(ch, t2s);
    if (f.length === 0) {
      cls[c] = CLS_SEP;
      const n = ch.normalize('NFKC');
      if (n.length === 1) light[c] = n.charCodeAt(0);
    } else if (f.length === 1) {
      cls[c] = CLS_WORD;
      fold[c] = f.charCodeAt(0);
    } else {
      cls[c] = CLS_EXPAND;
      expandRaw.set(c, f);
    }
  }
  // Chase chains (a fold target that itself folds further) so folding is idempotent.
  const resolve = (s: string, depth: number): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      const k = cls[u];
      if (k === CLS_WORD) {
        const f = fold[u];
        out += f === u || depth > 4 ? String.fromCharCode(f) : resolve(String.fromCharCode(f), depth + 1);
      } else if (k === CLS_EXPAND && depth <= 4) out += resolve(expandRaw.get(u) ?? '', depth + 1);
      else if (k === CLS_HIGH || k === CLS_LOW) out += s[i];
    }
    return out;
  };
  const expand = new Map<number, string>();
  for (let c = 0; c < 65536; c++) {
    if (cls[c] === CLS_WORD && fold[c] !== c) {
      const r = resolve(String.fromCharCode(fold[c]), 1);
      if (r.length === 1) fold[c] = r.charCodeAt(0);
      else if (r.length === 0) cls[c] = CLS_SEP;
      else {
        cls[c] = CLS_EXPAND;
        expand.set(c, r);
      }
    }
  }
  for (const [c, s] of expandRaw) {
    const r = resolve(s, 1);
    if (r.length === 0) cls[c] = CLS_SEP;
    else if (r.length === 1 && cls[r.charCodeAt(0)] === CLS_WORD) {
      cls[c] = CLS_WORD;
      fold[c] = r.charCodeAt(0);
    } else expand.set(c, r);
  }
  for (let c = 0; c < 65536; c++) {
    if (cls[c] === CLS_WORD) {
      kind[c] = kindOf(fold[c]);
      // ASCII letters keep their case and separators stay as they are: regexes run with the i flag
      // and write [:：], so ordinary simplified-Chinese text needs no folded copy at all.
      light[c] = c < 0x80 ? c : fold[c];
    } else if (cls[c] === CLS_SEP) light[c] = c;
  }
  const astral = new Map<number, string>();
  const addAstral = (cp: number): void => {
    const letter = astralLetter(cp);
    const s = letter ?? resolve(String.fromCodePoint(cp).normalize('NFKC'), 0);
    if (s.length && s !== String.fromCodePoint(cp)) astral.set(cp, s);
  };
  for (let cp = 0x1d400; cp <= 0x1d7ff; cp++) addAstral(cp);
  for (let cp = 0x1f100; cp <= 0x1f1ff; cp++) addAstral(cp);
  // Enclosed ideographs (🈲 禁, 🉐 得): emoji to look at, the character they enclose to NFKC.
  for (let cp = 0x1f200; cp <= 0x1f2ff; cp++) addAstral(cp);
  // Emoji written for goods or acts (出🔫, 🧊到货): confusables.ts GOODS_EMOJI.
  for (const cp of GOODS_EMOJI.keys()) addAstral(cp);
  tables = { cls, fold, kind, expand, astral, light, buildMs: performance.now() - t0 };
  return tables;
}

export const ASTRAL_IGNORE = 0;
export const ASTRAL_SEP = 1;
export const ASTRAL_RAW = 2;
export const ASTRAL_MAPPED = 3;

const INVISIBLE_ASTRAL = /^[\p{Cf}\p{Mn}\p{Me}]$/u;

/** How a supplementary-plane code point is treated (rare path: called once per astral char). */
export function astralClass(cp: number, t: FoldTables): number {
  if (t.astral.has(cp)) return ASTRAL_MAPPED;
  // Tags and the variation-selector supplement are invisible.
  if (cp >= 0xe0000 && cp <= 0xe0fff) return ASTRAL_IGNORE;
  // Other invisible format characters (U+1BCA0 shorthand overlap…) and combining marks, as in the BMP.
  if (INVISIBLE_ASTRAL.test(String.fromCodePoint(cp))) return ASTRAL_IGNORE;
  // Emoji, pictographs, mahjong/domino/playing cards, symbols and arrows.
  if ((cp >= 0x1f000 && cp <= 0x1fbff) || (cp >= 0x1d000 && cp <= 0x1d3ff)) return ASTRAL_SEP;
  return ASTRAL_RAW;
}

export interface Normalised {
  /** Folded letters and digits only; separators and ignorables removed. */
  text: string;
  /** For each unit of `text`, the UTF-16 span in the original it came from. */
  starts: number[];
  ends: number[];
  /** For each unit of `text`: a separator was removed right before it. */
  gapBefore: boolean[];
}

/**
 * Reference normaliser (not the hot path: the automaton scanner inlines the same logic). Terms
 * and allow phrases are compiled through it, so a term and the text it matches fold alike.
 */
export function normalise(input: string): Normalised {
  const t = foldTables();
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const gapBefore: boolean[] = [];
  let gap = false;
  const emit = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) {
      text += s[k];
      starts.push(start);
      ends.push(end);
      gapBefore.push(gap && text.length > 1);
      gap = false;
    }
  };
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const k = t.cls[c];
    if (k === CLS_WORD) emit(String.fromCharCode(t.fold[c]), i, i + 1);
    else if (k === CLS_SEP || k === CLS_LOW) gap = true;
    else if (k === CLS_EXPAND) emit(t.expand.get(c) ?? '', i, i + 1);
    else if (k === CLS_HIGH) {
      const d = i + 1 < input.length ? input.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) {
        gap = true;
        continue;
      }
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      const a = astralClass(cp, t);
      if (a === ASTRAL_SEP) gap = true;
      else if (a === ASTRAL_MAPPED) emit(t.astral.get(cp) ?? '', i, i + 2);
      else if (a === ASTRAL_RAW) emit(input.slice(i, i + 2), i, i + 2);
      i++;
    }
  }
  return { text, starts, ends, gapBefore };
}

/**
 * Just the folded text: the same walk as normalise() without the offset arrays, since every term
 * of every pack goes through it at build time (100,000 terms: the arrays were mostly garbage).
 */
export function normaliseText(input: string): string {
  const t = foldTables();
  let text = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const k = t.cls[c];
    if (k === CLS_WORD) text += String.fromCharCode(t.fold[c]);
    else if (k === CLS_EXPAND) text += t.expand.get(c) ?? '';
    else if (k === CLS_HIGH) {
      const d = i + 1 < input.length ? input.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) continue;
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      const a = astralClass(cp, t);
      if (a === ASTRAL_MAPPED) text += t.astral.get(cp) ?? '';
      else if (a === ASTRAL_RAW) text += input.slice(i, i + 2);
      i++;
    }
  }
  return text;
}

/**
 * normaliseText's walk, writing the folded units into `out` instead of building a string, and stopping when `out` is
 * full: for the learning on the screening path, which only reads the first units (rules/learning/features.ts).
 * Returns the number of units written; they equal the first units of normaliseText(input).
 */
export function normaliseInto(input: string, out: Uint16Array): number {
  const t = foldTables();
  const { cls, fold } = t;
  const cap = out.length;
  let n = 0;
  for (let i = 0; i < input.length && n < cap; i++) {
    const c = input.charCodeAt(i);
    const k = cls[c];
    if (k === CLS_WORD) out[n++] = fold[c];
    else if (k === CLS_EXPAND) n = putUnits(t.expand.get(c), out, n);
    else if (k === CLS_HIGH) {
      const d = i + 1 < input.length ? input.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) continue;
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      const a = astralClass(cp, t);
      if (a === ASTRAL_MAPPED) n = putUnits(t.astral.get(cp), out, n);
      else if (a === ASTRAL_RAW) {
        out[n++] = c;
        if (n < cap) out[n++] = d;
      }
      i++;
    }
  }
  return n;
}

function putUnits(s: string | undefined, out: Uint16Array, n: number): number {
  if (s === undefined) return n;
  for (let k = 0; k < s.length && n < out.length; k++) out[n++] = s.charCodeAt(k);
  return n;
}
