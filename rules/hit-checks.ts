// Conditions checked on a hit after the scan (rules/README.md, "Conditions on hits"): word
// boundaries, context and except phrases, and warning/news framing. They run only when a rule
// that has them hits, which is rare, so the scan loop stays as it is.
import type { Framing, HitConditions, Rule } from './packs';
import { lightFold, type LightText } from './regex';

/** Splits text into words; the pieces, joined, give back the text. */
export type Cutter = (text: string) => string[];

/** Characters either side of a hit that the word segmenter sees. */
const SEGMENT_CONTEXT = 8;

interface RuleConditions {
  boundary: boolean;
  /** Context/except phrases as one alternation each (on the light fold), or null. */
  context: RegExp | null;
  except: RegExp | null;
  window: number;
  /** Whether no context or except phrase holds a separator (then only the stripped window is searched). */
  plain: boolean;
  /** The first two units of the context and except phrases (phraseCues), or null: always search. */
  cues: { context: CueSet | null; except: CueSet | null } | null;
}

/**
 * What a window must hold for one of a set of phrases to be in it: for a phrase beginning with two
 * ideographs, that pair side by side once separators are taken out (a bit of `pairs`, hashed); for
 * one beginning with an ideograph and then something else, or of one ideograph, that ideograph (a
 * bit of `singles`); for one beginning with anything else, any unit that is neither an ideograph nor
 * a separator (`loose`). Ideographs have no case variants and are not separators, so the regexes'
 * `i` flag and the separator stripping change nothing in them.
 */
interface CueSet {
  /** Pair bits (PAIR_WORDS words), then single bits (SINGLE_MASK + 1 bits). */
  bits: Uint32Array;
  loose: boolean;
}

const PAIR_SHIFT = 18;
const PAIR_WORDS = 1 << (32 - PAIR_SHIFT - 5);
const SINGLE_MASK = 4095;

export class HitChecks {
  /** Per rule, its conditions, or null (no check: nearly every rule). */
  private readonly conditions: Array<RuleConditions | null>;
  /** Per rule: whether it is a topic rule that warning/news framing may lower. */
  readonly topic: Uint8Array;
  /**
   * Framing cue groups of all loaded packs: their cues as one alternation (a regex over a short
   * window costs a quarter of normalising it), and their window.
   */
  private readonly framing: Array<{ cues: RegExp; window: number }>;
  private readonly cutter: () => Cutter;
  private cut: Cutter | null = null;

  /**
   * `cutter` is called once, when a boundary rule first needs it (jieba's dictionary costs about
   * 0.2 s to load; CompiledFilter loads it at build time when a rule has `boundary: word`).
   */
  constructor(rules: readonly Rule[], framing: readonly Framing[], cutter: () => Cutter) {
    this.conditions = rules.map((r) => (r.kind === 'terms' || r.kind === 'pattern' ? compileConditions(r) : null));
    this.topic = Uint8Array.from(rules, (r) => ((r.kind === 'terms' || r.kind === 'pattern') && r.topic && framing.length > 0 ? 1 : 0));
    this.framing = framing.map((f) => ({ cues: anyOf(f.cues) as RegExp, window: f.window }));
    this.cutter = cutter;
  }

  /** Whether any rule has a boundary, context or except condition. */
  get any(): boolean {
    return this.conditions.some((c) => c !== null);
  }

  get anyTopic(): boolean {
    return this.topic.includes(1);
  }

  get needsCutter(): boolean {
    return this.conditions.some((c) => c?.boundary === true);
  }

  /** Whether rule `rule` has conditions to check on its hits. */
  has(rule: number): boolean {
    return this.conditions[rule] !== null;
  }

  /**
   * Whether a hit of `rule` at [start, end) of `s` meets the rule's conditions. `selfFolded`: the scan
   * found nothing in `s` that the light fold changes, so a window of it is its own light fold.
   */
  keep(rule: number, s: string, start: number, end: number, selfFolded = false): boolean {
    const c = this.conditions[rule];
    if (c === null) return true;
    // The phrases first: a regex test on a short window, where the segmenter costs ≈ 40 µs a cut.
    // The conditions are all required and have no side effects, so their order changes nothing.
    if ((c.context !== null || c.except !== null) && !this.phrasesPass(c, s, start, end, selfFolded)) return false;
    return !c.boundary || this.onWordBoundaries(s, start, end, selfFolded);
  }

  /** The context and except conditions of a hit at [start, end) of `s`. */
  private phrasesPass(c: RuleConditions, s: string, start: number, end: number, selfFolded: boolean): boolean {
    const from = Math.max(0, start - c.window);
    const to = Math.min(s.length, end + c.window);
    let exceptMaybe = true;
    // Most checked hits have no context phrase near them (a structural rule's common term, such as
    // 枪 or 冰, in ordinary talk): the phrases' first units, looked up in the window as it is, say
    // so without a copy, a fold, a strip or a regex.
    if (selfFolded && c.cues !== null) {
      if (c.cues.context !== null && mayHold(s, from, to, c.cues.context) === 0) return false;
      if (c.cues.except !== null && mayHold(s, from, to, c.cues.except) === 0) {
        if (c.context === null) return true;
        exceptMaybe = false;
      }
    }
    const window = s.slice(from, to);
    const near = selfFolded ? window : lightFold(window).text;
    // Phrases are also looked for with the separators taken out (私 聊, 加-v, 警 方), as the keyword
    // scan reads terms. When no phrase holds a separator, a phrase found in the window is found in
    // the stripped window too (its characters are not separators, nor case variants of one), so the
    // stripped window alone is searched: one test instead of two.
    const bare = stripSeparators(near);
    // Context before except: when context is missing, except need not be looked at.
    if (c.plain) return (c.context === null || c.context.test(bare)) && (c.except === null || !exceptMaybe || !c.except.test(bare));
    if (c.context !== null && !c.context.test(near) && (bare === near || !c.context.test(bare))) return false;
    return c.except === null || !(c.except.test(near) || (bare !== near && c.except.test(bare)));
  }

  /**
   * Whether a hit at [start, end) of `s` lies inside warning, news or prevention framing.
   */
  framed(s: string, start: number, end: number): boolean {
    // The hit itself is left out: a name that contains a cue word (东突厥斯坦新闻信息中心) frames nothing.
    for (const f of this.framing) {
      if (f.cues.test(lightFold(s.slice(Math.max(0, start - f.window), start)).text)) return true;
      if (f.cues.test(lightFold(s.slice(end, Math.min(s.length, end + f.window))).text)) return true;
    }
    return false;
  }

  /**
   * Whether [start, end) starts and ends between two words, segmenting a few characters either
   * side. Traditional characters, full-width forms and invisibles are folded first (lightFold keeps
   * the offsets), so 藍色圖片 is cut like 蓝色图片.
   */
  onWordBoundaries(s: string, start: number, end: number, selfFolded = false): boolean {
    let from = Math.max(0, start - SEGMENT_CONTEXT);
    let to = Math.min(s.length, end + SEGMENT_CONTEXT);
    if (from > 0 && isLow(s.charCodeAt(from))) from--;
    if (to < s.length && isLow(s.charCodeAt(to))) to++;
    const light: LightText = selfFolded ? { text: s.slice(from, to), starts: null, ends: null } : lightFold(s.slice(from, to));
    const words = (this.cut ??= this.cutter())(light.text);
    // The segmenter works on UTF-8: if the pieces do not add up (lone surrogates), keep the hit.
    if (words.join('') !== light.text) return true;
    // A boundary between pieces is a range of the original: invisibles removed by the fold may
    // lie between the two words, and a hit's end takes trailing marks along.
    const n = light.text.length;
    const before = (i: number): number => from + (light.ends ? light.ends[i - 1] : i);
    const after = (i: number): number => from + (light.starts ? light.starts[i] : i);
    let startOk = false;
    let endOk = false;
    const boundary = (lo: number, hi: number): void => {
      if (lo <= start && start <= hi) startOk = true;
      if (lo <= end && end <= hi) endOk = true;
    };
    if (from === 0) boundary(0, n ? after(0) : to);
    if (to === s.length) boundary(n ? before(n) : from, to);
    let at = 0;
    for (const w of words) {
      at += w.length;
      if (at > 0 && at < n) boundary(before(at), after(at));
    }
    return startOk && endOk;
  }
}

function compileConditions(r: HitConditions): RuleConditions | null {
  if (!r.boundary && r.context.length === 0 && r.except.length === 0) return null;
  const plain = [...r.context, ...r.except].every((p) => stripSeparators(lightFold(p).text) === lightFold(p).text);
  bmpSeparators ??= separatorTable();
  const context = r.context.length ? phraseCues(r.context) : null;
  const except = r.except.length ? phraseCues(r.except) : null;
  // Only where the stripped window alone is searched, and every phrase set could be summed up.
  const cues = plain && hanClear && (context !== null || r.context.length === 0) && (except !== null || r.except.length === 0) ? { context, except } : null;
  return { boundary: r.boundary, context: anyOf(r.context), except: anyOf(r.except), window: r.contextWindow, plain, cues };
}

const isIdeograph = (u: number): boolean => u >= 0x4e00 && u <= 0x9fff;
const pairBit = (a: number, b: number): number => Math.imul(a ^ (b << 16), 0x9e3779b1) >>> PAIR_SHIFT;

/** CueSet of phrases as the regexes see them (light fold), or null when one is empty (it matches anywhere). */
function phraseCues(phrases: readonly string[]): CueSet | null {
  const set: CueSet = { bits: new Uint32Array(PAIR_WORDS + ((SINGLE_MASK + 1) >> 5)), loose: false };
  for (const phrase of phrases) {
    const f = lightFold(phrase).text;
    if (f.length === 0) return null;
    const a = f.charCodeAt(0);
    if (!isIdeograph(a)) set.loose = true;
    else if (f.length > 1 && isIdeograph(f.charCodeAt(1))) {
      const h = pairBit(a, f.charCodeAt(1));
      set.bits[h >>> 5] |= 1 << (h & 31);
    } else set.bits[PAIR_WORDS + ((a & SINGLE_MASK) >>> 5)] |= 1 << (a & 31);
  }
  return set;
}

/**
 * Whether a phrase of `set` may occur in s[from, to) once its separators are taken out: 1 (or a
 * hash collision), 0, or -1 when the window has surrogates (an astral separator taken out joins
 * its neighbours; not worth following here). Needs `s` to be its own light fold, and hanClear.
 */
function mayHold(s: string, from: number, to: number, set: CueSet): number {
  const table = (bmpSeparators ??= separatorTable());
  const bits = set.bits;
  let prev = -1;
  for (let i = from; i < to; i++) {
    const u = s.charCodeAt(i);
    if (isIdeograph(u)) {
      if ((bits[PAIR_WORDS + ((u & SINGLE_MASK) >>> 5)] & (1 << (u & 31))) !== 0) return 1;
      if (prev >= 0) {
        const h = pairBit(prev, u);
        if ((bits[h >>> 5] & (1 << (h & 31))) !== 0) return 1;
      }
      prev = u;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) return -1;
    // A separator is taken out: the units either side of it become neighbours.
    if (table[u] !== 0) continue;
    if (set.loose) return 1;
    prev = -1;
  }
  return 0;
}

/**
 * One regex for a list of phrases, matched on the light fold of a window (traditional, full-width
 * and invisibles folded, separators kept, ASCII case ignored): a quarter of the cost of normalising
 * the window and searching it phrase by phrase.
 */
function anyOf(phrases: readonly string[]): RegExp | null {
  if (phrases.length === 0) return null;
  return new RegExp(phrases.map((p) => escapeRegExp(lightFold(p).text)).join('|'), 'iu');
}

/** What the light fold keeps and the keyword scan skips: spaces, punctuation, symbols and emoji. */
const SEPARATOR = /^[\s\p{P}\p{S}\p{Extended_Pictographic}]$/u;
let bmpSeparators: Uint8Array | null = null;
/**
 * No unit of the main ideograph block is a separator (checked when the table is made), so Chinese
 * text needs no load from the 64 KB table, which a check would otherwise bring back into the cache.
 */
let hanClear = false;

/**
 * `s` without its separators (code points SEPARATOR matches; a lone surrogate is none), or `s`
 * itself when it has none. A table lookup per BMP unit: replacing with the Unicode-property regex
 * cost as much as the rest of the hit check.
 */
export function stripSeparators(s: string): string {
  const table = (bmpSeparators ??= separatorTable());
  let out: string | null = null;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let width = 1;
    let sep: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      width = 2;
      sep = SEPARATOR.test(s.slice(i, i + 2));
    } else sep = (c < 0x4e00 || c > 0x9fff || !hanClear) && table[c] !== 0;
    if (sep) {
      out = (out ?? '') + s.slice(from, i);
      from = i + width;
    }
    i += width - 1;
  }
  return out === null ? s : out + s.slice(from);
}

function separatorTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) table[c] = SEPARATOR.test(String.fromCharCode(c)) ? 1 : 0;
  hanClear = !table.subarray(0x4e00, 0xa000).includes(1);
  return table;
}
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
