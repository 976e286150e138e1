// Compiles loaded packs into one filter: a keyword automaton (terms, proximity terms and allow
// phrases together), a pinyin automaton, regular expressions and image hashes.
import { CATEGORIES, type Category } from './categories';
import { Automaton, PF_LATIN_GAP, PF_WORD, Scanner, WIDE_MARK } from './automaton';
import { scanModule, WasmScanner } from './wasm-scanner';
import { KIND_ALNUM, foldTables, normaliseText } from './normalise';
import { loadPacks, packsVersion, shippedPacksDir, type Pack, type PatternRule, type Rule } from './packs';
import { numeralForms } from './numerals';
import { mixedForms, pinyinForms } from './pinyin';
import { compileRe2 } from './linear';
import { lightFold, regexClauses, regexExtent, regexFirstUnits, type LightText, type RegexExtent } from './regex';
import { DEFAULT_BLOCK_THRESHOLD, decide, mergeLabels, ruleScore, combine } from './score';
import type { TextModel } from './classifier/types';
import { HitChecks, type Cutter } from './hit-checks';
import type { ActionLabel, CreateFilterOptions, Filter, FilterInfo, Hit, Label, ScreenInput, ShadowHit, Verdict } from './types';
import { VALIDATORS } from './validators';

/** Hits kept per rule and field; more only make the verdict bigger, not more certain. */
export const MAX_HITS_PER_RULE = 50;
/** Owners encode rule * OWNER_STRIDE + index of the term inside a proximity rule. */
const OWNER_SHIFT = 4;
const OWNER_STRIDE = 1 << OWNER_SHIFT;
/** Rule scores are precomputed for up to this many hits. */
const SCORE_CACHE = 8;
/** Digits in one run from which a regex's digit-run gate alone is rare enough to arm it (armedByDigitRun). */
const DIGIT_RUN_GATE = 8;
/**
 * Title and text are also screened as one stream across their junction (a contact push split
 * between them): this many UTF-16 units of each side, which covers a contact pattern (微信：abc123,
 * a phone number with separators) and the shipped proximity windows (≤ 40). Each unit more costs
 * about 3 ns per titled item.
 */
export const SEAM_SPAN = 40;
/** Field name of the joined title/text stream while it is screened; its hits are mapped back. */
const SEAM_FIELD = '\u0000title+text';
/** seamSide: a trigger or proximity term near the junction (then the seam is screened), or these bits. */
const SEAM_BUSY = -1;
const SEAM_DIGITS = 1;
const SEAM_LETTERS = 2;
const SEAM_RUN_SHIFT = 3;
const SEAM_MARK_SHIFT = 11;
/** Proximity occurrences kept per rule and field. */
const NEAR_KEPT = 256;
/** ruleConditional: when a rule's hits are checked. */
const CHECK_LATE = 1;
const CHECK_EARLY = 2;

interface CompiledPattern {
  rule: number;
  /** Index of the rule's first entry: a regex with several prefilter clauses runs once per field. */
  group: number;
  re: RegExp;
  validate: ((s: string) => boolean) | null;
  minDigits: number;
  minLetters: number;
  minDigitRun: number;
  /** No literal prefilter could be derived: the regex runs whenever the digit/letter gates pass. */
  always: boolean;
  /** Separator characters any one of which, present in the field, arms the regex. */
  chars: string[];
  /** The main scanner's separator marks for `chars` (bit 15 is shared by any beyond the first 15). */
  charMarks: number;
  /** Separator sets the field must also have (RegexTriggers.also), as their separator marks. */
  also: string[][];
  alsoMarks: number[];
  /**
   * How far a match reaches, when every clause of the regex is armed by trigger literals (so every
   * match contains an occurrence of one): it then runs only in windows around those occurrences.
   */
  extent: RegexExtent | null;
  /**
   * For a windowed regex whose matches can only start with a few Han characters: those units, as
   * a bit per (unit & FIRST_MASK). A window without one of them holds no match and is not run.
   */
  first: Uint8Array | null;
}

/** Pattern roles in the keyword automaton (bits). */
const ROLE_RULE = 1;
const ROLE_ALLOW = 2;
const ROLE_TRIGGER = 4;

interface ImageHash {
  rule: number;
  hi: number;
  lo: number;
}

class PatternTable {
  readonly texts: string[] = [];
  readonly flags: number[] = [];
  readonly owners: number[][] = [];
  readonly allow: boolean[] = [];
  /** Regexes (indices into the filter's regex list) this pattern arms; usually empty. */
  readonly triggers: Array<number[] | null> = [];
  /** One map per flag combination (flags < 4), keyed by the folded text: no key strings to build. */
  private readonly index: Array<Map<string, number>> = [new Map(), new Map(), new Map(), new Map()];

  add(text: string, flags: number): number {
    const index = this.index[flags & 3];
    let id = index.get(text);
    if (id === undefined) {
      id = this.texts.length;
      index.set(text, id);
      this.texts.push(text);
      this.flags.push(flags);
      this.owners.push([]);
      this.allow.push(false);
      this.triggers.push(null);
    }
    return id;
  }

  /** One byte per pattern, so the scan-result loop tests a pattern's roles with one load. */
  roles(): Uint8Array {
    const r = new Uint8Array(this.texts.length);
    for (let i = 0; i < r.length; i++) {
      r[i] = (this.owners[i].length ? ROLE_RULE : 0) | (this.allow[i] ? ROLE_ALLOW : 0) | (this.triggers[i] !== null ? ROLE_TRIGGER : 0);
    }
    return r;
  }

  own(id: number, owner: number): void {
    const list = this.owners[id];
    if (!list.includes(owner)) list.push(owner);
  }
}

function latinFlags(folded: string): number {
  const kind = foldTables().kind;
  for (let i = 1; i < folded.length; i++) {
    if (kind[folded.charCodeAt(i - 1)] & KIND_ALNUM && kind[folded.charCodeAt(i)] & KIND_ALNUM) return PF_LATIN_GAP;
  }
  return 0;
}

/**
 * A term mixing Latin letters or digits with other letters (k粉, 加v, a片) must have whole tokens at
 * its Latin edges: k粉 must not fire in ok粉, nor 加v in 加vip. All-Latin terms still match inside
 * words (casinos), and all-Han terms have no Latin edge to check.
 */
function mixedEdgeFlags(folded: string): number {
  const kind = foldTables().kind;
  const n = folded.length;
  if (n < 2) return 0;
  const alnum = (i: number): boolean => (kind[folded.charCodeAt(i)] & KIND_ALNUM) !== 0;
  if (!alnum(0) && !alnum(n - 1)) return 0;
  for (let i = 0; i < n; i++) if (!alnum(i)) return PF_WORD;
  return 0;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export interface CompileOptions {
  model?: TextModel | null;
  blockThreshold?: number;
  shippedDir?: string;
  /** Derive literal prefilters for regex rules (default true; false is the reference the tests compare against). */
  regexPrefilter?: boolean;
  /**
   * Run the main keyword scan in WebAssembly when the build has compiled it (default true; false
   * runs the JavaScript Scanner, the reference the tests compare against).
   */
  wasm?: boolean;
  /**
   * Skip screening the title+text seam when nothing can cross the junction (default true; false
   * screens every seam, the reference the tests compare against).
   */
  seamShortcut?: boolean;
}

export class CompiledFilter implements Filter {
  readonly info: FilterInfo;
  private readonly rules: Rule[];
  private readonly main: Scanner;
  /** The main scanner when it runs in WebAssembly, which then also turns matches into hits. */
  private readonly wasmMain: WasmScanner | null;
  private readonly mainPatterns: PatternTable;
  private readonly pinyin: Scanner | null;
  private readonly pinyinPatterns: PatternTable;
  private readonly mainRoles: Uint8Array;
  private readonly regexes: CompiledPattern[];
  private readonly images: ImageHash[];
  private readonly proximity: boolean;
  /** Boundary, context and framing conditions, checked on the hits of the rules that have them. */
  private readonly checks: HitChecks;
  private readonly hasChecks: boolean;
  /**
   * Per rule: CHECK_LATE if its hits have conditions to check, CHECK_EARLY if they are checked as
   * the WebAssembly scan's hits are made (a terms rule without pinyin: those are all its hits in a
   * field, already deduplicated and capped), 0 if none.
   */
  private readonly ruleConditional: Uint8Array;
  private readonly hasTopics: boolean;
  private readonly model: TextModel | null;
  private readonly threshold: number;
  /** The verdicts' `engine`, one frozen object per filter (not one allocation per screened item). */
  private readonly engine: Verdict['engine'];
  // Working state of one screen() call, reused (screen is synchronous and not re-entrant), so a
  // clean item allocates almost nothing.
  /**
   * Hits per rule index, hitLists[rule][0 .. hitCount[rule]); touched[0 .. touchedCount) lists
   * the rules with hits. The lists are reused, so an item's hits cost one exact-size copy each.
   */
  private readonly hitLists: Hit[][];
  private readonly hitCount: Int32Array;
  /** Labels of the current item while they are built (then copied out at exact size). */
  private readonly labelScratch: Label[] = [];
  /** Twice the rules: a rule may be listed twice between a check and dropUntouched. */
  private readonly touched: Int32Array;
  private readonly touchSeen: Uint8Array;
  private touchedCount = 0;
  /** Per rule: its id, whether it is a proximity rule, and its (category, label) slot. */
  private readonly ruleIdOf: string[];
  private readonly ruleIsAll: Uint8Array;
  /** Per rule, what its label needs (rules of different kinds have different shapes: one load each here). */
  private readonly ruleBlocks: Uint8Array;
  /** 1 for `mode: shadow` rules: their hits go to `shadowHits`, nowhere else. */
  private readonly ruleShadow: Uint8Array;
  private readonly ruleWeight: Float64Array;
  /** ruleScore(weight of rule r, n) at r * SCORE_CACHE + n - 1, for the usual few hits. */
  private readonly ruleScores: Float64Array;
  private readonly ruleCategory: Category[];
  private readonly ruleLabel: Array<string | undefined>;
  private readonly labelSlot: Int32Array;
  private readonly slotLabels: Array<Label | null>;
  /** Keyword owners as CSR: owners of pattern p are ownList[ownStart[p] .. ownStart[p + 1]). */
  private readonly ownStart: Int32Array;
  private readonly ownList: Int32Array;
  private allowStart: number[] = [];
  private allowEnd: number[] = [];
  private allowCount = 0;
  /** armedAt[r] === stamp: regex r's prefilter fired in the current field; armed[0..armedCount) lists them. */
  private readonly armedAt: Int32Array;
  private readonly armed: Int32Array;
  private armedCount = 0;
  /** ranAt[group] === stamp: that regex already ran on the current field (through another clause). */
  private readonly ranAt: Int32Array;
  /** Regexes each keyword pattern arms, as CSR: trigList[trigStart[p] .. trigStart[p + 1]). */
  private readonly trigStart: Int32Array;
  private readonly trigList: Int32Array;
  /** The group of each regex in trigList (runWindows picks a regex's own trigger occurrences). */
  private readonly trigGroup: Int32Array;
  /** Regexes without a literal prefilter, and those armed by separator characters. */
  private readonly alwaysRegexes: Int32Array;
  private readonly charRegexes: Int32Array;
  private stamp = 0;
  /** Scan matches of the current field that are trigger literals (collectTriggers; -1: not yet). */
  private trigMatches = new Int32Array(64);
  private trigCount = -1;
  /** Regex windows as (first start, last start) pairs, reused. */
  private windowScratch = new Int32Array(128);
  /** Whether the current field's light text has surrogates (-1: not looked at yet). */
  private fieldWide = -1;
  /**
   * Proximity rules of the current field, reused: which of their terms occurred (a bit per term;
   * valid where nearAt[rule] === stamp), those occurrences as (term, start, end) triples, and the
   * rules touched. Only rules with every term present go on to the window search, so the usual
   * field, where one common term of a proximity rule occurs, allocates nothing.
   */
  private readonly nearAt: Int32Array;
  private readonly nearSeen: Int32Array;
  private readonly nearFull: Int32Array;
  private readonly nearOcc: number[][];
  private readonly nearOccLen: Int32Array;
  private readonly nearRules: Int32Array;
  private nearCount = 0;
  /** What seamQuiet needs: whether it may ever say yes, the always-armed regexes' lowest digit-run gate, and so on. */
  private readonly seamSkippable: boolean;
  private readonly seamDigitGate: number;
  private readonly seamCharMarks: number;
  private readonly seamPinyin: number;
  /** The automaton state the title's scan ended in. */
  private titleEnd = 0;

  constructor(packs: Pack[], opts: CompileOptions = {}) {
    const t0 = performance.now();
    foldTables();
    lightKeepsSurrogates();
    const rules: Rule[] = [];
    const main = new PatternTable();
    const py = new PatternTable();
    const regexes: CompiledPattern[] = [];
    const images: ImageHash[] = [];
    let terms = 0;
    let proximity = false;
    for (const pack of packs) {
      for (const rule of pack.rules) {
        const ri = rules.length;
        rules.push(rule);
        if (rule.kind === 'terms') {
          // Other spellings of a term (6合彩, 赌bo) are whole-token terms of the same rule.
          const addSpelling = (raw: string): void => {
            const f = normaliseText(raw);
            main.own(main.add(f, latinFlags(f) | PF_WORD), ri * OWNER_STRIDE);
          };
          for (const term of rule.terms) {
            const folded = normaliseText(term);
            const id = main.add(folded, latinFlags(folded) | (rule.word ? PF_WORD : 0) | mixedEdgeFlags(folded));
            main.own(id, ri * OWNER_STRIDE);
            terms++;
            numeralForms(term).forEach(addSpelling);
            if (rule.pinyin) {
              for (const form of pinyinForms(term)) py.own(py.add(form.text, form.flags), ri * OWNER_STRIDE);
              mixedForms(term).forEach(addSpelling);
            }
          }
        } else if (rule.kind === 'all') {
          proximity = true;
          rule.all.forEach((term, k) => {
            const folded = normaliseText(term);
            main.own(main.add(folded, latinFlags(folded)), ri * OWNER_STRIDE + k);
            terms++;
          });
        } else if (rule.kind === 'pattern') {
          // One entry per prefilter clause (a|b: one per branch), all running the same regex.
          const rx = compilePattern(rule, ri, regexes.length);
          const clauses = opts.regexPrefilter === false ? null : regexClauses(rule.pattern, normaliseText);
          if (clauses === null) regexes.push(rx);
          else {
            for (const trig of clauses) {
              if (armedByDigitRun(rx, trig.folded)) {
                regexes.push({ ...rx, always: true, also: trig.also });
                continue;
              }
              for (const lit of trig.folded) (main.triggers[main.add(lit, 0)] ??= []).push(regexes.length);
              regexes.push({ ...rx, always: false, chars: trig.chars, also: trig.also });
            }
          }
        } else {
          for (const h of rule.hashes) {
            images.push({ rule: ri, hi: parseInt(h.slice(0, 8), 16) | 0, lo: parseInt(h.slice(8), 16) | 0 });
          }
        }
      }
      for (const phrase of pack.allow) {
        const folded = normaliseText(phrase);
        main.allow[main.add(folded, latinFlags(folded))] = true;
      }
    }
    this.rules = rules;
    this.mainPatterns = main;
    this.mainRoles = main.roles();
    this.ownStart = new Int32Array(main.texts.length + 1);
    for (let p = 0; p < main.texts.length; p++) this.ownStart[p + 1] = this.ownStart[p] + main.owners[p].length;
    this.ownList = new Int32Array(this.ownStart[main.texts.length]);
    for (let p = 0, q = 0; p < main.texts.length; p++) for (const o of main.owners[p]) this.ownList[q++] = o;
    this.hitLists = Array.from({ length: rules.length }, (): Hit[] => []);
    this.hitCount = new Int32Array(rules.length);
    this.touched = new Int32Array(2 * rules.length);
    this.touchSeen = new Uint8Array(rules.length);
    this.ruleIdOf = rules.map((r) => r.id);
    this.ruleIsAll = Uint8Array.from(rules, (r) => (r.kind === 'all' ? 1 : 0));
    this.ruleBlocks = Uint8Array.from(rules, (r) => (r.action === 'block' ? 1 : 0));
    this.ruleShadow = Uint8Array.from(rules, (r) => (r.mode === 'shadow' ? 1 : 0));
    this.ruleWeight = Float64Array.from(rules, (r) => r.weight);
    this.ruleScores = new Float64Array(rules.length * SCORE_CACHE);
    rules.forEach((r, ri) => {
      for (let n = 1; n <= SCORE_CACHE; n++) this.ruleScores[ri * SCORE_CACHE + n - 1] = ruleScore(r.weight, n);
    });
    this.ruleCategory = rules.map((r) => r.category);
    this.ruleLabel = rules.map((r) => r.label);
    const slots = new Map<string, number>();
    this.labelSlot = Int32Array.from(rules, (r) => {
      const key = `${r.category}\u0000${r.label ?? ''}`;
      let slot = slots.get(key);
      if (slot === undefined) slots.set(key, (slot = slots.size));
      return slot;
    });
    this.slotLabels = new Array<Label | null>(slots.size).fill(null);
    this.armedAt = new Int32Array(regexes.length);
    this.ranAt = new Int32Array(regexes.length);
    this.armed = new Int32Array(regexes.length);
    this.trigStart = new Int32Array(main.texts.length + 1);
    for (let p = 0; p < main.texts.length; p++) this.trigStart[p + 1] = this.trigStart[p] + (main.triggers[p]?.length ?? 0);
    this.trigList = Int32Array.from(main.triggers.flatMap((t) => t ?? []));
    this.trigGroup = Int32Array.from(this.trigList, (r) => regexes[r].group);
    const mainAutomaton = new Automaton(main.texts, main.flags);
    this.pinyinPatterns = py;
    this.pinyin = py.texts.length ? new Scanner(new Automaton(py.texts, py.flags), 'pinyin') : null;
    const wasm = opts.wasm === false ? null : scanModule();
    if (wasm) {
      const tables = {
        roles: this.mainRoles,
        ownStart: this.ownStart,
        ownList: this.ownList,
        trigStart: this.trigStart,
        trigList: this.trigList,
        ruleNear: this.ruleIsAll,
        regexCount: regexes.length,
      };
      this.wasmMain = new WasmScanner(mainAutomaton, wasm, tables, this.pinyin ?? undefined);
      this.main = this.wasmMain;
    } else {
      this.wasmMain = null;
      this.main = new Scanner(mainAutomaton, 'text');
    }
    // Separator characters that arm regexes are noted by the scan itself (no indexOf pass per field).
    const sepBits = new Map<string, number>();
    const bitOf = (ch: string): number => {
      if (!sepBits.has(ch)) sepBits.set(ch, 1 << Math.min(sepBits.size, 15));
      return sepBits.get(ch) ?? 0;
    };
    // Trigger characters get their bits first; of the sets a regex also needs, three are plenty.
    for (const rx of regexes) for (const ch of rx.chars) rx.charMarks |= bitOf(ch);
    for (const rx of regexes) rx.alsoMarks = rx.also.slice(0, 3).map((group) => group.reduce((m, ch) => m | bitOf(ch), 0));
    this.main.markSeparators(sepBits);
    this.alwaysRegexes = Int32Array.from(regexes.flatMap((rx, r) => (rx.always ? [r] : [])));
    this.charRegexes = Int32Array.from(regexes.flatMap((rx, r) => (!rx.always && rx.charMarks !== 0 ? [r] : [])));
    // The seam may be skipped (seamQuiet) only if the joining newline arms no regex and no proximity
    // term has a context check (a whole-token or Latin-gap check could pass in the seam's cut-off copy
    // of a field where it failed in the field itself).
    let nearChecked = false;
    for (let p = 0; p < main.texts.length; p++) {
      if (main.flags[p] !== 0 && main.owners[p].some((o) => this.ruleIsAll[o >> OWNER_SHIFT] !== 0)) nearChecked = true;
    }
    this.seamCharMarks = regexes.reduce((m, rx) => (rx.always ? m : m | rx.charMarks), 0);
    this.seamSkippable = opts.seamShortcut !== false && !nearChecked && ((sepBits.get('\n') ?? 0) & this.seamCharMarks) === 0;
    this.seamDigitGate = regexes.reduce((g, rx) => (rx.always ? Math.min(g, rx.minDigitRun) : g), 256);
    this.seamPinyin = this.pinyin !== null ? SEAM_LETTERS : 0;
    this.nearAt = new Int32Array(rules.length);
    this.nearSeen = new Int32Array(rules.length);
    this.nearFull = Int32Array.from(rules, (r) => (r.kind === 'all' ? (1 << r.all.length) - 1 : 0));
    this.nearOcc = rules.map((): number[] => []);
    this.nearOccLen = new Int32Array(rules.length);
    this.nearRules = new Int32Array(rules.length);
    // A regex runs in windows only when every clause of it is armed by trigger literals alone.
    const unwindowed = new Set(regexes.flatMap((rx) => (rx.always || rx.chars.length !== 0 ? [rx.group] : [])));
    for (const rx of regexes) if (unwindowed.has(rx.group)) rx.extent = null;
    this.regexes = regexes;
    this.images = images;
    this.proximity = proximity;
    this.checks = new HitChecks(
      rules,
      packs.flatMap((p) => (p.framing ? [p.framing] : [])),
      loadCutter,
    );
    this.ruleConditional = Uint8Array.from(rules, (rule, r) =>
      !this.checks.has(r) ? 0 : this.wasmMain !== null && rule.kind === 'terms' && !rule.pinyin ? CHECK_EARLY : CHECK_LATE,
    );
    this.hasChecks = this.checks.any;
    this.hasTopics = this.checks.anyTopic;
    // Load the segmenter now, not on the first hit that needs it (screen() should not do I/O).
    if (this.checks.needsCutter) this.checks.onWordBoundaries('预热', 0, 1);
    this.model = opts.model ?? null;
    this.threshold = opts.blockThreshold ?? DEFAULT_BLOCK_THRESHOLD;
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const r of rules) counts[r.category]++;
    const v = packsVersion(packs, opts.shippedDir ?? '');
    this.info = {
      rules: v.version,
      hash: v.hash,
      model: this.model?.version ?? 'none',
      packs: packs.map((p) => ({ file: p.file, name: p.name, category: p.category, version: p.version, hash: p.hash, rules: p.rules.length })),
      counts,
      terms,
      buildMs: Math.round((performance.now() - t0) * 10) / 10,
    };
    this.engine = Object.freeze({ rules: this.info.rules, model: this.info.model });
  }

  screen(input: ScreenInput): Verdict {
    if (this.touchedCount !== 0) this.resetHits();
    const title = typeof input.title === 'string' && input.title ? input.title : null;
    const text = typeof input.text === 'string' && input.text ? input.text : null;
    const extra = input.fields;
    if (title !== null) this.screenField('title', title);
    // What the title's scan says about its last SEAM_SPAN units, before the text's scan replaces it.
    const tail = title !== null && text !== null ? this.seamSide(seamFrom(title), title.length) : SEAM_BUSY;
    this.titleEnd = this.main.endState;
    if (text !== null) this.screenField('text', text);
    if (title !== null && text !== null && (tail === SEAM_BUSY || !this.seamQuiet(tail, this.seamSide(0, seamTo(text)), text))) this.screenSeam(title, text);
    if (extra) {
      for (const name of Object.keys(extra)) {
        const value = extra[name];
        if (typeof value === 'string' && value) this.screenField(name, value);
      }
    }
    if (this.hasTopics && this.touchedCount !== 0) this.lowerFramed(title, text, extra);
    const engine = this.engine;
    // Most items are clean: no labels to build, score or sort.
    const touched = this.touched;
    const nTouched = this.touchedCount;
    if (nTouched === 0 && this.model === null) {
      if (input.id !== undefined) return { id: input.id, suggestion: 'pass', risk: 0, labels: [], engine };
      return { suggestion: 'pass', risk: 0, labels: [], engine };
    }
    const scratch = this.labelScratch;
    let nLabels = 0;
    let blocked = false;
    let shadowHits: ShadowHit[] | null = null;
    // Rules are visited in pack order so the output is deterministic.
    if (nTouched > 1) insertionSort(touched, nTouched);
    const slotLabels = this.slotLabels;
    const hitLists = this.hitLists;
    const hitCount = this.hitCount;
    // The slots are shared across calls: never leave one filled, whatever happens.
    try {
      for (let k = 0; k < nTouched; k++) {
        const ri = touched[k];
        const n = hitCount[ri];
        if (n === 0) continue;
        hitCount[ri] = 0;
        const hits = hitLists[ri];
        if (this.ruleShadow[ri] !== 0) {
          shadowHits ??= [];
          for (let j = 0; j < n; j++) {
            const h = hits[j];
            shadowHits.push({ rule: h.rule, category: this.ruleCategory[ri], field: h.field, start: h.start, end: h.end, text: h.text });
          }
          continue;
        }
        if (this.ruleBlocks[ri] !== 0) blocked = true;
        const slot = this.labelSlot[ri];
        let label = slotLabels[slot];
        if (label === null) {
          // Usually one rule per label: its hits in one exact-size copy.
          label = { category: this.ruleCategory[ri], score: 0, hits: hits.slice(0, n) };
          const name = this.ruleLabel[ri];
          if (name !== undefined) label.label = name;
          slotLabels[slot] = label;
          scratch[nLabels++] = label;
        } else for (let j = 0; j < n; j++) label.hits.push(hits[j]);
        const score = n <= SCORE_CACHE ? this.ruleScores[ri * SCORE_CACHE + n - 1] : ruleScore(this.ruleWeight[ri], n);
        label.score = combine(label.score, score);
      }
    } finally {
      for (let k = 0; k < nTouched; k++) slotLabels[this.labelSlot[touched[k]]] = null;
    }
    this.touchedCount = 0;
    const labels = scratch.slice(0, nLabels);
    if (this.model) this.classify(labels, title, text, extra);
    for (const l of labels) l.score = Math.round(Math.min(1, l.score) * 1e4) / 1e4;
    const { risk, suggestion } = decide(labels, blocked, this.threshold);
    const verdict: Verdict = input.id !== undefined ? { id: input.id, suggestion, risk, labels, engine } : { suggestion, risk, labels, engine };
    if (shadowHits !== null) verdict.shadowHits = shadowHits;
    return verdict;
  }

  /** Adds the classifier's findings to the rule labels. */
  private classify(labels: Label[], title: string | null, text: string | null, extra: Record<string, string> | undefined): void {
    if (this.model === null) return;
    const byLabel = new Map<string, Label>();
    for (const l of labels) byLabel.set(`${l.category}\u0000${l.label ?? ''}`, l);
    const values: string[] = [];
    if (title !== null) values.push(title);
    if (text !== null) values.push(text);
    if (extra) for (const name of Object.keys(extra)) if (typeof extra[name] === 'string' && extra[name]) values.push(extra[name]);
    if (values.length) {
      let predictions: ReturnType<TextModel['predict']> = [];
      try {
        predictions = this.model.predict(values.join('\n'));
      } catch {
        // A failing model must not take the rules down with it; the verdict says model 'none'-like nothing.
        predictions = [];
      }
      for (const p of predictions) {
        if (!(p.score >= 0.5)) continue;
        const key = `${p.category}\u0000${p.label ?? ''}`;
        const reason = `classifier ${this.model.version}: ${p.score.toFixed(2)}`;
        const label = byLabel.get(key);
        if (label) {
          label.score = combine(label.score, p.score);
          label.reason = label.reason ? `${label.reason}; ${reason}` : reason;
        } else {
          const l: Label = { category: p.category, score: p.score, hits: [], reason };
          if (p.label !== undefined) l.label = p.label;
          byLabel.set(key, l);
          labels.push(l);
        }
      }
    }
  }

  /** After a screen() that threw half-way: drops the hits it left behind. */
  private resetHits(): void {
    for (let k = 0; k < this.touchedCount; k++) this.hitCount[this.touched[k]] = 0;
    this.touchedCount = 0;
  }

  private addHit(rule: number, field: string, start: number, end0: number, original: string): void {
    const list = this.hitLists[rule];
    const n = this.hitCount[rule];
    const end = this.main.extendEnd(original, end0);
    let inField = 0;
    for (let k = 0; k < n; k++) {
      const h = list[k];
      if (h.field !== field) continue;
      if (h.start === start && h.end === end) return;
      inField++;
    }
    if (inField >= MAX_HITS_PER_RULE) return;
    if (n === 0) this.touched[this.touchedCount++] = rule;
    list[n] = { rule: this.ruleIdOf[rule], field, start, end, text: original.slice(start, end) };
    this.hitCount[rule] = n + 1;
  }

  /** Whether [start, end) lies inside an allow phrase matched in the current field. */
  private allowed(start: number, end: number): boolean {
    const as = this.allowStart;
    const ae = this.allowEnd;
    for (let a = 0; a < this.allowCount; a++) if (as[a] <= start && end <= ae[a]) return true;
    return false;
  }

  /** Keyword matches of the main scan → allow spans, armed regexes, rule hits, proximity occurrences. */
  private keywordHits(field: string, s: string, stamp: number): void {
    const main = this.main;
    main.scan(s);
    const n = main.count;
    const roles = this.mainRoles;
    const mPat = main.mPat;
    let any = 0;
    for (let k = 0; k < n; k++) {
      const role = roles[mPat[k]];
      any |= role;
      if (role & ROLE_ALLOW) {
        this.allowStart[this.allowCount] = main.mStart[k];
        this.allowEnd[this.allowCount++] = main.mEnd[k];
      }
      if (role & ROLE_TRIGGER) {
        for (let q = this.trigStart[mPat[k]]; q < this.trigStart[mPat[k] + 1]; q++) this.arm(this.trigList[q], stamp);
      }
    }
    if ((any & ROLE_RULE) === 0) return;
    const ownStart = this.ownStart;
    const ownList = this.ownList;
    for (let k = 0; k < n; k++) {
      const p = mPat[k];
      if ((roles[p] & ROLE_RULE) === 0) continue;
      const start = main.mStart[k];
      const end = main.mEnd[k];
      if (this.allowCount !== 0 && this.allowed(start, end)) continue;
      for (let q = ownStart[p]; q < ownStart[p + 1]; q++) {
        const o = ownList[q];
        const rule = o >> OWNER_SHIFT;
        if (this.ruleIsAll[rule] !== 0) this.nearOccurrence(rule, o & (OWNER_STRIDE - 1), start, end, stamp);
        else this.addHit(rule, field, start, end, s);
      }
    }
  }

  /** keywordHits, with the work done by the WebAssembly module (WasmScanner.scanForHits). */
  private keywordHitsWasm(main: WasmScanner, field: string, s: string, stamp: number): void {
    main.scanForHits(s, MAX_HITS_PER_RULE);
    for (let k = 0; k < main.armedCount; k++) this.arm(main.armed[k], stamp);
    const allow = main.allow;
    for (let k = 0; k < main.allowCount; k++) {
      this.allowStart[k] = allow[2 * k];
      this.allowEnd[k] = allow[2 * k + 1];
    }
    this.allowCount = main.allowCount;
    const near = main.near;
    for (let k = 0; k < main.nearCount; k++) this.nearOccurrence(near[4 * k], near[4 * k + 1], near[4 * k + 2], near[4 * k + 3], stamp);
    // Already extended, deduplicated and capped per rule: only the objects are left to make, for
    // the hits that meet their conditions (most checked hits do not: no object for those).
    const hits = main.hits;
    const hitLists = this.hitLists;
    const hitCount = this.hitCount;
    const conditional = this.ruleConditional;
    const selfFolded = !main.lightChanged;
    for (let k = 0; k < main.hitCount; k++) {
      const rule = hits[4 * k];
      const start = hits[4 * k + 1];
      const end = hits[4 * k + 2];
      if (conditional[rule] === CHECK_EARLY && !this.checks.keep(rule, s, start, end, selfFolded)) continue;
      const n = hitCount[rule];
      if (n === 0) this.touched[this.touchedCount++] = rule;
      hitLists[rule][n] = { rule: this.ruleIdOf[rule], field, start, end, text: s.slice(start, end) };
      hitCount[rule] = n + 1;
    }
  }

  /** Hits for pinyin matches (pattern, start, end)[0 .. n). */
  private pinyinHits(field: string, s: string, pat: Int32Array, starts: Int32Array, ends: Int32Array, n: number): void {
    const pyOwners = this.pinyinPatterns.owners;
    for (let k = 0; k < n; k++) {
      const start = starts[k];
      let end = ends[k];
      // The tone digit of the last syllable (cai3) belongs to the hit, a longer number does not.
      if (isToneDigit(s.charCodeAt(end)) && !isDigit(s.charCodeAt(end + 1))) end++;
      if (this.allowCount !== 0 && this.allowed(start, end)) continue;
      for (const o of pyOwners[pat[k]]) this.addHit(o >> OWNER_SHIFT, field, start, end, s);
    }
  }

  /** Term `term` of proximity rule `rule` at [start, end) in the current field. */
  private nearOccurrence(rule: number, term: number, start: number, end: number, stamp: number): void {
    if (this.nearAt[rule] !== stamp) {
      this.nearAt[rule] = stamp;
      this.nearSeen[rule] = 0;
      this.nearOccLen[rule] = 0;
      this.nearRules[this.nearCount++] = rule;
    }
    this.nearSeen[rule] |= 1 << term;
    const len = this.nearOccLen[rule];
    if (len < 3 * NEAR_KEPT) {
      const occ = this.nearOcc[rule];
      occ[len] = term;
      occ[len + 1] = start;
      occ[len + 2] = end;
      this.nearOccLen[rule] = len + 3;
    }
  }

  private screenField(field: string, s: string): void {
    if (this.stamp === 0x7fffffff) {
      this.armedAt.fill(0);
      this.ranAt.fill(0);
      this.nearAt.fill(0);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    this.allowCount = 0;
    this.armedCount = 0;
    this.nearCount = 0;
    if (this.wasmMain !== null) this.keywordHitsWasm(this.wasmMain, field, s, stamp);
    else this.keywordHits(field, s, stamp);
    const main = this.main;
    if (this.pinyin !== null && main.clusterCount !== 0) this.pinyinStage(this.pinyin, field, s);
    for (let k = 0; k < this.nearCount; k++) {
      const rule = this.nearRules[k];
      if (this.nearSeen[rule] === this.nearFull[rule]) this.proximityHits(rule, field, this.nearOcc[rule], this.nearOccLen[rule] / 3, s);
    }
    this.regexStage(field, s, stamp);
    if (this.hasChecks && this.touchedCount !== 0) this.checkHits(field, s);
  }

  /** Drops the hits of field `field` that do not meet their rule's conditions (HitChecks). */
  private checkHits(field: string, s: string): void {
    const checks = this.checks;
    const conditional = this.ruleConditional;
    // Most fields are plain simplified Chinese, which the light fold leaves alone: the scan said.
    const selfFolded = !this.main.lightChanged;
    let dropped = false;
    for (let k = 0; k < this.touchedCount; k++) {
      const rule = this.touched[k];
      if (conditional[rule] !== CHECK_LATE) continue;
      const list = this.hitLists[rule];
      const n = this.hitCount[rule];
      let m = 0;
      for (let j = 0; j < n; j++) {
        const h = list[j];
        if (h.field !== field || checks.keep(rule, s, h.start, h.end, selfFolded)) list[m++] = h;
      }
      this.hitCount[rule] = m;
      if (m !== n) dropped = true;
    }
    if (dropped) this.dropUntouched();
  }

  /** Keeps the hits of `rule` that pass `ok`, in order; whether any was dropped. */
  private keepHits(rule: number, ok: (h: Hit) => boolean): boolean {
    const list = this.hitLists[rule];
    const n = this.hitCount[rule];
    let m = 0;
    for (let j = 0; j < n; j++) if (ok(list[j])) list[m++] = list[j];
    this.hitCount[rule] = m;
    return m !== n;
  }

  /**
   * Removes rules left without hits from the touched list, and the second entry of a rule that
   * lost its hits and got new ones (addHit adds a rule whose count is 0).
   */
  private dropUntouched(): void {
    const seen = this.touchSeen;
    let m = 0;
    for (let k = 0; k < this.touchedCount; k++) {
      const rule = this.touched[k];
      if (this.hitCount[rule] === 0 || seen[rule] !== 0) continue;
      seen[rule] = 1;
      this.touched[m++] = rule;
    }
    for (let k = 0; k < m; k++) seen[this.touched[k]] = 0;
    this.touchedCount = m;
  }

  /**
   * Screens the end of the title and the start of the text as one stream (joined by a newline, a
   * separator the scan steps over), so 加我微 | 信 abc123 is found. A hit across the junction
   * becomes one hit per field piece, with offsets into that field; hits lying wholly on one side
   * were already found by the field's own scan, unless the rule needs both sides (proximity).
   */
  private screenSeam(title: string, text: string): void {
    const from = seamFrom(title);
    const to = seamTo(text);
    const junction = title.length - from;
    const seam = `${title.slice(from)}\n${text.slice(0, to)}`;
    this.screenField(SEAM_FIELD, seam);
    const pieces: number[] = [];
    for (let k = 0, n = this.touchedCount; k < n; k++) {
      const rule = this.touched[k];
      const list = this.hitLists[rule];
      pieces.length = 0;
      let across = false;
      let left = false;
      let right = false;
      for (let j = 0; j < this.hitCount[rule]; j++) {
        const h = list[j];
        if (h.field !== SEAM_FIELD) continue;
        pieces.push(h.start, h.end);
        if (h.start < junction && h.end > junction + 1) across = true;
        else if (h.end <= junction) left = true;
        else right = true;
      }
      if (pieces.length === 0) continue;
      this.keepHits(rule, (h) => h.field !== SEAM_FIELD);
      if (!across && !(left && right && this.ruleIsAll[rule] !== 0)) continue;
      for (let j = 0; j < pieces.length; j += 2) {
        const start = pieces[j];
        const end = pieces[j + 1];
        if (start < junction) this.addHit(rule, 'title', from + start, from + Math.min(end, junction), title);
        if (end > junction + 1) this.addHit(rule, 'text', Math.max(0, start - junction - 1), end - junction - 1, text);
      }
    }
    this.dropUntouched();
  }

  /**
   * What the last field's scan says about its units [from, to) for the seam (the title's last or
   * the text's first SEAM_SPAN units): SEAM_BUSY if a trigger literal or a proximity term occurred
   * there (or could have: more occurrences than were kept), else the scan's counters as bits —
   * SEAM_DIGITS, SEAM_LETTERS — with the digit
   * run above SEAM_RUN_SHIFT and the separator marks above SEAM_MARK_SHIFT.
   */
  private seamSide(from: number, to: number): number {
    const main = this.main;
    const roles = this.mainRoles;
    for (let k = 0; k < main.count; k++) {
      if ((roles[main.mPat[k]] & ROLE_TRIGGER) !== 0 && main.mEnd[k] > from && main.mStart[k] < to) return SEAM_BUSY;
    }
    for (let k = 0; k < this.nearCount; k++) {
      const rule = this.nearRules[k];
      const occ = this.nearOcc[rule];
      const len = this.nearOccLen[rule];
      if (len >= 3 * NEAR_KEPT) return SEAM_BUSY;
      for (let j = 0; j < len; j += 3) if (occ[j + 2] > from && occ[j + 1] < to) return SEAM_BUSY;
    }
    return (
      (main.digits !== 0 ? SEAM_DIGITS : 0) |
      (main.alnum - main.digits !== 0 ? SEAM_LETTERS : 0) |
      (Math.min(main.digitRun, 255) << SEAM_RUN_SHIFT) |
      (main.sepMarks << SEAM_MARK_SHIFT)
    );
  }

  /**
   * Whether screening the seam can be skipped: when it could find nothing across the junction, it
   * changes nothing (hits lying wholly on one side are dropped). Nothing crosses when
   *  - the title's scan, continued over the text's first units, reports no match reaching back into
   *    the title (Scanner.continuesInto; the seam's scan, starting later in the title, holds no more
   *    of a pattern's beginning at the junction than the title's own scan did);
   *  - no regex is armed in the seam: no trigger literal in its two sides (they have no context
   *    checks, so the seam finds exactly the occurrences the fields' scans found there), no digit
   *    run as long as an always-armed regex's gate (with digits on one side only, no run is longer
   *    than that side's own), no separator arming a regex in either field or in the joining newline;
   *  - no proximity term on either side of it (its terms have no context checks either: checked
   *    at build, else this is never quiet), so no rule has occurrences on both sides;
   *  - not both sides have Latin letters, so no pinyin match crosses.
   */
  private seamQuiet(tail: number, head: number, text: string): boolean {
    if (head === SEAM_BUSY || !this.seamSkippable) return false;
    if ((tail & head & SEAM_DIGITS) !== 0 || (tail & head & SEAM_LETTERS & this.seamPinyin) !== 0) return false;
    const run = Math.max((tail >>> SEAM_RUN_SHIFT) & 255, (head >>> SEAM_RUN_SHIFT) & 255);
    if (run >= this.seamDigitGate) return false;
    if ((((tail | head) >>> SEAM_MARK_SHIFT) & this.seamCharMarks) !== 0) return false;
    return this.titleEnd === 0 || !this.main.continuesInto(this.titleEnd, text, seamTo(text));
  }

  /**
   * Warning, news and prevention talk (警方提醒：网络赌博是违法行为, 破获赌博案件) names a topic
   * without promoting it: when every hit of the item is a topic rule's hit inside framing, none
   * counts. One hit outside framing (a contact, a trade phrase, a threat) keeps them all, so an
   * advertisement wearing a warning stays flagged.
   */
  private lowerFramed(title: string | null, text: string | null, extra: Record<string, string> | undefined): void {
    const checks = this.checks;
    const shadow = this.ruleShadow;
    // Most items with a topic hit have other hits too: look at the context only when there are none.
    // Shadow rules take no part: they must change nothing (CONTRACT §13), and their own hits are kept.
    for (let k = 0; k < this.touchedCount; k++) if (checks.topic[this.touched[k]] === 0 && shadow[this.touched[k]] === 0) return;
    for (let k = 0; k < this.touchedCount; k++) {
      const rule = this.touched[k];
      if (shadow[rule] !== 0) continue;
      const list = this.hitLists[rule];
      for (let j = 0; j < this.hitCount[rule]; j++) {
        const h = list[j];
        const s = h.field === 'title' ? title : h.field === 'text' ? text : extra?.[h.field];
        if (typeof s !== 'string' || !checks.framed(s, h.start, h.end)) return;
      }
    }
    for (let k = 0; k < this.touchedCount; k++) if (shadow[this.touched[k]] === 0) this.hitCount[this.touched[k]] = 0;
    this.dropUntouched();
  }

  /**
   * Pinyin matches are Latin letters only, and never span more than MAX_GAP separators: only the
   * clusters of letters the main scan found are scanned (≈ 1 % of the field instead of ≈ 11 %).
   */
  private pinyinStage(py: Scanner, field: string, s: string): void {
    // With WebAssembly the module has already run the scans (in the same call as the main scan).
    const wasmMain = this.wasmMain;
    if (wasmMain !== null && wasmMain.pyCount >= 0) {
      this.pinyinHits(field, s, wasmMain.pyPat, wasmMain.pyStart, wasmMain.pyEnd, wasmMain.pyCount);
      return;
    }
    const main = this.main;
    const clusters = main.clusters;
    for (let c = 0; c < main.clusterCount; c++) {
      py.scan(s, clusters[2 * c], clusters[2 * c + 1]);
      this.pinyinHits(field, s, py.mPat, py.mStart, py.mEnd, py.count);
    }
  }

  /** Regex rules whose prefilters the field passed. */
  private regexStage(field: string, s: string, stamp: number): void {
    const main = this.main;
    const alnum = main.alnum;
    const digits = main.digits;
    const regexes = this.regexes;
    // Always-armed regexes are mostly behind a digit gate: test it here, not after arming (and not
    // at all below the lowest of those gates, where most fields are).
    const always = this.alwaysRegexes;
    if (main.digitRun >= this.seamDigitGate)
      for (let k = 0; k < always.length; k++) if (main.digitRun >= regexes[always[k]].minDigitRun) this.arm(always[k], stamp);
    const sepMarks = main.sepMarks;
    if (sepMarks !== 0) for (const r of this.charRegexes) if ((regexes[r].charMarks & sepMarks) !== 0) this.arm(r, stamp);
    if (this.armedCount === 0) return;
    let light: LightText | null = null;
    this.trigCount = -1;
    this.fieldWide = -1;
    for (let k = 0; k < this.armedCount; k++) {
      const rx = regexes[this.armed[k]];
      if (digits < rx.minDigits || alnum - digits < rx.minLetters || main.digitRun < rx.minDigitRun) continue;
      if (!hasAll(main.sepMarks, rx.alsoMarks) || this.ranAt[rx.group] === stamp) continue;
      this.ranAt[rx.group] = stamp;
      // Most fields are plain simplified Chinese, which the light fold leaves alone: the scan said.
      light ??= main.lightChanged ? lightFold(s) : { text: s, starts: null, ends: null };
      if (rx.extent !== null) {
        this.runWindows(rx, rx.extent, light, field, s);
        continue;
      }
      const text = light.text;
      const re = rx.re;
      re.lastIndex = 0;
      let found = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const len = m[0].length;
        if (len === 0) {
          re.lastIndex++;
          continue;
        }
        if (this.regexHit(rx, m.index, m[0], light, field, s) && ++found >= MAX_HITS_PER_RULE) break;
      }
    }
  }

  /** One match of a regex at `ls` in the light text: a hit unless validation or an allow phrase says no. */
  private regexHit(rx: CompiledPattern, ls: number, matched: string, light: LightText, field: string, s: string): boolean {
    if (rx.validate && !rx.validate(matched)) return false;
    const start = light.starts ? light.starts[ls] : ls;
    const end = light.ends ? light.ends[ls + matched.length - 1] : ls + matched.length;
    if (this.allowCount !== 0 && this.allowed(start, end)) return false;
    this.addHit(rx.rule, field, start, end, s);
    return true;
  }

  /**
   * The matches of a regex whose every match contains one of its trigger literals, found by running
   * it only around the places the scan found those literals — the same matches, in the same order,
   * as running it over the whole light text (the pair regexes of advertising-zh.yaml read 60
   * characters either side of a cue; on a long field most of it is far from any cue).
   *
   * Why the same: a match contains a trigger occurrence [ts, te) and is at most `len` units long, so
   * it starts in [te - len, ts]; outside these windows no match starts. Whether and how the regex
   * matches at a position p depends only on the text from p - around to p + len + around (every
   * path of the backtracking consumes at most len units, and lookarounds and \b read at most
   * `around` beyond), so a slice holding that span gives the match the whole text gives at p.
   * Windows are visited in order, each searched from max(its start, the end of the previous
   * match), exactly as the global regex's lastIndex moves over the whole text.
   */
  private runWindows(rx: CompiledPattern, extent: RegexExtent, light: LightText, field: string, s: string): void {
    const text = light.text;
    const n = text.length;
    // Trigger occurrences of this field, collected once (the match arrays are the main scan's).
    if (this.trigCount < 0) this.collectTriggers();
    const main = this.main;
    // The scan noted surrogates in the field; the light fold keeps them and makes none (lightKeepsSurrogates).
    if (this.fieldWide < 0) this.fieldWide = (lightKeepsSurrogates() ? (main.sepMarks & WIDE_MARK) !== 0 : HAS_SURROGATE.test(text)) ? 1 : 0;
    const len = this.fieldWide !== 0 ? extent.wideLen : extent.len;
    const around = this.fieldWide !== 0 ? extent.wideAround : extent.around;
    // Candidate start windows [a, b] of this regex, as pairs, then sorted by start and merged.
    const win = this.windowScratch;
    let w = 0;
    const { mPat, mStart, mEnd } = main;
    const trigStart = this.trigStart;
    const trigGroup = this.trigGroup;
    const group = rx.group;
    for (let t = 0; t < this.trigCount; t++) {
      const k = this.trigMatches[t];
      const p = mPat[k];
      let mine = false;
      for (let q = trigStart[p]; q < trigStart[p + 1]; q++) if (trigGroup[q] === group) mine = true;
      if (!mine) continue;
      let ts = mStart[k];
      let te = mEnd[k];
      if (light.starts !== null) {
        ts = lowerBound(light.starts, n, ts);
        te = lowerBound(light.starts, n, te);
      }
      win[w++] = Math.max(0, te - len);
      win[w++] = Math.min(n, ts);
    }
    const pairs = w >> 1;
    sortPairs(win, pairs);
    const re = rx.re;
    const first = rx.first;
    let pos = 0;
    let found = 0;
    for (let i = 0; i < pairs;) {
      const a = win[2 * i];
      let b = win[2 * i + 1];
      for (i++; i < pairs && win[2 * i] <= b + 1; i++) b = Math.max(b, win[2 * i + 1]);
      let from = Math.max(a, pos);
      while (from <= b) {
        if (first !== null) {
          // No match starts before the first unit a match can start with.
          while (from <= b && first[text.charCodeAt(from) & FIRST_MASK] === 0) from++;
          if (from > b) break;
        }
        // Slice edges on code point boundaries: a pair cut in two reads as two lone surrogates.
        // `^` and `$` (no m flag) ask whether the text starts or ends there. Every position any
        // path tests lies in [from - around, b + len + around]: one unit more either side, and the
        // slice's own start and end (where `^` and `$` would hold) are tested only if they are the
        // text's.
        let lo = Math.max(0, from - around - (extent.start === true ? 1 : 0));
        if (lo > 0 && isLowSurrogate(text.charCodeAt(lo)) && isHighSurrogate(text.charCodeAt(lo - 1))) lo--;
        let hi = Math.min(n, b + len + around + (extent.end === true ? 1 : 0));
        if (hi < n && isLowSurrogate(text.charCodeAt(hi)) && isHighSurrogate(text.charCodeAt(hi - 1))) hi++;
        if (isLowSurrogate(text.charCodeAt(from)) && from > 0 && isHighSurrogate(text.charCodeAt(from - 1))) from--;
        re.lastIndex = from - lo;
        const m = re.exec(lo === 0 && hi === n ? text : text.slice(lo, hi));
        if (m === null) break;
        const at = lo + m.index;
        if (at > b) break;
        const mlen = m[0].length;
        pos = mlen === 0 ? at + 1 : at + mlen;
        if (mlen !== 0 && this.regexHit(rx, at, m[0], light, field, s) && ++found >= MAX_HITS_PER_RULE) return;
        from = pos;
      }
    }
  }

  /** Indices of the current field's scan matches that are trigger literals, trigMatches[0 .. trigCount). */
  private collectTriggers(): void {
    const main = this.main;
    const roles = this.mainRoles;
    let c = 0;
    if (this.trigMatches.length < main.count) this.trigMatches = new Int32Array(main.count * 2);
    for (let k = 0; k < main.count; k++) if ((roles[main.mPat[k]] & ROLE_TRIGGER) !== 0) this.trigMatches[c++] = k;
    this.trigCount = c;
    if (this.windowScratch.length < 2 * c) this.windowScratch = new Int32Array(4 * c);
  }

  /** Marks regex r to run on the current field (once). */
  private arm(r: number, stamp: number): void {
    if (this.armedAt[r] === stamp) return;
    this.armedAt[r] = stamp;
    this.armed[this.armedCount++] = r;
  }

  /** First window (by start) holding one occurrence of every term; reported once per field. */
  private proximityHits(ri: number, field: string, occ: number[], count: number, s: string): void {
    const rule = this.rules[ri];
    if (rule.kind !== 'all') return;
    const need = rule.all.length;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => occ[a * 3 + 1] - occ[b * 3 + 1]);
    const pick = new Int32Array(need);
    for (let i = 0; i < count; i++) {
      const first = order[i];
      const windowStart = occ[first * 3 + 1];
      pick.fill(-1);
      let have = 0;
      for (let j = i; j < count && have < need; j++) {
        const h = order[j];
        if (occ[h * 3 + 2] - windowStart > rule.window) continue;
        if (occ[h * 3 + 1] - windowStart > rule.window) break;
        const term = occ[h * 3];
        if (pick[term] < 0) {
          pick[term] = h;
          have++;
        }
      }
      if (have === need) {
        for (const h of pick) this.addHit(ri, field, occ[h * 3 + 1], occ[h * 3 + 2], s);
        return;
      }
    }
  }

  /** Bytes held in the typed arrays of the automata and scanners (benchmark memory figures). */
  get typedArrayBytes(): number {
    let n = this.main.bytes + this.ownStart.byteLength + this.ownList.byteLength + this.mainRoles.byteLength;
    if (this.pinyin) n += this.pinyin.bytes;
    return n;
  }

  /**
   * How each regex entry is run (a regex with several prefilter clauses has an entry per clause): by
   * trigger literals or separator marks it needs, or on every field past its digit/letter gates; in
   * windows around its triggers, or over the whole field. For the speed checks and reports.
   */
  regexPlan(): Array<{ rule: string; armed: 'trigger' | 'gated' | 'every field'; windowed: boolean }> {
    return this.regexes.map((rx) => ({
      rule: this.ruleIdOf[rx.rule],
      armed: !rx.always ? 'trigger' : rx.minDigits > 0 || rx.minLetters > 0 || rx.minDigitRun > 0 ? 'gated' : 'every field',
      windowed: rx.extent !== null,
    }));
  }

  /** Which implementation runs the main keyword scan. */
  get scanner(): 'wasm' | 'js' {
    return this.wasmMain !== null ? 'wasm' : 'js';
  }

  /** Keyword stage alone (normalisation + automaton, no verdict): raw match count. For benchmarks. */
  countKeywordMatches(text: string): number {
    this.main.scan(text);
    return this.main.count;
  }

  matchImage(index: number, phash: string): ActionLabel[] {
    if (!/^[0-9a-fA-F]{16}$/.test(phash) || this.images.length === 0) return [];
    const hi = parseInt(phash.slice(0, 8), 16) | 0;
    const lo = parseInt(phash.slice(8), 16) | 0;
    const best = new Map<number, number>();
    for (const img of this.images) {
      const d = popcount32(hi ^ img.hi) + popcount32(lo ^ img.lo);
      const rule = this.rules[img.rule];
      if (rule.kind !== 'image' || d > rule.distance) continue;
      const prev = best.get(img.rule);
      if (prev === undefined || d < prev) best.set(img.rule, d);
    }
    const labels: ActionLabel[] = [];
    for (const [ri, d] of best) {
      const rule = this.rules[ri];
      const label: ActionLabel = {
        category: rule.category,
        score: rule.weight,
        hits: [{ rule: rule.id, field: `images[${index}]`, start: 0, end: 0, text: '' }],
        reason: `perceptual hash within ${d} bits of an image listed by ${rule.id}`,
        action: rule.action,
      };
      if (rule.label !== undefined) label.label = rule.label;
      labels.push(label);
    }
    return labels;
  }

  addLabels(verdict: Verdict, extra: ActionLabel[]): Verdict {
    return mergeLabels(verdict, extra, this.threshold);
  }
}

/**
 * A clause whose triggers are all digit strings (the 1 of a mobile number, the 400 of a hotline),
 * on a regex that needs a long run of digits anyway: the digit-run gate alone arms it. Running the
 * regex on more fields is safe (a prefilter only ever skips fields it cannot match), and the digits
 * stay out of the automaton: they were the commonest matches of the scan (≈ 17,000 per 10 MB of
 * COLD text, each collected, armed and then stopped by the gate), for ≈ 50 runs more per 10 MB.
 */
function armedByDigitRun(rx: CompiledPattern, literals: readonly string[]): boolean {
  return rx.minDigitRun >= DIGIT_RUN_GATE && literals.length > 0 && literals.every((lit) => /^[0-9]+$/.test(lit));
}

/** Whether `marks` has a bit of every mask in `masks`. */
function hasAll(marks: number, masks: number[]): boolean {
  for (const m of masks) if ((marks & m) === 0) return false;
  return true;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Where the title's part of the seam starts (SEAM_SPAN units, not splitting a surrogate pair). */
function seamFrom(title: string): number {
  const from = Math.max(0, title.length - SEAM_SPAN);
  return from > 0 && isLowSurrogate(title.charCodeAt(from)) ? from - 1 : from;
}

/** Where the text's part of the seam ends. */
function seamTo(text: string): number {
  const to = Math.min(text.length, SEAM_SPAN);
  return to < text.length && isLowSurrogate(text.charCodeAt(to)) ? to + 1 : to;
}
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
/** Any surrogate unit: then a class or `.` may read two units (RegexExtent.wideLen). */
const HAS_SURROGATE = /[\ud800-\udfff]/;
let lightKeeps: boolean | undefined;

/**
 * Whether the regexes' light fold leaves every surrogate unit as it is and turns no other unit into
 * one: then its text has a surrogate exactly when the field does, which the scan notes (WIDE_MARK).
 */
function lightKeepsSurrogates(): boolean {
  if (lightKeeps === undefined) {
    const light = foldTables().light;
    lightKeeps = true;
    for (let c = 0; c < 65536; c++) {
      const surrogate = c >= 0xd800 && c <= 0xdfff;
      if (surrogate ? light[c] !== c : light[c] >= 0xd800 && light[c] <= 0xdfff) lightKeeps = false;
    }
  }
  return lightKeeps;
}

const FIRST_MASK = 4095;

/** regexFirstUnits as a bit set over (unit & FIRST_MASK): collisions only make a window run. */
function firstUnits(pattern: string): Uint8Array | null {
  const units = regexFirstUnits(pattern);
  if (units === null) return null;
  const set = new Uint8Array(FIRST_MASK + 1);
  for (const u of units) set[u & FIRST_MASK] = 1;
  return set;
}

/** First index i < n with a[i] >= x (n if none); a ascending. */
function lowerBound(a: Int32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts (start, end) pairs by start; the few windows of a field are nearly sorted already. */
function sortPairs(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[2 * i];
    const y = a[2 * i + 1];
    let j = i - 1;
    while (j >= 0 && a[2 * j] > x) {
      a[2 * j + 2] = a[2 * j];
      a[2 * j + 3] = a[2 * j + 1];
      j--;
    }
    a[2 * j + 2] = x;
    a[2 * j + 3] = y;
  }
}
const isToneDigit = (c: number): boolean => c >= 0x30 && c <= 0x35;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Few rules fire per item: insertion sort beats Array#sort with a comparator there. */
function insertionSort(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
}

function compilePattern(rule: PatternRule, ri: number, group: number): CompiledPattern {
  return {
    rule: ri,
    group,
    re: rule.linear ? compileRe2(rule.pattern) : new RegExp(rule.pattern, 'giu'),
    validate: rule.validate ? (VALIDATORS[rule.validate] ?? null) : null,
    minDigits: rule.minDigits,
    minLetters: rule.minLetters,
    minDigitRun: rule.minDigitRun,
    also: [],
    alsoMarks: [],
    // RE2 (operator packs) keeps its whole-field runs: its lastIndex handling is its own.
    extent: rule.linear ? null : regexExtent(rule.pattern, true),
    first: rule.linear ? null : firstUnits(rule.pattern),
    always: true,
    chars: [],
    charMarks: 0,
  };
}

/**
 * The classifier's jieba (loaded once per process). Without it every character counts as a word,
 * so `boundary: word` rules still fire (no silent loss of a rule when the segmenter is missing).
 */
function loadCutter(): Cutter {
  try {
    const mod = require('./classifier') as { jiebaCutter?: (mode?: 'default') => Cutter };
    if (typeof mod.jiebaCutter === 'function') return mod.jiebaCutter('default');
  } catch {
    // fall through
  }
  return (text) => Array.from(text);
}

/** Loads the classifier if its module exists and has a model; never throws. */
export function loadClassifier(): TextModel | null {
  try {
    // Required lazily: the classifier (and `natural`) are optional, and cost start-up time.
    const mod = require('./classifier') as { loadDefaultModel?: () => TextModel | null };
    return typeof mod.loadDefaultModel === 'function' ? mod.loadDefaultModel() : null;
  } catch {
    return null;
  }
}

/** Synchronous createFilter (the reloader and CLI use it). Throws RulePackError on a bad pack. */
export function createFilterSync(options: CreateFilterOptions = {}): CompiledFilter {
  const shipped = options.shipped === false ? null : shippedPacksDir();
  const dirs = [...(shipped ? [shipped] : []), ...(options.rules ?? [])];
  const packs = loadPacks(dirs);
  const model = options.classifier === false ? null : loadClassifier();
  return new CompiledFilter(packs, { model, blockThreshold: options.blockThreshold, shippedDir: shipped ?? undefined });
}
